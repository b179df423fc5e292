"""Reading the headers of many local DICOM files, across the machine's cores.

Each file costs one small read and a walk of its allow-listed elements (``binary``); files the
targeted reader does not handle are read with pydicom (``reference``). Large batches are split
into chunks handed to worker processes, so the parsing, which is the cost, runs on every core.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from bigpicture.harvest.dicom import binary, reference
from bigpicture.harvest.dicom.header import DicomHeader

#: Below this many files, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 400


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


def _chunks(paths: Sequence[Path], count: int) -> list[Sequence[Path]]:
    size = max(1, -(-len(paths) // count))
    return [paths[start : start + size] for start in range(0, len(paths), size)]


def read_headers(paths: Sequence[Path], workers: int | None = None) -> list[HeaderResult]:
    """The headers of ``paths``, in order; ``workers`` processes (default: one per core)."""
    workers = workers or os.cpu_count() or 1
    # Forking is only safe while this process has one thread (no lock held elsewhere).
    if workers == 1 or len(paths) < PARALLEL_THRESHOLD or threading.active_count() > 1:
        return _read_chunk(paths)
    import multiprocessing

    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        chunks = pool.map(_read_chunk, _chunks(paths, workers * 4))
        return [result for chunk in chunks for result in chunk]
