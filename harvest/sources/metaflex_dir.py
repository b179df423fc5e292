"""MetaFleX from a local folder or zip: the same submissions ``bpcat ingest`` takes.

The node's path is a ``DATASET_<alias>/`` folder, a zip of one, or a folder holding several
of either. A folder's fingerprint hashes its files (DICOM files by size and modification time,
so terabytes of pixels are not read); a zip's is its SHA-256. Staging reads no copy: the
folder or zip is validated where it lies, and the DICOM headers under ``IMAGES/IMAGE_<alias>/``
are read header-only (in parallel processes for folders, member by member for zips).
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from bigpicture.harvest.dicom import batch
from bigpicture.harvest.dicom.remote import read_header_prefix
from bigpicture.harvest.errors import SourceUnavailable
from bigpicture.harvest.node_index import DATASET_PREFIX, IMAGES_DIR, sha256_file
from bigpicture.harvest.nodes import Node
from bigpicture.harvest.sources.base import LabelledHeader, Offer, Progress, Staged


def image_alias_of(path: PurePosixPath) -> str:
    """The alias of the ``IMAGES/IMAGE_<alias>/`` folder in ``path`` ('' when none)."""
    parts = path.parts
    for position, part in enumerate(parts[:-2]):
        if part == IMAGES_DIR and parts[position + 1].startswith("IMAGE_"):
            return parts[position + 1][len("IMAGE_") :]
    return ""


def _folder_fingerprint(folder: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        stat = path.stat()
        rel = path.relative_to(folder).as_posix()
        if rel.startswith(IMAGES_DIR + "/"):
            mark = f"{stat.st_size}:{stat.st_mtime_ns}"
        else:
            mark = sha256_file(path)
        digest.update(f"{rel} {mark}\n".encode())
        size += stat.st_size
    return digest.hexdigest(), size


def _candidates(root: Path) -> list[Path]:
    if root.is_file() or root.name.startswith(DATASET_PREFIX):
        return [root]
    return sorted(
        p for p in root.iterdir() if p.name.startswith(DATASET_PREFIX) or p.suffix.lower() == ".zip"
    )


class MetaflexDirSource:
    """Submissions in a local folder (or zips) of a node."""

    def __init__(self, node: Node) -> None:
        self.node = node
        self._paths: dict[str, Path] = {}

    def close(self) -> None:
        """Nothing to release."""

    def offers(self) -> Sequence[Offer]:
        root = self.node.path
        if root is None or not root.exists():
            raise SourceUnavailable(f"node {self.node.name}: {root} does not exist")
        found = []
        for path in _candidates(root):
            if path.is_dir():
                fingerprint, size = _folder_fingerprint(path)
            else:
                fingerprint, size = sha256_file(path), path.stat().st_size
            self._paths[path.name] = path
            found.append(Offer(path.name, fingerprint, size))
        return found

    def stage(self, offer: Offer, staging: Path, progress: Progress) -> Staged:
        path = self._paths[offer.name]
        if path.is_dir():
            return self._stage_folder(offer, path, progress)
        return self._stage_zip(offer, path, progress)

    def _stage_folder(self, offer: Offer, folder: Path, progress: Progress) -> Staged:
        files = sorted((folder / IMAGES_DIR).glob("IMAGE_*/**/*.dcm"))
        results = batch.read_headers(files)
        progress(len(files), len(files))
        found = [
            LabelledHeader(
                r.path.relative_to(folder).as_posix(),
                r.header,
                image_alias_of(PurePosixPath(r.path.relative_to(folder).as_posix())),
                r.path.stat().st_size,
            )
            for r in results
            if r.header is not None
        ]
        notes = tuple(
            f"{r.path.relative_to(folder)}: {r.error}" for r in results if r.header is None
        )
        return Staged(offer, folder, tuple(found), notes=notes)

    def _stage_zip(self, offer: Offer, path: Path, progress: Progress) -> Staged:
        found, notes = [], []
        try:
            with zipfile.ZipFile(path) as archive:
                members = [
                    m
                    for m in archive.infolist()
                    if image_alias_of(PurePosixPath(m.filename)) and not m.is_dir()
                ]
                for done, member in enumerate(members, 1):
                    result = _zip_header(archive, member)
                    (found if isinstance(result, LabelledHeader) else notes).append(result)
                    progress(done, len(members))
        except zipfile.BadZipFile as error:
            raise SourceUnavailable(
                f"node {self.node.name}: {path} is not a zip ({error})"
            ) from error
        return Staged(offer, path, tuple(found), notes=tuple(notes))


def _zip_header(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> LabelledHeader | str:
    def read(size: int) -> bytes:
        with archive.open(member) as handle:
            return handle.read(size)

    name = PurePosixPath(member.filename)
    try:
        return LabelledHeader(
            member.filename, read_header_prefix(read), image_alias_of(name), member.file_size
        )
    except Exception as error:  # noqa: BLE001 - a broken DICOM file is a note, not a crash
        return f"{member.filename}: not a readable DICOM header ({type(error).__name__})"
