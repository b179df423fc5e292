"""Property-based: any dataset version the store can hand over exports without violations,
and its RDF reads back the same in every syntax."""

from __future__ import annotations

import pytest
from dcat_conformance import validate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph
from rdflib.compare import isomorphic

from bigpicture.catalogue.dcat import FORMATS, PROFILES, PublishContext, build_catalog, paginate
from bigpicture.catalogue.dcat import serialise as write
from bigpicture.catalogue.facts import Concept, DatasetFacts, Person

CTX = PublishContext("https://cat.example.org/x", "Bigpicture", "bp@example.org")
TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40
).filter(str.strip)
CODES = st.from_regex(r"[1-9][0-9]{5,9}", fullmatch=True)
CONCEPTS = st.builds(
    Concept, code=CODES, scheme=st.sampled_from(["SCT", "TEXT", "DCM"]), label=TEXT
)
DATES = st.dates().map(lambda d: d.isoformat())
PEOPLE = st.builds(Person, name=TEXT, orcid=st.sampled_from(["", "0000-0002-1825-0097"]))
COUNTS = st.integers(min_value=0, max_value=10**7)


@st.composite
def dataset_facts(draw: st.DrawFn) -> DatasetFacts:
    """A dataset version with arbitrary (but well-typed) content."""
    key = draw(st.from_regex(r"[A-Z][A-Z0-9_]{2,12}", fullmatch=True))
    ages = sorted(draw(st.lists(st.integers(0, 110), min_size=2, max_size=2)))
    return DatasetFacts(
        id=f"{key}-1",
        dataset_key=key,
        version=draw(st.sampled_from(["1", "1.0", "2.1"])),
        title=draw(TEXT),
        short_name=draw(st.sampled_from(["", key])),
        description=draw(st.sampled_from(["", "Some description."])),
        doi=draw(st.sampled_from(["", f"10.99999/{key.lower()}"])),
        issued=draw(st.sampled_from(["", draw(DATES)])),
        node=draw(st.sampled_from(["", "oslo"])),
        organs=tuple(draw(st.lists(CONCEPTS, max_size=3))),
        diagnoses=tuple(draw(st.lists(CONCEPTS, max_size=3))),
        stains=tuple(draw(st.lists(CONCEPTS, max_size=3))),
        age_min_years=draw(st.sampled_from([None, ages[0]])),
        age_max_years=ages[1],
        sexes=tuple(draw(st.lists(st.sampled_from(["Female", "Male"]), max_size=2))),
        case_count=draw(COUNTS),
        image_count=draw(COUNTS),
        size_bytes=draw(COUNTS),
        licence=draw(st.sampled_from(["", "CC-BY-4.0", "CC0-1.0", "https://example.org/lic"])),
        creators=tuple(draw(st.lists(PEOPLE, max_size=3))),
        organisation=draw(st.sampled_from(["", "Some University"])),
        rems_access_link=draw(st.sampled_from(["", "https://rems.example.org/a?b=c"])),
    )


@pytest.mark.slow
@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(dataset_facts(), min_size=1, max_size=3, unique_by=lambda f: f.id))
def test_any_catalogue_exports_without_violations(facts: list[DatasetFacts]) -> None:
    graph = build_catalog(paginate(facts), CTX, PROFILES["healthdcat-ap"])
    violations = [f for f in validate(graph, "healthdcat-ap") if f.severity == "Violation"]
    assert not violations, "\n".join(map(str, violations))


@pytest.mark.slow
@settings(max_examples=15, deadline=None)
@given(st.lists(dataset_facts(), min_size=1, max_size=2, unique_by=lambda f: f.id))
def test_rdf_round_trips_through_every_syntax(facts: list[DatasetFacts]) -> None:
    graph = build_catalog(paginate(facts), CTX, PROFILES["healthdcat-ap"])
    for fmt in FORMATS.values():
        again = Graph().parse(data=write(graph, fmt), format=fmt.plugin.replace("pretty-", ""))
        assert isomorphic(graph, again), fmt.name
