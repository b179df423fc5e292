"""Reading a submission safely: a folder, a zip or one XML file (Bigpicture preparation guide).

Only XML files are read. Nothing outside the submission is read: symbolic links that leave the
folder and zip members with ``..`` or absolute paths are findings and are skipped; sizes are
capped before and while reading, so zip bombs and huge files stay bounded.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO, Protocol

from bigpicture.catalogue.validation.errors import InputError
from bigpicture.catalogue.validation.limits import MB, Limits
from bigpicture.catalogue.validation.report import Finding, Severity, Stage


@dataclass(frozen=True)
class SubmissionFile:
    """One XML file of a submission: its path relative to the submission and its bytes."""

    path: str
    data: bytes


@dataclass(frozen=True)
class LoadedSubmission:
    """What was read from the input, and what was refused while reading it."""

    name: str
    files: tuple[SubmissionFile, ...]
    findings: tuple[Finding, ...] = ()
    whole: bool = True
    """True for a folder or zip (cross-file checks apply); False for one XML file."""
    folder_name: str | None = None
    skipped: tuple[str, ...] = field(default_factory=tuple)


class SubmissionSource(Protocol):
    """Where the files of a submission come from."""

    def load(self, limits: Limits) -> LoadedSubmission:
        """Read every XML file within ``limits``."""
        ...


def _input_finding(rule: str, path: str, message: str, hint: str) -> Finding:
    return Finding(Severity.ERROR, Stage.INPUT, rule, message, file=path, hint=hint)


def _too_large(path: str, size: int, limits: Limits) -> Finding:
    return _input_finding(
        "file-too-large",
        path,
        f"The file is {size / MB:.1f} MB, more than the limit of "
        f"{limits.max_file_bytes / MB:.0f} MB; it was not read.",
        "Split the objects over smaller files or raise the limit (bpcat validate --max-file-mb).",
    )


def _total_exceeded(path: str, limits: Limits) -> Finding:
    return _input_finding(
        "submission-too-large",
        path,
        f"The XML files together exceed {limits.max_total_bytes / MB:.0f} MB; "
        "this file and the rest were not read.",
        "Validate the submission in parts or raise the limit.",
    )


def _is_xml_name(name: str) -> bool:
    return name.lower().endswith(".xml")


class _Budget:
    """Running total of bytes read against the submission limit."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.used = 0

    def take(self, size: int) -> bool:
        self.used += size
        return self.used <= self.limits.max_total_bytes


