"""The generated SHACL shapes accept model objects and reject broken ones.

Objects are turned into RDF with linkml-runtime's own dumper; the shapes are checked with
pySHACL, with the generated OWL as ontology graph (it carries the subclass axioms that
``sh:class bp:Attribute`` needs for StringAttribute, CodeAttribute, ...).
"""

from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
import rdflib
from linkml_runtime.dumpers import rdflib_dumper

from bigpicture.model import rdf_io, xmlmap
from bigpicture.model.generated import metaflex as m

REPO = Path(__file__).resolve().parents[2]
BASE = "https://catalogue.example.org/"
BP_NS = rdflib.Namespace("https://w3id.org/bigpicture/metaflex/")
LUNG = m.CodedValue(code="39607008", scheme="SCT", meaning="Lung structure")


@pytest.fixture(scope="module")
def graphs() -> tuple[rdflib.Graph, rdflib.Graph]:
    shapes = rdflib.Graph().parse(REPO / "shapes" / "metaflex.shacl.ttl")
    ontology = rdflib.Graph().parse(REPO / "model" / "owl" / "bigpicture.owl.ttl")
    return shapes, ontology


def _submission(**changes) -> m.Submission:
    being = m.BiologicalBeing(
        id=f"{BASE}biological_being/BB1",
        alias="BB1",
        sex="Female",
        attributes=[m.StringAttribute(tag="sex", value="Female")],
    )
    specimen = m.Specimen(
        id=f"{BASE}specimen/S1",
        alias="S1",
        extracted_from_ref=m.Reference(alias="BB1"),
        anatomical_site=[LUNG],
        attributes=[m.CodeAttribute(tag="anatomical_site", value=LUNG)],
    )
    dataset = m.Dataset(
        id=f"{BASE}dataset/D1",
        alias="D1",
        title="Lung",
        short_name="LUNG",
        version="1",
        metadata_standard="2.0.0",
        image_refs=[m.Reference(alias="I1")],
        attributes=None,
    )
    parts = {"biological_beings": [being], "specimens": [specimen], "datasets": [dataset]}
    return m.Submission(**(parts | changes))


def _conforms(submission: m.Submission, graphs, edit=None) -> tuple[bool, str]:
    shapes, ontology = graphs
    data = rdflib_dumper.as_rdf_graph(submission, schemaview=xmlmap.schema_view())
    if edit is not None:
        edit(data)
    conforms, _graph, text = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology)
    return conforms, text


def test_a_valid_submission_conforms(graphs) -> None:
    conforms, text = _conforms(_submission(), graphs)
    assert conforms, text


def test_a_broken_metadata_standard_is_reported(graphs) -> None:
    dataset = _submission().datasets[0].model_copy(update={"metadata_standard": "1.0.0"})
    conforms, text = _conforms(_submission(datasets=[dataset]), graphs)
    assert not conforms
    assert "metadata_standard" in text


def test_a_missing_required_reference_is_reported(graphs) -> None:
    specimen = _submission().specimens[0].model_copy(update={"extracted_from_ref": None})
    conforms, text = _conforms(_submission(specimens=[specimen]), graphs)
    assert not conforms
    assert "extracted_from_ref" in text


def test_a_sex_outside_the_profile_values_is_reported(graphs) -> None:
    sex = rdflib.URIRef("https://w3id.org/bigpicture/metaflex/sex")
    being = rdflib.URIRef(f"{BASE}biological_being/BB1")

    def edit(data: rdflib.Graph) -> None:
        assert (being, sex, rdflib.Literal("Female")) in data
        data.set((being, sex, rdflib.Literal("male")))

    conforms, text = _conforms(_submission(), graphs, edit)
    assert not conforms
    assert "sex" in text


def _model_rdf_conforms(submission: m.Submission, graphs, edit=None) -> tuple[bool, str]:
    """Like ``_conforms``, with the graph written by our model I/O (which writes rdf:nil)."""
    shapes, ontology = graphs
    data = rdf_io.to_graph(submission, BASE)
    if edit is not None:
        edit(data)
    conforms, _graph, text = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology)
    return conforms, text


def test_an_empty_attributes_list_conforms(graphs) -> None:
    """An empty ATTRIBUTES element is valid XML; the model I/O writes it as rdf:nil."""
    dataset = _submission().datasets[0].model_copy(update={"attributes": []})
    submission = _submission(datasets=[dataset])
    dataset_iri = rdflib.URIRef(f"{BASE}dataset/D1")
    assert (dataset_iri, BP_NS.attributes, rdflib.RDF.nil) in rdf_io.to_graph(submission, BASE)
    conforms, text = _model_rdf_conforms(submission, graphs)
    assert conforms, text


def test_rdf_nil_is_refused_where_the_xsd_wants_items(graphs) -> None:
    dataset_iri = rdflib.URIRef(f"{BASE}dataset/D1")

    def edit(data: rdflib.Graph) -> None:
        data.add((dataset_iri, BP_NS.image_refs, rdflib.RDF.nil))

    conforms, text = _model_rdf_conforms(_submission(), graphs, edit)
    assert not conforms
    assert "image_refs" in text


def test_a_nil_code_attributes_conforms(graphs) -> None:
    """CODE_ATTRIBUTES is mandatory but nillable: a statement without codes is valid."""
    statement = m.Statement(statement_type="Finding", statement_status="Distinct")
    observation = m.Observation(
        id=f"{BASE}observation/O1",
        alias="O1",
        specimen_ref=m.Reference(alias="S1"),
        statement=statement,
    )
    conforms, text = _model_rdf_conforms(_submission(observations=[observation]), graphs)
    assert conforms, text
