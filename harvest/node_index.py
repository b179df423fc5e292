"""The index of a MetaFleX node: its datasets, their files, sizes, SHA-256 and dates.

Implements the ``index.json`` document of docs/node-protocol.md (protocol
``bigpicture-node/1``). :func:`build_index` makes it from a folder of ``DATASET_<alias>/``
submissions (what ``bpcat node serve`` publishes); :func:`parse_index` reads and checks one
fetched from a node, so a node that answers with garbage is reported, not trusted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from bigpicture.harvest.errors import SourceUnavailable

PROTOCOL = "bigpicture-node/1"
DATASET_PREFIX = "DATASET_"
IMAGES_DIR = "IMAGES"


@dataclass(frozen=True)
class IndexedFile:
    """One file of a dataset folder, by its path inside that folder."""

    path: str
    size: int
    sha256: str
    modified: str

    @property
    def is_dicom(self) -> bool:
        """A file under ``IMAGES/IMAGE_<alias>/`` (read by header only)."""
        return self.path.startswith(IMAGES_DIR + "/")

    @property
    def image_alias(self) -> str:
        """The alias of the IMAGE folder holding this file ('' outside IMAGES/)."""
        parts = PurePosixPath(self.path).parts
        if len(parts) >= 3 and parts[0] == IMAGES_DIR and parts[1].startswith("IMAGE_"):
            return parts[1][len("IMAGE_") :]
        return ""


@dataclass(frozen=True)
class IndexedDataset:
    """One ``DATASET_<alias>/`` folder of a node."""

    name: str
    checksum: str
    """SHA-256 over the sorted ``path sha256`` lines of its files: changes with any file."""
    modified: str
    files: tuple[IndexedFile, ...]

    @property
    def size(self) -> int:
        """Bytes in all its files."""
        return sum(f.size for f in self.files)


@dataclass(frozen=True)
class NodeIndex:
    """The whole index of a node."""

    title: str
    datasets: tuple[IndexedDataset, ...]


def dataset_checksum(files: tuple[IndexedFile, ...]) -> str:
    """The checksum of a dataset from its files' paths and SHA-256."""
    lines = sorted(f"{f.path} {f.sha256}\n" for f in files)
    return hashlib.sha256("".join(lines).encode()).hexdigest()


def _iso(seconds: float) -> str:
    return dt.datetime.fromtimestamp(seconds, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def sha256_file(path: Path) -> str:
    """SHA-256 of a file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class HashCache:
    """SHA-256 of files keyed by (path, size, mtime), so an unchanged file is hashed once."""

    def __init__(self) -> None:
        self._known: dict[tuple[str, int, int], str] = {}
        self._lock = threading.Lock()

    def sha256(self, path: Path, stat: os.stat_result) -> str:
        key = (str(path), stat.st_size, stat.st_mtime_ns)
        with self._lock:
            found = self._known.get(key)
        if found is None:
            found = sha256_file(path)
            with self._lock:
                self._known[key] = found
        return found


def _walk_files(folder: Path) -> Iterator[Path]:
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.startswith("."):
                yield Path(root) / name


def index_dataset(folder: Path, cache: HashCache) -> IndexedDataset:
    """The index entry of one dataset folder."""
    files = []
    for path in _walk_files(folder):
        stat = path.stat()
        rel = path.relative_to(folder).as_posix()
        files.append(IndexedFile(rel, stat.st_size, cache.sha256(path, stat), _iso(stat.st_mtime)))
    found = tuple(files)
    newest = max((f.modified for f in found), default=_iso(folder.stat().st_mtime))
    return IndexedDataset(folder.name, dataset_checksum(found), newest, found)


def dataset_folders(root: Path) -> list[Path]:
    """The ``DATASET_*`` folders of ``root`` (or ``root`` itself when it is one)."""
    if root.name.startswith(DATASET_PREFIX) and root.is_dir():
        return [root]
    return sorted(p for p in root.iterdir() if p.is_dir() and p.name.startswith(DATASET_PREFIX))


def build_index(root: Path, title: str, cache: HashCache) -> NodeIndex:
    """The index of every dataset folder under ``root``."""
    return NodeIndex(title, tuple(index_dataset(f, cache) for f in dataset_folders(root)))


def index_to_json(index: NodeIndex) -> bytes:
    """The ``index.json`` document."""
    document = {
        "protocol": PROTOCOL,
        "title": index.title,
        "datasets": [
            {
                "name": d.name,
                "checksum": d.checksum,
                "modified": d.modified,
                "size": d.size,
                "files": [
                    {"path": f.path, "size": f.size, "sha256": f.sha256, "modified": f.modified}
                    for f in d.files
                ],
            }
            for d in index.datasets
        ],
    }
    return json.dumps(document, separators=(",", ":")).encode()


def _safe_path(value: object, where: str) -> str:
    path = PurePosixPath(str(value))
    if not str(value) or path.is_absolute() or ".." in path.parts or "\\" in str(value):
        raise SourceUnavailable(f"{where}: unsafe file path {value!r} in the index")
    return path.as_posix()


def _hex64(value: object, where: str) -> str:
    text = str(value)
    if len(text) != 64 or any(c not in "0123456789abcdef" for c in text):
        raise SourceUnavailable(f"{where}: {text!r} is not a lowercase SHA-256")
    return text


def _parse_file(entry: Mapping, where: str) -> IndexedFile:
    size = entry.get("size")
    if not isinstance(size, int) or size < 0:
        raise SourceUnavailable(f"{where}: file size {size!r} is not a count of bytes")
    return IndexedFile(
        _safe_path(entry.get("path"), where),
        size,
        _hex64(entry.get("sha256"), where),
        str(entry.get("modified", "")),
    )


def _parse_dataset(entry: Mapping, where: str) -> IndexedDataset:
    name = str(entry.get("name", ""))
    if not name.startswith(DATASET_PREFIX) or "/" in name or name in (".", ".."):
        raise SourceUnavailable(f"{where}: dataset name {name!r} is not DATASET_<alias>")
    files = tuple(_parse_file(f, f"{where} {name}") for f in entry.get("files", ()))
    checksum = _hex64(entry.get("checksum"), f"{where} {name}")
    if checksum != dataset_checksum(files):
        raise SourceUnavailable(f"{where} {name}: checksum does not match its files")
    return IndexedDataset(name, checksum, str(entry.get("modified", "")), files)


def parse_index(body: bytes, where: str) -> NodeIndex:
    """A fetched ``index.json``; raises SourceUnavailable when it is not one."""
    try:
        document = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise SourceUnavailable(f"{where}: the index is not JSON ({error})") from error
    if not isinstance(document, dict) or document.get("protocol") != PROTOCOL:
        raise SourceUnavailable(f"{where}: not a {PROTOCOL} index")
    try:
        datasets = tuple(_parse_dataset(d, where) for d in document.get("datasets", ()))
    except (AttributeError, TypeError) as error:
        raise SourceUnavailable(f"{where}: malformed index ({error})") from error
    return NodeIndex(str(document.get("title", "")), datasets)
