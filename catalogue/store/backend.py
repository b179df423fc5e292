"""Where the store's quads live: on disk with atomic snapshots, or in memory.

On disk (``DiskBackend``) the folder holds::

    LOCK            fcntl lock taken by a writer for the time of one write
    primary/        the read-write Oxigraph (RocksDB) database, opened only by a writer
    snapshots/<n>/  a checkpoint (hard links) of primary after each committed write
    CURRENT         the name of the newest snapshot; replaced by rename, never edited

A write is one Oxigraph transaction on ``primary`` (all quads or none; a process killed
half-way leaves nothing behind), followed by a checkpoint and the switch of ``CURRENT``.
Readers (web workers, other commands) open the snapshot named by ``CURRENT`` read-only and
reopen when it changes, so they never see a half-written version and never share a database
with a writer (Oxigraph forbids reading a database another process writes).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from bigpicture.catalogue.store.errors import StoreBusy, StoreError

#: Snapshots older than this many seconds (and not among the newest few) are deleted.
SNAPSHOT_GRACE_SECONDS = 600.0
SNAPSHOTS_KEPT = 3


class Backend(Protocol):
    """Access to the quads: a reader for queries and a write transaction."""

    def reader(self) -> ox.Store:
        """The store to read from (always a committed state)."""
        ...

    def writing(self) -> contextlib.AbstractContextManager[ox.Store]:
        """A store to write to; the changes are visible to readers once the block ends."""
        ...

    @property
    def generation(self) -> str:
        """A token that changes with every committed write."""
        ...

    @property
    def snapshot_path(self) -> Path | None:
        """The folder another process may open read-only, or None (in memory)."""
        ...


class MemoryBackend:
    """An in-memory store (tests, benchmarks, throw-away catalogues)."""

    def __init__(self) -> None:
        self._store = ox.Store()
        self._generation = 0

    def reader(self) -> ox.Store:
        return self._store

    @contextlib.contextmanager
    def writing(self) -> Iterator[ox.Store]:
        yield self._store
        self._generation += 1

    @property
    def generation(self) -> str:
        return str(self._generation)

    @property
    def snapshot_path(self) -> Path | None:
        return None


class DiskBackend:
    """An on-disk store in ``path`` with a single writer at a time and snapshot readers."""

    def __init__(self, path: Path, lock_timeout: float = 60.0) -> None:
        self.path = Path(path)
        self.lock_timeout = lock_timeout
        self.path.mkdir(parents=True, exist_ok=True)
        (self.path / "snapshots").mkdir(exist_ok=True)
        self._open_name: str | None = None
        self._open_store: ox.Store | None = None

    # -- reading -------------------------------------------------------------------------------
    def _current_name(self) -> str | None:
        try:
            return (self.path / "CURRENT").read_text().strip() or None
        except FileNotFoundError:
            return None

    def reader(self) -> ox.Store:
        name = self._current_name()
        if name != self._open_name or self._open_store is None:
            self._open_store = self._open_snapshot(name)
            self._open_name = name
        return self._open_store

    def _open_snapshot(self, name: str | None) -> ox.Store:
        if name is None:
            return ox.Store()  # nothing committed yet: an empty store
        try:
            return ox.Store.read_only(str(self.path / "snapshots" / name))
        except OSError as error:
            raise StoreError(f"{self.path}: cannot open snapshot {name} ({error})") from error

    @property
    def generation(self) -> str:
        return self._current_name() or "0"

    @property
    def snapshot_path(self) -> Path | None:
        name = self._current_name()
        return self.path / "snapshots" / name if name else None

    # -- writing -------------------------------------------------------------------------------
    @contextlib.contextmanager
    def writing(self) -> Iterator[ox.Store]:
        with self._locked():
            primary = ox.Store(str(self.path / "primary"))
            try:
                yield primary
                self._publish(primary)
            finally:
                del primary

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        with open(self.path / "LOCK", "a+") as handle:
            deadline = time.monotonic() + self.lock_timeout
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise StoreBusy(f"{self.path}: another process is writing") from None
                    time.sleep(0.05)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _publish(self, primary: ox.Store) -> None:
        """Checkpoint ``primary`` and point CURRENT at the checkpoint (atomic rename)."""
        name = f"{time.time_ns():020d}"
        primary.flush()
        primary.backup(str(self.path / "snapshots" / name))
        pointer = self.path / "CURRENT.tmp"
        pointer.write_text(name + "\n")
        with open(pointer, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(pointer, self.path / "CURRENT")
        self._prune(keep=name)

    def _prune(self, keep: str) -> None:
        """Delete old snapshots that no reader should still be using."""
        names = sorted(p.name for p in (self.path / "snapshots").iterdir())
        cutoff = time.time_ns() - int(SNAPSHOT_GRACE_SECONDS * 1e9)
        for name in names[:-SNAPSHOTS_KEPT]:
            if name != keep and name.isdigit() and int(name) < cutoff:
                shutil.rmtree(self.path / "snapshots" / name, ignore_errors=True)
