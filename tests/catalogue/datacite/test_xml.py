"""DataCite kernel-4 XML: valid against the official metadata.xsd, with the content we promise."""

from __future__ import annotations

from pathlib import Path

import pytest
from datacite_facts import lung_facts
from lxml import etree

from bigpicture.catalogue.datacite import datacite_json, datacite_xml
from bigpicture.catalogue.settings import Settings

NS = {"d": "http://datacite.org/schema/kernel-4"}
SAFE = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


@pytest.fixture(scope="module")
def schema(shared_dir: Path) -> etree.XMLSchema:
    """metadata.xsd with its include/ files, loaded from disk (no network)."""
    return etree.XMLSchema(etree.parse(str(shared_dir / "datacite-4" / "metadata.xsd"), SAFE))


def _document(facts, settings: Settings) -> etree._Element:
    return etree.fromstring(datacite_xml(facts, settings), SAFE)


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"creators": (), "licence": "", "access_terms": (), "description": "", "year": None},
        {
            "status": "withdrawn",
            "withdrawn_reason": "consent withdrawn",
            "next_version_doi": "10.99999/x",
        },
        {"licence": "https://example.org/licence", "access": "open", "size_bytes": 0},
    ],
)
def test_the_xml_is_valid_kernel_4(schema, settings: Settings, changes) -> None:
    document = _document(lung_facts(**changes), settings)
    assert schema.validate(document), schema.error_log


def test_the_official_examples_validate(schema, shared_dir: Path) -> None:
    """The schema loads the way the test uses it (guards against a false positive)."""
    for example in (shared_dir / "datacite-4" / "example").glob("*.xml"):
        assert schema.validate(etree.parse(str(example), SAFE)), example


def test_the_xml_carries_the_promised_properties(settings: Settings) -> None:
    doc = _document(lung_facts(), settings)
    text = lambda path: [e.text for e in doc.findall(path, NS)]  # noqa: E731
    assert text("d:identifier") == ["10.99999/bp.bp_lung.v2"]
    assert text("d:creators/d:creator/d:creatorName") == ["Doe, Jane"]
    assert doc.find("d:resourceType", NS).get("resourceTypeGeneral") == "Dataset"
    assert text("d:publisher") == ["Bigpicture"] and text("d:publicationYear") == ["2026"]
    sct = doc.find("d:subjects/d:subject[@valueURI='http://snomed.info/id/254626006']", NS)
    assert sct.get("schemeURI") == "http://snomed.info/sct" and sct.text == "Adenocarcinoma of lung"
    licence = doc.find("d:rightsList/d:rights[@rightsIdentifierScheme='SPDX']", NS)
    assert licence.get("rightsIdentifier") == "CC-BY-NC-4.0"
    assert any("rems.example.org" in r for r in text("d:rightsList/d:rights"))
    relations = {
        e.get("relationType"): e.text
        for e in doc.findall("d:relatedIdentifiers/d:relatedIdentifier", NS)
    }
    assert relations["IsNewVersionOf"] == "10.99999/bp.bp_lung.v1"
    assert relations["IsSupplementTo"] == "10.99999/bp.bp_lung_ihc.v1"
    assert "4 images" in text("d:sizes/d:size") and "12.5 GB" in text("d:sizes/d:size")
    assert "application/dicom" in text("d:formats/d:format")
    funding = doc.find("d:fundingReferences/d:fundingReference", NS)
    assert funding.find("d:awardNumber", NS).text == "945358"
    assert funding.find("d:funderIdentifier", NS).text.endswith("/501100010767")


def test_json_and_xml_agree(settings: Settings) -> None:
    facts = lung_facts()
    attributes = datacite_json(facts, settings)["data"]["attributes"]
    doc = _document(facts, settings)
    assert attributes["doi"] == doc.find("d:identifier", NS).text
    assert attributes["url"] == "http://127.0.0.1:8000/datasets/BP_LUNG-v2"
    assert len(attributes["subjects"]) == len(doc.findall("d:subjects/d:subject", NS))
    assert attributes["types"]["resourceTypeGeneral"] == "Dataset"
    assert attributes["fundingReferences"][0]["awardNumber"] == "945358"
