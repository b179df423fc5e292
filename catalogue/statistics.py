"""The catalogue's numbers: datasets, images, cases and terabytes, in total and by node, organ,
diagnosis group, stain and scanner, counted over the current (not superseded, not withdrawn)
dataset versions.

A dataset counts fully under each of its values (a dataset of two organs adds its images to
both), so the rows of one dimension can add up to more than the total.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from bigpicture.catalogue.facts import DatasetFacts

MEASURES = ("datasets", "images", "cases", "terabytes")


@dataclass(frozen=True)
class Totals:
    """The four measures for one group of dataset versions."""

    datasets: int = 0
    images: int = 0
    cases: int = 0
    terabytes: float = 0.0

    def add(self, facts: DatasetFacts) -> Totals:
        """These totals plus one dataset version."""
        return Totals(
            self.datasets + 1,
            self.images + facts.image_count,
            self.cases + facts.case_count,
            round(self.terabytes + facts.size_bytes / 1e12, 6),
        )

    def measure(self, name: str) -> float:
        """One measure by name."""
        return float(getattr(self, name))

    def as_dict(self) -> dict[str, float]:
        """The measures as a mapping."""
        return {name: getattr(self, name) for name in MEASURES}


@dataclass(frozen=True)
class Breakdown:
    """Totals per value of one dimension, largest first."""

    dimension: str
    label: str
    rows: tuple[tuple[str, Totals], ...]


def labels_of(concepts_of: Callable[[DatasetFacts], Iterable[object]]) -> Callable:
    """A dimension reader returning labels of concepts or plain strings."""

    def read(facts: DatasetFacts) -> list[str]:
        return [getattr(c, "label", c) or "not stated" for c in concepts_of(facts)] or [
            "not stated"
        ]

    return read


DIMENSIONS: tuple[tuple[str, str, Callable[[DatasetFacts], list[str]]], ...] = (
    ("node", "Node", labels_of(lambda f: [f.node] if f.node else [])),
    ("organ", "Organ", labels_of(lambda f: f.organs)),
    ("diagnosis_group", "Diagnosis group", labels_of(lambda f: f.diagnosis_groups)),
    ("stain", "Stain", labels_of(lambda f: f.stains)),
    ("scanner", "Scanner", labels_of(lambda f: f.scanners)),
)


@dataclass(frozen=True)
class Statistics:
    """Totals and breakdowns of the current dataset versions."""

    total: Totals
    breakdowns: tuple[Breakdown, ...]

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready form."""
        return {
            "total": self.total.as_dict(),
            "by": {
                b.dimension: [{"value": value, **totals.as_dict()} for value, totals in b.rows]
                for b in self.breakdowns
            },
        }


def breakdown(facts: Sequence[DatasetFacts], name: str, label: str, read: Callable) -> Breakdown:
    """Totals per value of one dimension."""
    groups: dict[str, Totals] = {}
    for item in facts:
        for value in dict.fromkeys(read(item)):
            groups[value] = groups.get(value, Totals()).add(item)
    rows = sorted(groups.items(), key=lambda row: (-row[1].images, row[0]))
    return Breakdown(name, label, tuple(rows))


def compute(facts: Iterable[DatasetFacts]) -> Statistics:
    """The statistics of the current versions among ``facts``."""
    current = [f for f in facts if f.status == "current"]
    total = Totals()
    for item in current:
        total = total.add(item)
    return Statistics(total, tuple(breakdown(current, *dim) for dim in DIMENSIONS))
