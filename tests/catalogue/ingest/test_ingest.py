"""Ingest: validated submissions become immutable, linked dataset versions."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from submissions import copy_example, edit, set_version

from bigpicture.catalogue.datacite import datacite_json
from bigpicture.catalogue.ingest import SubmissionRefused, sample_image_dir
from bigpicture.catalogue.store import VersionConflict

EXAMPLE_ID = "BP_LUNG_ADC_EXAMPLE-v1-0"


def test_a_valid_submission_becomes_a_version(catalogue, submission: Path, listener) -> None:
    result = catalogue.ingest(submission, node="helsinki")
    assert result.created and result.report.valid
    record = result.record
    assert (record.id, record.version, record.node) == (EXAMPLE_ID, "1.0", "helsinki")
    assert record.doi == "10.99999/bp.bp_lung_adc_example.v1-0"
    assert record.organisation == "Example Thoracic Pathology Institute"
    assert record.base_iri == f"http://127.0.0.1:8000/datasets/{EXAMPLE_ID}/"
    assert result.registration.state == "offline"
    assert listener.events == [("changed", EXAMPLE_ID)]


def test_the_same_submission_again_changes_nothing(catalogue, submission: Path, listener) -> None:
    catalogue.ingest(submission)
    generation = catalogue.store.generation
    again = catalogue.ingest(submission)
    assert not again.created and again.record.id == EXAMPLE_ID
    assert len(catalogue.store.all_records()) == 1
    assert listener.events == [("changed", EXAMPLE_ID)]
    assert catalogue.store.generation != "" and generation


def test_other_content_under_the_same_version_is_refused(catalogue, submission: Path) -> None:
    catalogue.ingest(submission)
    edit(submission, "METADATA/dataset.xml", r"<TITLE>Example:", "<TITLE>Changed:")
    with pytest.raises(VersionConflict, match="immutable"):
        catalogue.ingest(submission)
    assert catalogue.facts(EXAMPLE_ID).title.startswith("Example:")


def test_a_new_version_is_linked_both_ways(
    catalogue, submission: Path, tmp_path: Path, example_submission
) -> None:
    catalogue.ingest(submission)
    second = copy_example(example_submission, tmp_path / "v2")
    set_version(second, "2.0")
    new = catalogue.ingest(second).record
    old = catalogue.store.require(EXAMPLE_ID)
    assert (old.status, new.status) == ("superseded", "current")
    assert (old.next_version, new.previous_version) == (new.id, old.id)
    old_facts, new_facts = catalogue.facts(old.id), catalogue.facts(new.id)
    assert new_facts.previous_version_doi == old.doi and old_facts.next_version_doi == new.doi
    assert old_facts.image_count == 4  # the old version stays resolvable
    relations = {
        (r["relationType"], r["relatedIdentifier"])
        for r in datacite_json(new_facts, catalogue.settings)["data"]["attributes"][
            "relatedIdentifiers"
        ]
    }
    assert ("IsNewVersionOf", old.doi) in relations
    old_relations = datacite_json(old_facts, catalogue.settings)["data"]["attributes"][
        "relatedIdentifiers"
    ]
    assert {"IsPreviousVersionOf"} <= {r["relationType"] for r in old_relations}


def test_an_invalid_submission_is_refused_and_changes_nothing(catalogue, submission: Path) -> None:
    edit(submission, "METADATA/dataset.xml", r"<TITLE>[^<]*</TITLE>", "")
    with pytest.raises(SubmissionRefused) as refused:
        catalogue.ingest(submission)
    assert not refused.value.report.valid
    assert any(f.file and f.file.endswith("dataset.xml") for f in refused.value.report.findings)
    assert catalogue.store.all_records() == ()
    assert not (catalogue.settings.data_dir / "datacite").exists()


def test_private_objects_never_reach_the_store(catalogue, submission: Path) -> None:
    catalogue.ingest(submission)
    data = catalogue.store.graph_ntriples(EXAMPLE_ID).decode()
    for private in ("/rems/", "/organisation/", "999000123", "lungex-example-org", "data-owner@"):
        assert private not in data
    assert "Example Thoracic Pathology Institute" in data  # the public name, in the record


def test_a_zip_is_ingested_like_its_folder(catalogue, submission: Path, tmp_path: Path) -> None:
    archive = tmp_path / "submission.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        for path in submission.rglob("*"):
            handle.write(path, path.relative_to(submission.parent).as_posix())
    assert catalogue.ingest(archive).record.id == EXAMPLE_ID
    assert catalogue.ingest(submission).created is False  # same content as the zip


def test_sample_images_are_kept(catalogue, submission: Path) -> None:
    thumbnails = submission / "LANDING_PAGE" / "THUMBNAILS"
    thumbnails.mkdir()
    (thumbnails / "LUNGEX_IMG_01_HE_thumbnail.jpg").write_bytes(b"\xff\xd8\xff\xe0 jpeg")
    catalogue.ingest(submission)
    kept = sample_image_dir(catalogue.settings, EXAMPLE_ID) / "LUNGEX_IMG_01_HE_thumbnail.jpg"
    assert kept.read_bytes() == b"\xff\xd8\xff\xe0 jpeg"


def test_technical_triples_join_the_version(catalogue, submission: Path) -> None:
    def technical(base: str) -> bytes:
        image = f"<{base}image/LUNGEX_IMG_01_HE>"
        file = f"<{base}image/LUNGEX_IMG_01_HE/dicom/level0.dcm>"
        integer = "http://www.w3.org/2001/XMLSchema#integer"
        bp, decimal = (
            "https://w3id.org/bigpicture/metaflex/",
            "http://www.w3.org/2001/XMLSchema#decimal",
        )
        return (
            f'{image} <{bp}scanner> "Acme Scanners S1" .\n'
            f'{image} <{bp}objective_magnification> "40"^^<{decimal}> .\n'
            f"{image} <{bp}dicom_file> {file} .\n"
            f'{file} <{bp}size_bytes> "1500000000"^^<{integer}> .\n'
        ).encode()

    catalogue.ingest(submission, technical=technical)
    facts = catalogue.facts(EXAMPLE_ID)
    assert (facts.scanners, facts.magnifications) == (("Acme Scanners S1",), (40.0,))
    assert facts.size_bytes == 1_500_000_000
    images = {i.alias: i for i in catalogue.image_facts(EXAMPLE_ID)}
    assert images["LUNGEX_IMG_01_HE"].scanner == "Acme Scanners S1"
    assert images["LUNGEX_IMG_01_HE"].size_bytes == 1_500_000_000
    assert images["LUNGEX_IMG_02_HE"].size_bytes == 0


def test_withdrawal_keeps_citation_and_reason(catalogue, submission: Path, listener) -> None:
    catalogue.ingest(submission)
    record = catalogue.withdraw(EXAMPLE_ID, "consent withdrawn")
    assert record.status == "withdrawn" and record.withdrawn_reason == "consent withdrawn"
    assert "Example: whole slide images" in record.citation and record.doi in record.citation
    facts = catalogue.facts(EXAMPLE_ID)
    assert (facts.status, facts.access, facts.image_count) == ("withdrawn", "withdrawn", 0)
    assert facts.citation == record.citation
    assert catalogue.image_facts(EXAMPLE_ID) == ()
    assert listener.events[-1] == ("removed", EXAMPLE_ID)


def test_the_offline_registrar_recorded_the_doi(catalogue, submission: Path) -> None:
    catalogue.ingest(submission)
    recorded = (
        catalogue.settings.data_dir / "datacite" / "10.99999_bp.bp_lung_adc_example.v1-0.json"
    )
    assert (
        json.loads(recorded.read_text())["data"]["attributes"]["types"]["resourceTypeGeneral"]
        == "Dataset"
    )


def test_already_ingested_counts_the_technical_triples(catalogue, submission: Path) -> None:
    from bigpicture.catalogue.ingest import already_ingested

    def scanner(name: str):
        bp = "https://w3id.org/bigpicture/metaflex/"
        return lambda base: f'<{base}image/LUNGEX_IMG_01_HE> <{bp}scanner> "{name}" .\n'.encode()

    assert not already_ingested(submission, catalogue.store, catalogue.settings)
    catalogue.ingest(submission, technical=scanner("Acme S1"))
    store, settings = catalogue.store, catalogue.settings
    assert already_ingested(submission, store, settings, technical=scanner("Acme S1"))
    assert not already_ingested(submission, store, settings, technical=scanner("Acme S2"))
    assert not already_ingested(submission, store, settings)
