"""The XSD generator follows the model: a change in the YAML shows in the generated XSD."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from bigpicture.model import xmlmap
from bigpicture.model.xsdgen import XsdGenerator
from tests.model import xsd_corpus

SAFE = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _generate(schema_dir: Path, out: Path) -> dict[str, etree.XMLSchema]:
    files = XsdGenerator(str(schema_dir / "bigpicture.yaml")).files()
    out.mkdir()
    for name, text in files.items():
        (out / name).write_text(text)
    return {name: etree.XMLSchema(etree.parse(str(out / name), SAFE)) for name in files}


@pytest.fixture
def schema_copy(tmp_path: Path) -> Path:
    target = tmp_path / "schema"
    shutil.copytree(xmlmap.SCHEMA_DIR, target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_generator_writes_the_twelve_official_file_names() -> None:
    files = XsdGenerator(str(xmlmap.ROOT_SCHEMA)).files()
    assert sorted(files) == sorted(f"BP.{module}.xsd" for module in xmlmap.MODULES)
    assert 'targetNamespace="BP.common"' in files["BP.common.xsd"]
    for name, text in files.items():
        if name != "BP.common.xsd":
            assert 'schemaLocation="BP.common.xsd"' in text
            assert "targetNamespace" not in text


def test_a_cardinality_change_in_the_model_changes_the_xsd(schema_copy, tmp_path) -> None:
    _edit(schema_copy / "landing_page.yaml", "maximum_cardinality: 5", "maximum_cardinality: 4")
    schemas = _generate(schema_copy, tmp_path / "xsd")
    page = xsd_corpus.seeds()["BP.landing_page.xsd"]["landing_page"]
    assert len(page.find("SAMPLE_IMAGE_FILES")) == 5
    assert not schemas["BP.landing_page.xsd"].validate(page)
    page.find("SAMPLE_IMAGE_FILES").remove(page.find("SAMPLE_IMAGE_FILES")[0])
    assert schemas["BP.landing_page.xsd"].validate(page)


def test_an_enumeration_change_in_the_model_changes_the_xsd(schema_copy, tmp_path) -> None:
    _edit(schema_copy / "observer.yaml", "      Machine:\n", "      Robot: {}\n      Machine:\n")
    schemas = _generate(schema_copy, tmp_path / "xsd")
    observer = xsd_corpus.seeds()["BP.observer.xsd"]["observer"]
    observer.find("OBSERVER_TYPE").text = "Robot"
    assert schemas["BP.observer.xsd"].validate(observer)


def _declarations(path: Path) -> set[tuple[str, str | None]]:
    """Global types and elements of a schema file: (kind, name)."""
    root = etree.parse(str(path), SAFE).getroot()
    return {(etree.QName(node).localname, node.get("name")) for node in root if node.get("name")}


def test_global_types_and_elements_match_the_official_files() -> None:
    from tests.conftest import OFFICIAL_XSD_DIR

    generated = xmlmap.SCHEMA_DIR.parent / "xsd"
    for module in xmlmap.MODULES:
        name = f"BP.{module}.xsd"
        assert _declarations(generated / name) == _declarations(OFFICIAL_XSD_DIR / name), name
