"""What every kind of node offers the pipeline: the ``Source`` and ``HeaderSource`` protocols.

A :class:`Source` lists the datasets of a node with a fingerprint each (so an unchanged dataset
is skipped without being fetched) and stages one dataset at a time: a MetaFleX folder or zip
with the DICOM headers of its images, or a DCAT record. A :class:`HeaderSource` (DICOMweb,
folders of DICOM files) yields allow-listed DICOM headers that belong to the images of a
MetaFleX node. Implementations: ``metaflex_http``, ``metaflex_dir``, ``dcat``; ``dicomweb``,
``dicom_dir``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from bigpicture.harvest.dicom.header import DicomHeader

#: Called with (done, total) as a long step advances.
Progress = Callable[[int, int], None]


def no_progress(done: int, total: int) -> None:
    """A progress callback that shows nothing."""


@dataclass(frozen=True)
class Offer:
    """One dataset a node offers."""

    name: str
    """Its name at the node (``DATASET_<alias>``, a zip name, or a DCAT dataset IRI)."""
    fingerprint: str
    """Changes whenever the dataset changes (checksum of its files, or a hash of its record)."""
    size: int = 0


@dataclass(frozen=True)
class LabelledHeader:
    """The header of one DICOM file with a label for messages (file name; never a UID)."""

    label: str
    header: DicomHeader
    image_alias: str = ""
    """The MetaFleX IMAGE the file lies under (``IMAGES/IMAGE_<alias>/``), if known."""
    size: int = 0
    """Bytes in the file (0 when the source does not say)."""


@dataclass(frozen=True)
class Staged:
    """One dataset fetched into the staging area, ready for validation."""

    offer: Offer
    path: Path | None = None
    """The MetaFleX folder or zip (None for a DCAT record)."""
    headers: Sequence[LabelledHeader] = ()
    record_ntriples: bytes = b""
    """A DCAT record as N-Triples (DCAT sources only)."""
    record: Mapping[str, str] = field(default_factory=dict)
    """Identifier, title and IRI of a DCAT record."""
    notes: tuple[str, ...] = ()
    """Warnings met on the way (files that could not be read, …)."""


class Source(Protocol):
    """A node that offers datasets."""

    def offers(self) -> Sequence[Offer]:
        """The datasets of the node now (raises SourceUnavailable)."""
        ...

    def stage(self, offer: Offer, staging: Path, progress: Progress) -> Staged:
        """Fetch one dataset under ``staging`` (raises HarvestError)."""
        ...

    def close(self) -> None:
        """Release connections."""
        ...


class HeaderSource(Protocol):
    """A node that holds DICOM files of another node's images."""

    def headers(self, progress: Progress) -> Sequence[LabelledHeader]:
        """The allow-listed headers of all its WSI files (raises SourceUnavailable)."""
        ...

    def close(self) -> None:
        """Release connections."""
        ...
