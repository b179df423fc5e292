"""Fixtures of the vocabulary tests: the real shipped vocabularies, and the RF2 fixture loaded."""

from __future__ import annotations

from pathlib import Path

import pytest

from bigpicture.vocabularies import Vocabulary, load_snapshot, load_vocabulary

RF2_FIXTURE = Path(__file__).resolve().parent / "rf2_fixture"


@pytest.fixture(scope="session")
def vocabulary() -> Vocabulary:
    """The shipped vocabularies only (no SNOMED CT release)."""
    return load_vocabulary()


@pytest.fixture(scope="session")
def release_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder holding the RF2 fixture, loaded once."""
    folder = tmp_path_factory.mktemp("data") / "vocabularies"
    load_snapshot(RF2_FIXTURE, folder)
    return folder


@pytest.fixture(scope="session")
def full_vocabulary(release_dir: Path) -> Vocabulary:
    """The shipped vocabularies plus the RF2 fixture as a 'full' release."""
    return load_vocabulary(release_dir)