class FolderSource:
    """A submission folder ``DATASET_<alias>/`` on disk."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def load(self, limits: Limits) -> LoadedSubmission:
        root = _submission_root(self.root)
        files: list[SubmissionFile] = []
        findings: list[Finding] = []
        budget = _Budget(limits)
        for rel, path in _walk(root, findings):
            self._read_one(rel, path, limits, budget, files, findings)
        return LoadedSubmission(root.name, tuple(files), tuple(findings), True, root.name)

    @staticmethod
    def _read_one(rel, path, limits, budget, files, findings) -> None:
        try:
            info = path.stat()
            size = info.st_size
            if not stat.S_ISREG(info.st_mode):  # a pipe or device would block or never end
                raise OSError(0, "not a regular file")
            if size > limits.max_file_bytes:
                findings.append(_too_large(rel, size, limits))
            elif not budget.take(size):
                findings.append(_total_exceeded(rel, limits))
            else:
                files.append(SubmissionFile(rel, _read_capped(path, limits.max_file_bytes)))
        except OSError as error:
            findings.append(
                _input_finding(
                    "file-unreadable",
                    rel,
                    f"The file cannot be read ({error.strerror}).",
                    "Replace it by a regular, readable file.",
                )
            )


def _submission_root(folder: Path) -> Path:
    """The folder itself, or its only ``DATASET_*`` subfolder when it wraps one."""
    if (folder / "METADATA").is_dir():
        return folder
    subs = [p for p in folder.iterdir() if p.is_dir() and not p.is_symlink()]
    if len(subs) == 1 and subs[0].name.startswith("DATASET_"):
        return subs[0]
    return folder


def _walk(root: Path, findings: list[Finding]) -> Iterator[tuple[str, Path]]:
    """XML files under ``root`` in a stable order; links leaving ``root`` become findings."""
    real_root = root.resolve()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames.sort()
        base = Path(dirpath)
        for name in list(dirnames):
            if (base / name).is_symlink():
                dirnames.remove(name)
                _link_finding(base / name, root, real_root, findings, folder=True)
        for name in sorted(filenames):
            path = base / name
            if not _is_xml_name(name):
                continue
            if path.is_symlink() and not _link_inside(path, real_root):
                _link_finding(path, root, real_root, findings, folder=False)
                continue
            yield path.relative_to(root).as_posix(), path


def _link_inside(path: Path, real_root: Path) -> bool:
    try:
        return path.resolve().is_relative_to(real_root)
    except (OSError, RuntimeError):
        return False


def _link_finding(path, root, real_root, findings, folder: bool) -> None:
    rel = path.relative_to(root).as_posix()
    if not _link_inside(path, real_root):
        findings.append(
            _input_finding(
                "link-outside-submission",
                rel,
                "This symbolic link points outside the submission folder; it was not followed.",
                "Copy the file into the submission instead of linking to it.",
            )
        )
    elif folder:
        findings.append(
            Finding(
                Severity.WARNING,
                Stage.INPUT,
                "linked-folder-skipped",
                "This folder is a symbolic link; its files were not read.",
                file=rel,
                hint="Replace the link by the folder itself.",
            )
        )


def _read_capped(path: Path, cap: int) -> bytes:
    """At most ``cap`` bytes of a regular file (a growing file cannot exceed the cap)."""
    with path.open("rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise OSError(0, "not a regular file")
        return handle.read(cap + 1)[: cap + 1]


class ZipSource:
    """A zip of a submission folder (members read in memory, never extracted to disk)."""

    def __init__(self, stream: BinaryIO, name: str) -> None:
        self.stream = stream
        self.name = name

    def load(self, limits: Limits) -> LoadedSubmission:
        with self.stream:
            return self._load(limits)

    def _load(self, limits: Limits) -> LoadedSubmission:
        try:
            archive = zipfile.ZipFile(self.stream)
            members = archive.infolist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
            raise InputError(f"{self.name}: not a readable zip file ({error})") from error
        if len(members) > limits.max_members:
            raise InputError(
                f"{self.name}: the zip has {len(members)} entries, more than {limits.max_members}"
            )
        prefix = _common_prefix([m.filename for m in members])
        files: list[SubmissionFile] = []
        findings: list[Finding] = []
        budget = _Budget(limits)
        with archive:
            for member in members:
                self._read_member(archive, member, prefix, limits, budget, files, findings)
        folder = prefix.rstrip("/").rsplit("/", 1)[-1] or None
        return LoadedSubmission(self.name, tuple(files), tuple(findings), True, folder)

    def _read_member(self, archive, member, prefix, limits, budget, files, findings) -> None:
        name = member.filename
        if not _safe_member_name(name):
            findings.append(
                _input_finding(
                    "unsafe-zip-path",
                    name,
                    "This zip entry has an absolute path or climbs out with '..'; it was not read.",
                    "Zip the submission folder with relative paths only.",
                )
            )
            return
        if member.is_dir() or not _is_xml_name(name):
            return
        rel = name[len(prefix) :]
        if stat.S_ISLNK(member.external_attr >> 16):
            findings.append(
                _input_finding(
                    "link-outside-submission",
                    rel,
                    "This zip entry is a symbolic link; it was not followed.",
                    "Zip the file itself, not a link to it.",
                )
            )
            return
        problem = _member_problem(member, limits)
        if problem:
            findings.append(_input_finding("zip-bomb", rel, problem, "Zip the plain XML files."))
            return
        if not budget.take(member.file_size):
            findings.append(_total_exceeded(rel, limits))
            return
        self._extract(archive, member, rel, limits, files, findings)

    @staticmethod
    def _extract(archive, member, rel, limits, files, findings) -> None:
        try:
            with archive.open(member) as handle:
                data = handle.read(limits.max_file_bytes + 1)
        except (zipfile.BadZipFile, RuntimeError, OSError, ValueError, EOFError) as error:
            findings.append(
                _input_finding(
                    "zip-entry-unreadable",
                    rel,
                    f"This zip entry cannot be read ({error}).",
                    "Zip the submission again, without encryption.",
                )
            )
            return
        if len(data) > limits.max_file_bytes:
            findings.append(_too_large(rel, len(data), limits))
            return
        files.append(SubmissionFile(rel, data))


def _member_problem(member: zipfile.ZipInfo, limits: Limits) -> str | None:
    """Why a member must not be decompressed, from its declared sizes."""
    if member.file_size > limits.max_file_bytes:
        return (
            f"This zip entry would expand to {member.file_size / MB:.0f} MB, more than the limit "
            f"of {limits.max_file_bytes / MB:.0f} MB; it was not decompressed."
        )
    ratio = member.file_size / max(member.compress_size, 1)
    if member.file_size > MB and ratio > limits.max_compression_ratio:
        return f"This zip entry expands {ratio:.0f} times (a zip bomb?); it was not decompressed."
    return None


def _safe_member_name(name: str) -> bool:
    if name.startswith(("/", "\\")) or "\\" in name or (len(name) > 1 and name[1] == ":"):
        return False
    return ".." not in PurePosixPath(name).parts


def _common_prefix(names: list[str]) -> str:
    """``DATASET_x/`` when every entry lies in that one top folder and it holds METADATA."""
    tops = {name.split("/", 1)[0] for name in names if "/" in name}
    loose = [name for name in names if "/" not in name]
    if len(tops) == 1 and not loose:
        top = tops.pop()
        if not top.startswith("METADATA") and top not in ("LANDING_PAGE", "PRIVATE"):
            return top + "/"
    return ""


class SingleFileSource:
    """One XML file: every per-file stage runs; cross-file checks are limited to the file."""

    def __init__(self, path: Path | None, name: str, data: bytes | None = None) -> None:
        self.path = path
        self.name = name
        self.data = data

    def load(self, limits: Limits) -> LoadedSubmission:
        findings: list[Finding] = []
        files: list[SubmissionFile] = []
        data = self.data
        if data is None and self.path is not None:
            size = self.path.stat().st_size
            if size > limits.max_file_bytes:
                findings.append(_too_large(self.name, size, limits))
            else:
                data = _read_capped(self.path, limits.max_file_bytes)
        if data is not None:
            if len(data) > limits.max_file_bytes:
                findings.append(_too_large(self.name, len(data), limits))
            else:
                files.append(SubmissionFile(self.name, data))
        return LoadedSubmission(self.name, tuple(files), tuple(findings), False, None)


def source_for_path(path: Path) -> SubmissionSource:
    """The source reading ``path``; InputError when it is none of folder, zip or XML file."""
    try:
        if path.is_dir():
            return FolderSource(path)
        if not path.is_file():
            raise InputError(f"{path}: no such file or folder")
        with path.open("rb") as handle:
            head = handle.read(4)
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror})") from error
    if not head.strip():
        raise InputError(f"{path}: the file is empty")
    if head.startswith(b"PK"):
        return ZipSource(path.open("rb"), path.name)
    if path.suffix.lower() == ".xml" or head.lstrip().startswith(b"<"):
        return SingleFileSource(path, path.name)
    raise InputError(f"{path}: neither a submission folder, a zip nor an XML file")


def source_for_upload(filename: str, data: bytes) -> SubmissionSource:
    """The source reading an uploaded zip or XML file."""
    if not data.strip():
        raise InputError(f"{filename or 'upload'}: the upload is empty")
    if filename.lower().endswith(".zip") and not data.startswith(b"PK"):
        raise InputError(f"{filename}: not a zip file")
    if data.startswith(b"PK"):
        return ZipSource(io.BytesIO(data), filename or "upload.zip")
    return SingleFileSource(None, PurePosixPath(filename or "upload.xml").name, data)
