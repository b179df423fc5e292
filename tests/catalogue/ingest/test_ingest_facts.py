"""Facts computed at ingest (in process or in a forked child) are the facts the store gives,
and they are kept on disk for every later reader until the version is withdrawn."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from bigpicture.catalogue import facts_reader, ingest_facts
from bigpicture.catalogue.app import open_catalogue
from bigpicture.catalogue.forked import Forked
from bigpicture.catalogue.settings import Settings
from bigpicture.catalogue.store import Store

DEMO = Path(__file__).resolve().parents[3] / "catalogue/demo/round-1"
EXAMPLE_ID = "BP_LUNG_ADC_EXAMPLE-v1-0"


def _from_the_store(settings: Settings, id: str):
    """Facts read back from the store by a new reader, with nothing kept."""
    shutil.rmtree(settings.store_dir / "derived", ignore_errors=True)
    store = Store.open(settings.store_dir)
    found = facts_reader.read_dataset_facts(store, id, settings)
    return found, facts_reader.read_image_facts(store, id)


@pytest.mark.parametrize("fork_from", [0, 10**12], ids=["forked", "in-process"])
def test_ingest_facts_equal_the_facts_read_from_the_store(
    settings: Settings, example_submission: Path, fork_from: int, monkeypatch
) -> None:
    monkeypatch.setattr(ingest_facts, "FORK_FROM_BYTES", fork_from)
    catalogue = open_catalogue(settings, search=False)
    folders = [example_submission, *sorted(DEMO.glob("*/DATASET_*"))[:3]]
    ids = [catalogue.ingest(folder).record.id for folder in folders]
    at_ingest = {id: (catalogue.facts(id), catalogue.image_facts(id)) for id in ids}
    for id in ids:
        assert at_ingest[id] == _from_the_store(settings, id), id
    assert sum(len(images) for _, images in at_ingest.values()) > 10


def test_a_new_reader_uses_the_kept_facts(settings: Settings, submission: Path, monkeypatch):
    catalogue = open_catalogue(settings, search=False)
    catalogue.ingest(submission)
    expected = catalogue.facts(EXAMPLE_ID), catalogue.image_facts(EXAMPLE_ID)

    def no_reading(*args, **kwargs):
        raise AssertionError("facts were read from the store again")

    monkeypatch.setattr(facts_reader, "graph_facts", no_reading)
    monkeypatch.setattr("bigpicture.catalogue.image_facts.image_facts", no_reading)
    store = Store.open(settings.store_dir)
    found = facts_reader.read_dataset_facts(store, EXAMPLE_ID, settings)
    assert (found, facts_reader.read_image_facts(store, EXAMPLE_ID)) == expected


def test_damaged_kept_facts_are_computed_again(settings: Settings, submission: Path) -> None:
    catalogue = open_catalogue(settings, search=False)
    catalogue.ingest(submission)
    expected = catalogue.facts(EXAMPLE_ID)
    kept = list((settings.store_dir / "derived").rglob("*.pickle"))
    assert len(kept) == 2
    for path in kept:
        path.write_bytes(b"not a pickle")
    store = Store.open(settings.store_dir)
    assert facts_reader.read_dataset_facts(store, EXAMPLE_ID, settings) == expected


def test_withdrawal_forgets_the_kept_facts(settings: Settings, submission: Path) -> None:
    catalogue = open_catalogue(settings, search=False)
    catalogue.ingest(submission)
    assert list((settings.store_dir / "derived").rglob("*.pickle"))
    catalogue.withdraw(EXAMPLE_ID, "consent withdrawn")
    assert not list((settings.store_dir / "derived").rglob("*.pickle"))
    assert catalogue.facts(EXAMPLE_ID).status == "withdrawn"


def test_other_vocabulary_other_kept_facts(settings: Settings, submission: Path) -> None:
    from bigpicture.vocabularies import load_vocabulary

    catalogue = open_catalogue(settings, search=False)
    catalogue.ingest(submission)
    vocabulary = load_vocabulary()
    vocabulary.__dict__["fingerprint"] = "another-release"
    store = Store.open(settings.store_dir)
    facts_reader.read_dataset_facts(store, EXAMPLE_ID, vocabulary=vocabulary)
    assert len(list((settings.store_dir / "derived").rglob("*.pickle"))) == 3


def test_a_cancelled_child_is_gone() -> None:
    child = Forked(lambda: time.sleep(60))
    assert child.pid is not None
    pid = child.pid
    child.cancel()
    with pytest.raises(ChildProcessError):
        import os

        os.waitpid(pid, 0)


def test_a_failed_child_leaves_the_work_to_the_parent() -> None:
    import os

    parent = os.getpid()
    assert Forked(lambda: os.getpid() if os.getpid() == parent else 1 / 0).result() == parent
