"""The shipped Turtle files: current with the facts, valid RDF, no SNOMED CT relationship."""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import SKOS

from bigpicture.vocabularies import build
from bigpicture.vocabularies.namespaces import BPV, SCT
from tests.conftest import SHARED

FACTS = SHARED / "vocab-facts"
PACKAGE = Path(str(resources.files("bigpicture.vocabularies")))


@pytest.fixture(scope="module")
def graphs() -> dict[str, rdflib.Graph]:
    return {name: rdflib.Graph().parse(PACKAGE / name) for name in build.OUTPUTS}


@pytest.mark.skipif(not FACTS.is_dir(), reason="../shared/vocab-facts is not present")
def test_committed_files_equal_a_fresh_build() -> None:
    stale = build.stale_files(FACTS, PACKAGE)
    assert not stale, f"stale: {stale}; run python -m bigpicture.vocabularies.build {FACTS}"


def test_stale_check_notices_a_changed_file(tmp_path: Path) -> None:
    if not FACTS.is_dir():
        pytest.skip("../shared/vocab-facts is not present")
    for name, text in build.build(FACTS).items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert build.stale_files(FACTS, tmp_path) == []
    (tmp_path / "duo.ttl").write_text("# edited by hand\n", encoding="utf-8")
    assert build.stale_files(FACTS, tmp_path) == ["duo.ttl"]


def test_files_say_they_are_generated() -> None:
    for name in build.OUTPUTS:
        head = (PACKAGE / name).read_text(encoding="utf-8")[:400]
        assert "GENERATED" in head and build.COMMAND in head, name


def test_no_link_between_snomed_codes_uses_a_snomed_or_skos_property(graphs) -> None:
    project = {BPV + "memberOf", BPV + "projectBroader", BPV + "projectPartOf"}
    for name, graph in graphs.items():
        for s, p, o in graph:
            if str(s).startswith(SCT) and str(o).startswith(SCT):
                assert str(p) in project, f"{name}: {s} {p} {o}"
            if p == SKOS.broader:
                assert name == "duo.ttl", f"{name}: skos:broader {s} {o}"


def test_project_properties_are_declared_as_project_curation(graphs) -> None:
    graph = graphs["groupings.ttl"]
    for prop in ("memberOf", "projectBroader", "projectPartOf"):
        comment = str(graph.value(rdflib.URIRef(BPV + prop), rdflib.RDFS.comment))
        assert "not a SNOMED CT relationship" in comment


@pytest.mark.skipif(not FACTS.is_dir(), reason="../shared/vocab-facts is not present")
def test_every_grouping_row_of_the_facts_is_shipped(vocabulary) -> None:
    with (FACTS / "snomed_isa.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 205
    for row in rows:
        assert row["parent"] in vocabulary.ancestors(row["child"]), row


def test_duo_keeps_the_published_iri_of_npoa(graphs) -> None:
    graph = graphs["duo.ttl"]
    npoa = rdflib.URIRef("http://purl.obolibrary.org/obo/DUO_00000044")
    assert str(graph.value(npoa, SKOS.notation)) == "DUO:0000044"
    seven_digits = rdflib.URIRef("http://purl.obolibrary.org/obo/DUO_0000044")
    assert (None, SKOS.broader, seven_digits) not in graph
    assert (None, SKOS.broader, npoa) not in graph  # nothing is narrower than NPOA


def test_sources_and_licences_are_recorded_beside_the_files() -> None:
    text = (PACKAGE / "SOURCES.md").read_text(encoding="utf-8")
    for needle in ("CC BY 4.0", "Global Patient Set", "DUO_00000044", *build.OUTPUTS):
        assert needle in text


def test_runtime_modules_do_not_read_the_shared_folder() -> None:
    for path in PACKAGE.glob("*.py"):
        if path.name != "build.py":
            assert "shared" not in path.read_text(encoding="utf-8"), path.name


def test_build_command_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert build.main([]) == 2
    assert build.main([str(tmp_path / "absent"), "--check"]) == 2
    if FACTS.is_dir():
        assert build.main([str(FACTS), "--check"]) == 0
        assert "up to date" in capsys.readouterr().out
