"""The store: immutable versions, version links, tombstones, privacy, readers in step."""

from __future__ import annotations

from pathlib import Path

import pytest

from bigpicture.catalogue.store import (
    CURRENT,
    SUPERSEDED,
    WITHDRAWN,
    PrivacyError,
    Store,
    StoreError,
    VersionConflict,
)

COUNT_IMAGES = """
SELECT (COUNT(?i) AS ?n) WHERE {
  ?i a <https://w3id.org/bigpicture/metaflex/Image> }
"""


@pytest.fixture(params=["disk", "memory"])
def store(request, tmp_path: Path) -> Store:
    return Store.open(tmp_path / "store") if request.param == "disk" else Store.in_memory()


def _count(store: Store, query: str = COUNT_IMAGES) -> int:
    return int(next(iter(store.query(query)))["n"].value)


def test_a_version_is_stored_with_its_record(store: Store, new_version) -> None:
    result = store.add_version(new_version(images=3))
    assert result.created
    assert result.record.id == "DS1-v1"
    assert result.record.doi == "10.99999/bp.ds1.v1"
    assert result.record.status == CURRENT
    assert _count(store) == 3
    assert (
        store.get_record("DS1")
        == store.get_record("DS1-v1")
        == store.get_record("10.99999/BP.DS1.V1")
    )


def test_the_same_version_again_is_a_no_op(store: Store, new_version) -> None:
    store.add_version(new_version())
    generation = store.generation
    again = store.add_version(new_version())
    assert not again.created
    assert len(store.all_records()) == 1
    assert _count(store) == 2
    assert again.record.sequence == 1
    assert store.generation != "" and generation


def test_changed_content_under_the_same_version_is_refused(store: Store, new_version) -> None:
    store.add_version(new_version(content="a"))
    with pytest.raises(VersionConflict, match="immutable"):
        store.add_version(new_version(content="b", images=5))
    assert _count(store) == 2
    assert store.require("DS1-v1").title == "Title a"


def test_a_new_version_is_linked_both_ways(store: Store, new_version) -> None:
    store.add_version(new_version(version="1"))
    store.add_version(new_version(version="2", content="b", images=4))
    old, new = store.versions("DS1")
    assert (old.status, new.status) == (SUPERSEDED, CURRENT)
    assert (old.next_version, new.previous_version) == ("DS1-v2", "DS1-v1")
    assert store.get_record("DS1").id == "DS1-v2"
    ask = f"""ASK {{ <{new.series_iri}> <http://www.w3.org/ns/dcat#hasVersion> <{old.record_iri}> .
      <{old.record_iri}> <http://www.w3.org/ns/dcat#isVersionOf> <{new.series_iri}> .
      <{new.record_iri}> <http://www.w3.org/ns/dcat#previousVersion> <{old.record_iri}> }}"""
    assert bool(store.query(ask))
    assert b"Title a" in store.graph_ntriples("DS1-v1")  # the old version stays resolvable
    assert b"Title b" not in store.graph_ntriples("DS1-v1")


def test_withdrawal_leaves_a_tombstone(store: Store, new_version) -> None:
    store.add_version(new_version(images=2))
    record = store.withdraw("DS1-v1", "consent withdrawn", citation="Doe (2026). Title a.")
    assert record.status == WITHDRAWN
    assert (record.withdrawn_reason, record.citation) == (
        "consent withdrawn",
        "Doe (2026). Title a.",
    )
    assert _count(store) == 0
    turtle = store.serialize("DS1-v1", "text/turtle").decode()
    assert "consent withdrawn" in turtle and "Image" not in turtle
    with pytest.raises(StoreError, match="reason"):
        store.withdraw("DS1-v1", " ")


def test_patient_identifiers_are_never_stored(store: Store, new_version) -> None:
    leaking = '<http://x/image/1> <https://w3id.org/bigpicture/dicom/PatientName> "Doe^John" .'
    with pytest.raises(PrivacyError, match="PatientName"):
        store.add_version(new_version(extra=leaking))
    tagged = '<http://x/image/1> <http://dicom.nema.org/resources/ontology/DCM#00100020> "123" .'
    with pytest.raises(PrivacyError):
        store.add_version(new_version(extra=tagged))
    assert store.all_records() == ()


def test_serialisations(store: Store, new_version) -> None:
    store.add_version(new_version())
    for media_type in ("text/turtle", "application/rdf+xml", "application/ld+json"):
        assert b"DS1-v1" in store.serialize("DS1-v1", media_type)
    with pytest.raises(StoreError):
        store.serialize("DS1-v1", "application/pdf")


def test_a_reader_in_another_store_object_follows_the_writer(tmp_path: Path, new_version) -> None:
    writer = Store.open(tmp_path / "store")
    reader = Store.open(tmp_path / "store")
    assert reader.all_records() == ()
    writer.add_version(new_version())
    assert [r.id for r in reader.all_records()] == ["DS1-v1"]
    writer.add_version(new_version(version="2", content="b"))
    assert [r.status for r in reader.all_records()] == [SUPERSEDED, CURRENT]
