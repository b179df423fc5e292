"""Small formatting helpers for the publishing pages (numbers, sizes, lists of concepts)."""

from __future__ import annotations

from collections.abc import Iterable

from bigpicture.catalogue.facts import Concept

UNITS = ("B", "kB", "MB", "GB", "TB", "PB")


def filesize(size: int) -> str:
    """A byte count in decimal units: ``1250000000000`` -> ``1.25 TB``."""
    value = float(size)
    for unit in UNITS:
        if value < 1000 or unit == UNITS[-1]:
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.3g} {unit}"
        value /= 1000
    return f"{size} B"


def number(value: int | float | None) -> str:
    """A count with thin thousands separators (``12 345``); empty for unknown."""
    if value is None:
        return ""
    return f"{value:,}".replace(",", "\u202f")


def labels(concepts: Iterable[Concept]) -> str:
    """Concept labels, comma-separated."""
    return ", ".join(c.label for c in concepts if c.label)


def magnification(values: Iterable[float]) -> str:
    """Objective magnifications: ``20×, 40×``."""
    return ", ".join(f"{v:g}×" for v in sorted(set(values)))


def terabytes(size: int) -> float:
    """Bytes as terabytes (10^12), for metrics."""
    return round(size / 1e12, 3)
