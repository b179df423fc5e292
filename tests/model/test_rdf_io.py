"""Model objects <-> RDF: equal objects after the round trip, the model's IRIs, every syntax."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from rdflib import Graph
from rdflib.compare import isomorphic

from bigpicture.catalogue.synth import SynthOptions, generate
from bigpicture.model import xmlmap
from bigpicture.model.generated import metaflex as m
from bigpicture.model.rdf_io import (
    RDF_TYPE,
    from_graph,
    from_ntriples,
    ntriples_lines,
    serialize,
    to_graph,
    to_ntriples,
    triples,
)
from bigpicture.model.xml_io import read_submission
from tests.model.metaflex_strategies import submissions

BASE = "https://catalogue.example.org/"


def normalised(submission: m.Submission) -> dict[str, list]:
    """Objects by kind in id order (RDF keeps list order inside objects, not between them)."""
    return {slot: sorted(value or [], key=lambda obj: obj.id) for slot, value in submission}


def test_the_shared_example_round_trips(example_submission: Path) -> None:
    submission = read_submission(example_submission)
    assert normalised(from_ntriples(to_ntriples(submission, BASE), BASE)) == normalised(submission)
    assert normalised(from_graph(to_graph(submission, BASE), BASE)) == normalised(submission)


def test_synthetic_submissions_round_trip(tmp_path: Path) -> None:
    for summary in generate(tmp_path, SynthOptions(datasets=6, images=(10, 25), seed=5)):
        submission = read_submission(summary.folder)
        back = from_ntriples(to_ntriples(submission, BASE), BASE)
        assert normalised(back) == normalised(submission), summary.alias


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(submission=submissions())
def test_random_submissions_round_trip(submission: m.Submission) -> None:
    assert normalised(from_ntriples(to_ntriples(submission, BASE), BASE)) == normalised(submission)


def test_object_iris_and_model_iris(example_submission: Path) -> None:
    data = to_ntriples(read_submission(example_submission), BASE)
    view = xmlmap.schema_view()
    slot_iris = {view.get_uri(view.get_slot(s), expand=True) for s in view.all_slots()}
    class_iris = {view.get_uri(view.get_class(c), expand=True) for c in view.all_classes()}
    subjects, types = set(), set()
    for triple in ox.parse(data, format=ox.RdfFormat.N_TRIPLES):
        subjects.add(triple.subject.value)
        if triple.predicate.value == RDF_TYPE:
            types.add(triple.object.value)
        else:
            assert triple.predicate.value in slot_iris, triple.predicate
    assert types <= class_iris
    assert f"{BASE}image/LUNGEX_IMG_01_HE" in subjects
    assert f"{BASE}biological_being/LUNGEX_BB_01" in subjects
    assert f"{BASE}specimen/LUNGEX_SPEC_01_RESECTION/anatomical_site/0" in subjects


def test_the_fast_writer_and_the_triple_stream_agree(example_submission: Path) -> None:
    submission = read_submission(example_submission)
    fast = Graph().parse(data=to_ntriples(submission, BASE), format="nt")
    slow = Graph().parse(data="".join(ntriples_lines(triples(submission, BASE))), format="nt")
    assert len(fast) > 500 and isomorphic(fast, slow)


@pytest.mark.parametrize(
    ("media_type", "rdflib_format"),
    [("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
     ("application/rdf+xml", "xml")],
)  # fmt: skip
def test_every_syntax_gives_the_same_graph(example_submission, media_type, rdflib_format):
    submission = read_submission(example_submission)
    reference = Graph().parse(data=to_ntriples(submission, BASE), format="nt")
    other = Graph().parse(data=serialize(submission, BASE, media_type), format=rdflib_format)
    assert isomorphic(reference, other)


def test_nil_and_empty_lists_differ_in_rdf() -> None:
    empty = m.Observer(id="observer/O", alias="O", observer_type="Human", attributes=[])
    nil = empty.model_copy(update={"attributes": None})
    for observer in (empty, nil):
        back = from_ntriples(to_ntriples(m.Submission(observers=[observer]), BASE), BASE)
        assert back.observers == [observer]


def _validation_graph(folder: Path, base: str) -> Graph:
    from bigpicture.catalogue.validation.datagraph import build_data_graph, to_rdflib
    from bigpicture.catalogue.validation.limits import Limits
    from bigpicture.catalogue.validation.objects import ObjectIndex
    from bigpicture.catalogue.validation.parsing import parse_file
    from bigpicture.catalogue.validation.sources import FolderSource

    parsed = [parse_file(file)[0] for file in FolderSource(folder).load(Limits()).files]
    return to_rdflib(build_data_graph(ObjectIndex.from_files(p for p in parsed if p), base))


def test_the_same_graph_as_the_validation_data_graph(example_submission: Path) -> None:
    """The RDF of the model I/O and the graph SHACL validates (and the store keeps) agree."""
    demo = Path(__file__).resolve().parents[2] / "catalogue/demo/round-1"
    for folder in [example_submission, *sorted(demo.glob("*/DATASET_*"))]:
        mine = Graph().parse(data=to_ntriples(read_submission(folder), BASE), format="nt")
        assert set(mine) == set(_validation_graph(folder, BASE)), folder.name  # no blank nodes


def test_a_base_iri_must_be_absolute_and_end_with_a_slash() -> None:
    for base in ("https://catalogue.example.org", "relative/"):
        with pytest.raises(ValueError, match="base IRI"):
            to_ntriples(m.Submission(), base)
