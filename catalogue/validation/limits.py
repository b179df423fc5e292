"""Limits that keep validation bounded in time and memory whatever the input."""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Upper bounds on what one validation reads; exceeding one is a finding, never a crash."""

    max_file_bytes: int = 256 * MB
    """Largest XML file accepted (a 45,000-image submission has a 66 MB sample.xml)."""

    max_total_bytes: int = 2048 * MB
    """Most XML bytes read from one submission, all files together."""

    max_members: int = 2_000_000
    """Most entries in a zip (DICOM files included) before it is refused as unreadable."""

    max_compression_ratio: int = 1000
    """Largest uncompressed/compressed size ratio of a zip member (zip bombs go far beyond)."""

    max_depth: int = 256
    """Deepest element nesting (libxml2's safe default; SET_ATTRIBUTE nesting is far less)."""


DEFAULT_LIMITS = Limits()
