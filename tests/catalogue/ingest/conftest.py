"""Fixtures of the ingest tests: a throw-away catalogue and a writable example submission."""

from __future__ import annotations

from pathlib import Path

import pytest
from submissions import copy_example

from bigpicture.catalogue.app import Catalogue, open_catalogue
from bigpicture.catalogue.settings import Settings


class RecordingListener:
    """A change listener that remembers what it was told."""

    def __init__(self) -> None:
        self.events: list[tuple[str, str]] = []

    def dataset_changed(self, id: str) -> None:
        self.events.append(("changed", id))

    def dataset_removed(self, id: str) -> None:
        self.events.append(("removed", id))


@pytest.fixture
def submission(example_submission: Path, tmp_path: Path) -> Path:
    """A writable copy of the example submission."""
    return copy_example(example_submission, tmp_path / "in")


@pytest.fixture
def listener() -> RecordingListener:
    return RecordingListener()


@pytest.fixture
def catalogue(settings: Settings, listener: RecordingListener) -> Catalogue:
    """A catalogue without search (the search suite covers the indexer)."""
    catalogue = open_catalogue(settings, search=False)
    catalogue.add_listener(listener)
    return catalogue
