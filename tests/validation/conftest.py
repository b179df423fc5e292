"""Fixtures of the validation tests: writable copies of the shared example submission."""

from __future__ import annotations

from pathlib import Path

import pytest
from validation_cases import copy_example


@pytest.fixture
def submission(example_submission: Path, tmp_path: Path) -> Path:
    """A fresh, writable copy of the valid example submission."""
    return copy_example(example_submission, tmp_path)
