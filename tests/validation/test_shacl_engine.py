"""Our SHACL engine gives exactly pySHACL's results, on the generated shapes plus our rules over
a corpus of submissions (the data-driven cases and seeded graph mutations of a synthetic one),
and on a small shapes graph exercising the components the model does not use yet."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph
from shacl_oracle import pyshacl_keys
from validation_cases import apply_patches, case_names, copy_example, load_case

from bigpicture.catalogue.validation.datagraph import (
    IRI,
    RDF_TYPE,
    DataGraph,
    Lit,
    build_data_graph,
    to_rdflib,
)
from bigpicture.catalogue.validation.limits import DEFAULT_LIMITS
from bigpicture.catalogue.validation.objects import ObjectIndex
from bigpicture.catalogue.validation.parsing import parse_file
from bigpicture.catalogue.validation.rdf_mapping import BP, superclasses
from bigpicture.catalogue.validation.shacl_engine import Engine
from bigpicture.catalogue.validation.shacl_shapes import ontology_graph, shapes_graph
from bigpicture.catalogue.validation.sources import FolderSource

BPCAT = Path(sys.executable).with_name("bpcat")


def data_graph(folder: Path) -> DataGraph:
    loaded = FolderSource(folder).load(DEFAULT_LIMITS)
    parsed = [p for p in (parse_file(f)[0] for f in loaded.files) if p is not None]
    return build_data_graph(ObjectIndex.from_files(parsed))


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(shapes_graph(), superclasses())


def assert_same(engine: Engine, graph: DataGraph) -> int:
    ours = {r.key() for r in engine.validate(graph)}
    by_class: list = []
    engine.validate_by_class(graph, by_class)
    assert {r.key() for r in by_class} == ours
    theirs = pyshacl_keys(to_rdflib(graph), shapes_graph(), ontology_graph())
    assert ours == theirs, (sorted(ours - theirs, key=str)[:5], sorted(theirs - ours, key=str)[:5])
    return len(ours)


@pytest.mark.parametrize("name", case_names())
def test_cases_agree_with_pyshacl(name, engine, example_submission, tmp_path) -> None:
    folder = copy_example(example_submission, tmp_path)
    apply_patches(folder, load_case(name)["patches"])
    assert_same(engine, data_graph(folder))


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synth")
    subprocess.run(
        [str(BPCAT), "synth", "--datasets", "1", "--images", "12", "--seed", "5", str(out)],
        check=True,
        capture_output=True,
    )
    return next(out.iterdir())


def _mutate(graph: DataGraph, rng: random.Random) -> None:
    """One random change of the kind a broken writer makes."""
    node = rng.choice(sorted(graph.spo))
    po = graph.spo[node]
    predicate = rng.choice(sorted(po))
    action = rng.randrange(7)
    if action == 0:
        del po[predicate]  # a missing value
    elif action == 1:
        po[predicate] = [*po[predicate], f"another {predicate}"]  # one value too many
    elif action == 2:
        po.setdefault(BP + "not_in_the_model", []).append("surprise")  # closed shapes
    elif action == 3:
        po[predicate] = [IRI("https://example.org/x")]  # an IRI where a literal belongs
    elif action == 4:
        po[predicate] = [Lit("12.5x", "http://www.w3.org/2001/XMLSchema#decimal")]  # ill-typed
    elif action == 5:
        po[predicate] = ["plain text"]  # a literal where a node belongs, or a wrong enum value
    else:
        other = rng.choice(sorted(graph.instances))  # a node of another class
        po[RDF_TYPE] = [IRI(other)]
        graph.instances[other].append(node)


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(10))
def test_mutated_synthetic_submissions_agree_with_pyshacl(seed, engine, synthetic) -> None:
    graph = data_graph(synthetic)
    rng = random.Random(seed)
    for _ in range(8):
        _mutate(graph, rng)
    assert assert_same(engine, graph) > 0


EXTRA_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:A a sh:NodeShape ; sh:targetClass ex:Thing ;
  sh:property [ sh:path ex:size ; sh:datatype xsd:decimal ; sh:minInclusive 1 ;
                sh:maxExclusive 10 ] ;
  sh:property [ sh:path ex:name ; sh:maxLength 5 ; sh:minLength 2 ; sh:pattern "^[a-z]+$" ;
                sh:flags "i" ] ;
  sh:property [ sh:path [ sh:inversePath ex:child ] ; sh:maxCount 1 ] ;
  sh:property [ sh:path ex:child ; sh:node ex:ChildShape ] ;
  sh:xone ( [ sh:path ex:a ; sh:minCount 1 ] [ sh:path ex:b ; sh:minCount 1 ] ) ;
  sh:and ( [ sh:path ex:name ; sh:minCount 1 ]
           [ sh:not [ sh:path ex:name ; sh:hasValue "bad" ] ] ) .
ex:ChildShape a sh:NodeShape ; sh:property [ sh:path ex:name ; sh:minCount 1 ] .
ex:B a sh:NodeShape ; sh:targetNode ex:t1 ; sh:targetSubjectsOf ex:b ;
  sh:property [ sh:path ex:name ; sh:in ( "ok" "fine" ) ; sh:severity sh:Warning ] .
"""


def _extra_data(rng: random.Random) -> DataGraph:
    graph = DataGraph()
    ex = "https://example.org/"
    for n in range(30):
        node = IRI(f"{ex}t{n}")
        po: dict[str, list] = {RDF_TYPE: [IRI(ex + "Thing")]}
        if rng.random() < 0.8:
            po[ex + "size"] = [
                Lit(
                    rng.choice(["0", "1", "5.5", "10", "x"]),
                    rng.choice(
                        [
                            "http://www.w3.org/2001/XMLSchema#decimal",
                            "http://www.w3.org/2001/XMLSchema#integer",
                        ]
                    ),
                )
            ]
        if rng.random() < 0.8:
            po[ex + "name"] = [rng.choice(["ok", "fine", "bad", "Toolong", "x", "AB"])]
        for key in ("a", "b"):
            if rng.random() < 0.5:
                po[ex + key] = ["v"]
        if n and rng.random() < 0.6:
            po[ex + "child"] = [IRI(f"{ex}t{rng.randrange(30)}")]
        graph.spo[node] = po
        graph.instances[ex + "Thing"].append(node)
    return graph


@pytest.mark.parametrize("seed", range(6))
def test_other_core_components_agree_with_pyshacl(seed) -> None:
    shapes = Graph().parse(data=EXTRA_SHAPES, format="turtle")
    engine = Engine(shapes, {})
    assert not engine.local
    graph = _extra_data(random.Random(seed))
    ours = {r.key() for r in engine.validate(graph)}
    assert ours == pyshacl_keys(to_rdflib(graph), shapes, None)
    assert ours
