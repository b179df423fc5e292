"""Ingest: a validated MetaFleX submission becomes one immutable dataset version in the store.

``ingest_path`` validates (``bigpicture.catalogue.validation.validate_path``), refuses an invalid
submission with its report (the store stays unchanged), names the version (dataset key,
version id, base IRI, DOI; see ``identifiers``), adds the submission's public RDF plus any DICOM
technical triples in one atomic write, and keeps the LANDING_PAGE sample images beside the
store. Re-ingesting the same content is a no-op; other content under the same VERSION is
refused by the store (versions are immutable).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from bigpicture.catalogue.gc_pause import gc_paused
from bigpicture.catalogue.identifiers import VersionIris, is_doi, version_doi, version_id
from bigpicture.catalogue.settings import Settings
from bigpicture.catalogue.store import NewVersion, Record, Store
from bigpicture.catalogue.submission import Submission, read_submission, submission_of
from bigpicture.catalogue.submission_rdf import submission_ntriples

#: Gives the DICOM technical triples (N-Triples) of a version from its base IRI.
Technical = Callable[[str], bytes]


class SubmissionRefused(Exception):
    """The submission is invalid; ``report`` (a ValidationReport) says why."""

    def __init__(self, message: str, report: object) -> None:
        super().__init__(message)
        self.report = report


@dataclass(frozen=True)
class IngestResult:
    """The version the submission became, and whether it was new."""

    record: Record
    created: bool
    report: object
    """The ValidationReport (warnings may remain)."""
    registration: object | None = None
    """The DOI registration (``datacite.registrar.Registration``) when one was made."""
    registration_error: str = ""
    """Why the DOI could not be registered (the version is stored all the same)."""


def _validate(path: Path):  # -> bigpicture.catalogue.validation.Checked
    """The validated submission (report, files and objects); refused when invalid."""
    from bigpicture.catalogue.validation import check_path

    checked = check_path(path)
    if not checked.report.valid:
        errors = sum(1 for f in checked.report.findings if f.severity.value == "error")
        raise SubmissionRefused(
            f"{path}: invalid submission ({errors} errors); nothing was added", checked.report
        )
    return checked


def new_version(
    submission: Submission, settings: Settings, technical: Technical | None = None, node: str = ""
) -> NewVersion:
    """The store entry for ``submission`` under the catalogue's base URL and DOI prefix."""
    iris = VersionIris(
        settings.base_url,
        version_id(submission.dataset_key, submission.version),
        submission.dataset_key,
    )
    extra = technical(iris.base) if technical else b""
    given = submission.doi.removeprefix("https://doi.org/").removeprefix("doi:")
    return NewVersion(
        id=iris.id,
        dataset_key=submission.dataset_key,
        version=submission.version,
        title=submission.title,
        doi=given
        if is_doi(given)
        else version_doi(settings.doi_prefix, submission.dataset_key, submission.version),
        record_iri=iris.record,
        base_iri=iris.base,
        graph_iri=iris.graph,
        series_iri=iris.series,
        dataset_iri=iris.object("dataset", submission.dataset_alias),
        ntriples=submission_ntriples(submission, iris.base) + extra,
        content_hash=version_hash(submission, extra),
        issued=dt.date.today().isoformat(),
        node=node,
        organisation=submission.organisation,
    )


def version_hash(submission: Submission, technical_ntriples: bytes = b"") -> str:
    """What tells an identical re-offer from changed content: the submission's files and,
    for a harvested dataset, its DICOM technical triples."""
    if not technical_ntriples:
        return submission.content_hash
    extra = hashlib.sha256(technical_ntriples).digest()
    return hashlib.sha256(submission.content_hash.encode() + extra).hexdigest()


def sample_image_dir(settings: Settings, version: str) -> Path:
    """Where the LANDING_PAGE sample images of a version are kept."""
    return settings.data_dir / "sample_images" / version


def _copy_sample_images(path: Path, names: tuple[str, ...], target: Path) -> None:
    """Copy the named sample images found in the submission (folder or zip) to ``target``."""
    wanted = {PurePosixPath(name).name for name in names if name}
    if not wanted:
        return
    target.mkdir(parents=True, exist_ok=True)
    if path.is_dir():
        for found in (path / "LANDING_PAGE").rglob("*"):
            if found.name in wanted and found.is_file():
                shutil.copyfile(found, target / found.name)
        return
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            name = PurePosixPath(info.filename).name
            if name in wanted and "LANDING_PAGE" in info.filename and info.file_size < 20_000_000:
                (target / name).write_bytes(archive.read(info))


def ingest_path(
    path: Path,
    store: Store,
    settings: Settings,
    *,
    node: str = "",
    technical: Technical | None = None,
) -> IngestResult:
    """Validate the submission at ``path`` and add it as a dataset version (see module doc)."""
    from bigpicture.catalogue.ingest_facts import add_with_facts

    path = Path(path)
    with gc_paused():
        checked = _validate(path)
        submission = submission_of(path, checked.loaded, checked.index)
        result = add_with_facts(store, new_version(submission, settings, technical, node))
    if result.created:
        _copy_sample_images(
            path, submission.sample_images, sample_image_dir(settings, result.record.id)
        )
    return IngestResult(result.record, result.created, checked.report)


def already_ingested(
    path: Path, store: Store, settings: Settings, technical: Technical | None = None
) -> bool:
    """Whether the submission at ``path`` (with these DICOM technical triples, if any) is in
    the store with the same content; it is not validated."""
    submission = read_submission(Path(path))
    record = store.get_record(version_id(submission.dataset_key, submission.version))
    if record is None:
        return False
    extra = technical(record.base_iri) if technical else b""
    return record.content_hash == version_hash(submission, extra)
