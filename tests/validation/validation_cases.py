"""Helpers of the validation tests: copies of the example submission and the data-driven cases."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

CASES = Path(__file__).resolve().parent / "cases"


def copy_example(example: Path, target: Path) -> Path:
    """A writable copy of the example submission under ``target``."""
    folder = target / example.name
    shutil.copytree(example, folder)
    return folder


def apply_patches(folder: Path, patches: list[dict]) -> None:
    """Apply a case's patches (text replacements and deletions) to a submission copy."""
    for patch in patches:
        path = folder / patch["file"]
        if patch.get("delete"):
            path.unlink()
            continue
        text = path.read_text(encoding="utf-8")
        assert patch["old"] in text, f"case patch does not apply to {patch['file']}"
        path.write_text(
            text.replace(patch["old"], patch["new"], patch.get("count", -1)), encoding="utf-8"
        )


def load_case(name: str) -> dict:
    """The case.json of one data-driven case."""
    return json.loads((CASES / name / "case.json").read_text(encoding="utf-8"))


def case_names() -> list[str]:
    """Every data-driven case, by folder name."""
    return sorted(p.name for p in CASES.iterdir() if (p / "case.json").is_file())
