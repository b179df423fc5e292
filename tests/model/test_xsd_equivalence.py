"""The generated XSDs (model/xsd) accept exactly what the official MetaFleX 2.0.0 XSDs accept.

A differential corpus (tests/model/xsd_corpus.py: seeds for every root element plus systematic
mutants) is validated against both schema sets with lxml (libxml2); a sample is cross-checked
with xmlschema. The figure agreeing/total is printed per file and recorded as a test property.
"""

from __future__ import annotations

import collections
from pathlib import Path

import pytest
import xmlschema
from lxml import etree

from tests.conftest import EXAMPLE_SUBMISSION, OFFICIAL_XSD_DIR
from tests.model import xsd_corpus

GENERATED_XSD_DIR = Path(__file__).resolve().parents[2] / "model" / "xsd"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "model.md"
SAFE = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
XMLSCHEMA_SAMPLE_STEP = 97  # every 97th document is also checked with xmlschema


def _schema_path(directory: Path, name: str, scratch: Path) -> Path:
    if name != "BP.common.xsd":
        return directory / name
    driver = scratch / f"driver-{directory.name}-{abs(hash(str(directory)))}.xsd"
    common = (directory / "BP.common.xsd").resolve().as_uri()
    driver.write_bytes(xsd_corpus.common_driver_schema(common))
    return driver


@pytest.fixture(scope="module")
def schema_paths(tmp_path_factory) -> dict[tuple[str, str], Path]:
    scratch = tmp_path_factory.mktemp("drivers")
    return {
        (label, name): _schema_path(directory, name, scratch)
        for label, directory in (("official", OFFICIAL_XSD_DIR), ("generated", GENERATED_XSD_DIR))
        for name in xsd_corpus.SEED_BUILDERS
    }


@pytest.fixture(scope="module")
def lxml_schemas(schema_paths) -> dict[tuple[str, str], etree.XMLSchema]:
    return {
        key: etree.XMLSchema(etree.parse(str(path), SAFE)) for key, path in schema_paths.items()
    }


@pytest.fixture(scope="module")
def documents() -> list[xsd_corpus.Document]:
    return list(xsd_corpus.corpus(EXAMPLE_SUBMISSION))


def _verdicts(schemas, documents) -> list[tuple[xsd_corpus.Document, bool, bool]]:
    found = []
    for document in documents:
        root = etree.fromstring(document.xml, SAFE)
        official = schemas["official", document.xsd].validate(root)
        found.append((document, official, schemas["generated", document.xsd].validate(root)))
    return found


def test_every_seed_is_valid_against_the_official_xsd(lxml_schemas) -> None:
    for name, seeds in xsd_corpus.seeds().items():
        for seed, root in seeds.items():
            schema = lxml_schemas["official", name]
            assert schema.validate(root), (name, seed, schema.error_log.last_error)


@pytest.mark.slow
def test_generated_xsds_give_the_official_verdict_on_every_document(
    lxml_schemas, documents, record_property
) -> None:
    total, agreeing, valid = (collections.Counter() for _ in range(3))
    disagreements = []
    for document, official, generated in _verdicts(lxml_schemas, documents):
        total[document.xsd] += 1
        agreeing[document.xsd] += official == generated
        valid[document.xsd] += official
        if official != generated:
            disagreements.append((document.xsd, document.name, official, generated))
    for name in xsd_corpus.SEED_BUILDERS:
        line = f"{name}: {agreeing[name]}/{total[name]} agree ({valid[name]} valid)"
        print(line)
        record_property(name, f"{agreeing[name]}/{total[name]}")
    print(f"all files: {sum(agreeing.values())}/{sum(total.values())} agree")
    record_property("xsd_equivalence", f"{sum(agreeing.values())}/{sum(total.values())}")
    assert sum(total.values()) >= 500
    for name in xsd_corpus.SEED_BUILDERS:  # the corpus has both verdicts for every file
        assert 0 < valid[name] < total[name], name
    assert disagreements == []
    figure = f"{sum(agreeing.values()):,} / {sum(total.values()):,} documents agree"
    assert figure in DOCS.read_text(), f"docs/model.md should say {figure}"


@pytest.mark.slow
def test_xmlschema_agrees_on_a_sample(schema_paths, lxml_schemas, documents) -> None:
    engines = {key: xmlschema.XMLSchema(str(path)) for key, path in schema_paths.items()}
    sample = documents[::XMLSCHEMA_SAMPLE_STEP]
    for document, official, _generated in _verdicts(lxml_schemas, sample):
        text = document.xml.decode()
        for label in ("official", "generated"):
            verdict = _xmlschema_verdict(engines[label, document.xsd], text)
            assert verdict == official, (label, document.xsd, document.name)
    assert len(sample) >= 500


def _xmlschema_verdict(schema: xmlschema.XMLSchema, text: str) -> bool:
    """xmlschema's verdict; it raises (instead of reporting) on an unknown xsi:type."""
    try:
        return schema.is_valid(text)
    except xmlschema.XMLSchemaException:
        return False


def test_the_corpus_catches_a_schema_that_differs(schema_paths, documents, tmp_path) -> None:
    """Loosen one facet of a generated schema: the corpus must notice."""
    source = schema_paths["generated", "BP.landing_page.xsd"].read_text()
    loosened = source.replace('maxOccurs="5"', 'maxOccurs="6"')
    assert loosened != source
    for name in ("BP.landing_page.xsd", "BP.common.xsd"):
        (tmp_path / name).write_text((GENERATED_XSD_DIR / name).read_text())
    (tmp_path / "BP.landing_page.xsd").write_text(loosened)
    changed = etree.XMLSchema(etree.parse(str(tmp_path / "BP.landing_page.xsd"), SAFE))
    official = etree.XMLSchema(
        etree.parse(str(schema_paths["official", "BP.landing_page.xsd"]), SAFE)
    )
    differing = [
        document.name
        for document in documents
        if document.xsd == "BP.landing_page.xsd"
        and official.validate(root := etree.fromstring(document.xml, SAFE))
        != changed.validate(root)
    ]
    assert differing, "no document tells maxOccurs 5 from 6"
