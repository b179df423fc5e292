"""Reading the headers of many local DICOM files, across the machine's cores.

Each file costs one small read and a walk of its allow-listed elements (``binary``); files the
targeted reader does not handle are read with pydicom (``reference``). Large batches are split
into chunks handed to worker processes, so the parsing, which is the cost, runs on every core.
The workers are kept between batches (one pool per process, started on first use).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from bigpicture.harvest.dicom import binary, reference
from bigpicture.harvest.dicom.header import DicomHeader

#: Below this many files, handing them to worker processes costs more than it saves (measured
#: on 2 shared cores: results travel back pickled, and the other core is often busy).
PARALLEL_THRESHOLD = 4000
#: Files per task given to a worker.
CHUNK = 200


@dataclass(frozen=True)
class HeaderResult:
    """The header of one file, or why it could not be read."""

    path: Path
    header: DicomHeader | None
    error: str = ""


def read_one(path: Path) -> HeaderResult:
    """The header of one file: targeted reader first, pydicom for what it does not handle."""
    try:
        try:
            return HeaderResult(path, binary.read_header(path))
        except binary.Unsupported:
            return HeaderResult(path, reference.read_header(path))
    except Exception as error:  # noqa: BLE001 - any unreadable file is reported, not raised
        return HeaderResult(path, None, f"{type(error).__name__}: {error}")


def _read_chunk(paths: Sequence[Path]) -> list[HeaderResult]:
    return [read_one(path) for path in paths]


def _chunks(paths: Sequence[Path], size: int = 0) -> list[Sequence[Path]]:
    size = size or CHUNK
    return [paths[start : start + size] for start in range(0, len(paths), size)]


class _Workers:
    """A pool of worker processes kept for the life of this process (started on first use).

    The workers come from a fork server that has imported only this module: they start small
    (no copy-on-write of a large parent heap) and safely even when the caller runs threads.
    """

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._size = 0
        self._lock = threading.Lock()

    def discard(self) -> None:
        """Forget a pool that broke."""
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool, self._size = None, 0

    def pool(self, size: int) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None or self._size != size:
                if self._pool is not None:
                    self._pool.shutdown()
                context = multiprocessing.get_context("forkserver")
                context.set_forkserver_preload([__name__])
                self._pool, self._size = ProcessPoolExecutor(size, mp_context=context), size
            return self._pool


_WORKERS = _Workers()


def read_headers(paths: Sequence[Path], workers: int | None = None) -> list[HeaderResult]:
    """The headers of ``paths``, in order; ``workers`` processes (default: one per core)."""
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(paths) < PARALLEL_THRESHOLD:
        return _read_chunk(paths)
    try:
        chunks = _WORKERS.pool(workers).map(_read_chunk, _chunks(list(paths)))
        return [result for chunk in chunks for result in chunk]
    except (BrokenProcessPool, OSError, RuntimeError):
        # No worker processes here (e.g. a main script without a __main__ guard): read in process.
        _WORKERS.discard()
        return _read_chunk(paths)
