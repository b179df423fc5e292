"""Writable copies of the shared example submission, and small edits of them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path


def copy_example(example: Path, target: Path) -> Path:
    """A copy of the example submission under ``target`` (same folder name)."""
    folder = target / example.name
    shutil.copytree(example, folder)
    return folder


def edit(folder: Path, relative: str, pattern: str, replacement: str) -> None:
    """Replace the first match of ``pattern`` in one file of the submission."""
    path = folder / relative
    text, count = re.subn(pattern, replacement, path.read_text(), count=1)
    assert count == 1, f"{pattern!r} not found in {path}"
    path.write_text(text)


def set_version(folder: Path, version: str) -> None:
    """Give the DATASET another VERSION."""
    edit(
        folder, "METADATA/dataset.xml", r"<VERSION>[^<]*</VERSION>", f"<VERSION>{version}</VERSION>"
    )
