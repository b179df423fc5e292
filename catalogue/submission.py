"""A submission read for ingest: its objects, and the few fields that name the version.

Reading goes through the validation package's safe loaders (folder or zip, size limits, safe
XML parsing), so ingest sees exactly the files validation judged. The dataset key is the
DATASET accession, else its alias (MetaFleX FORMAT.md section 5).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from bigpicture.catalogue.validation.limits import DEFAULT_LIMITS
from bigpicture.catalogue.validation.objects import MetaObject, ObjectIndex
from bigpicture.catalogue.validation.parsing import parse_file
from bigpicture.catalogue.validation.sources import (
    LoadedSubmission,
    SubmissionFile,
    source_for_path,
)

XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"


class SubmissionUnreadable(Exception):
    """The submission has no DATASET (or cannot be read); the message names the file."""


@dataclass(frozen=True)
class Submission:
    """What ingest needs of one submission."""

    name: str
    index: ObjectIndex
    files: tuple[SubmissionFile, ...]
    """The submission's XML files (relative path and bytes), as validation read them."""
    dataset_key: str
    dataset_alias: str
    version: str
    title: str
    content_hash: str
    """SHA-256 over the submission's XML files (path and bytes, sorted by path)."""
    organisation: str = ""
    doi: str = ""
    """A DOI given in the LANDING_PAGE ``doi`` attribute (empty until minted)."""
    sample_images: tuple[str, ...] = ()


def _text(element, tag: str) -> str:
    found = element.find(tag)
    if found is None or found.get(XSI_NIL) in ("true", "1"):
        return ""
    return (found.text or "").strip()


def _attribute(obj: MetaObject, tag: str) -> str:
    """The first STRING_ATTRIBUTE value with this TAG (empty when nil or missing)."""
    for attribute in obj.element.iterfind("ATTRIBUTES/STRING_ATTRIBUTE"):
        if attribute.findtext("TAG") == tag:
            return _text(attribute, "VALUE")
    return ""


def content_hash(loaded: LoadedSubmission) -> str:
    """The digest that tells an identical re-submission from a changed one."""
    digest = hashlib.sha256()
    for file in sorted(loaded.files, key=lambda f: f.path):
        digest.update(file.path.encode() + b"\0" + hashlib.sha256(file.data).digest())
    return digest.hexdigest()


def _first(index: ObjectIndex, kind: str) -> MetaObject | None:
    found = index.of_kind(kind)
    return found[0] if found else None


def read_submission(path: Path) -> Submission:
    """Read the submission at ``path`` (folder or zip); it should have passed validation."""
    loaded = source_for_path(Path(path)).load(DEFAULT_LIMITS)  # a zip's file is closed by load
    parsed = [result for result, _ in (parse_file(file) for file in loaded.files) if result]
    return submission_of(path, loaded, ObjectIndex.from_files(parsed))


def submission_of(path: Path, loaded: LoadedSubmission, index: ObjectIndex) -> Submission:
    """The submission validation read from ``path`` (its files and their objects)."""
    dataset = _first(index, "DATASET")
    if dataset is None or not dataset.alias:
        raise SubmissionUnreadable(f"{path}: no DATASET with an alias (METADATA/dataset.xml)")
    organisation = _first(index, "ORGANISATION")
    landing = _first(index, "LANDING_PAGE")
    return Submission(
        name=loaded.name,
        index=index,
        files=loaded.files,
        dataset_key=dataset.accession or dataset.alias,
        dataset_alias=dataset.alias,
        version=_text(dataset.element, "VERSION"),
        title=_text(dataset.element, "TITLE"),
        content_hash=content_hash(loaded),
        organisation=_text(organisation.element, "NAME") if organisation else "",
        doi=_attribute(landing, "doi") if landing else "",
        sample_images=tuple(
            element.get("filename", "")
            for element in (landing.element.iterfind(".//SAMPLE_IMAGE_FILE") if landing else ())
        ),
    )
