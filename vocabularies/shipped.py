"""Read the shipped Turtle files (vocabularies/*.ttl) into concepts and project links.

Parsing uses pyoxigraph (a Rust Turtle parser; see docs/design.md, "Vocabularies", for the
figures against rdflib and owlready2). Only this module knows the file layout.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from importlib import resources

import pyoxigraph

from bigpicture.vocabularies.concepts import Concept
from bigpicture.vocabularies.namespaces import BPV, DCTERMS, OWL, SCHEME_IRIS, SKOS

FILES = ("snomed.ttl", "stains.ttl", "duo.ttl", "groupings.ttl")
#: Predicates whose object is a broader node of the subject (all project curation or DUO).
BROADER = (BPV + "memberOf", BPV + "projectBroader", BPV + "projectPartOf", SKOS + "broader")
_SCHEMES = {iri: name for name, iri in SCHEME_IRIS.items()}

Properties = dict[str, list[str]]


def ref(scheme: str, code: str) -> str:
    """The key of a concept in the hierarchy: SNOMED CT, DUO and project codes as written,
    other schemes prefixed (``DCM:111475``)."""
    if scheme in ("SCT", "DUO", "BP"):
        return code
    return f"{scheme}:{code}"


@dataclass(frozen=True)
class ShippedData:
    """Concepts by key, and broader links (child key -> parent keys)."""

    concepts: dict[str, Concept]
    parents: dict[str, tuple[str, ...]]


def read_triples(names: tuple[str, ...] = FILES) -> dict[str, Properties]:
    """Subject IRI -> predicate IRI -> object values, over the named package files."""
    subjects: dict[str, Properties] = defaultdict(lambda: defaultdict(list))
    package = resources.files("bigpicture.vocabularies")
    for name in names:
        data = (package / name).read_bytes()
        for quad in pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TURTLE):
            subjects[quad.subject.value][quad.predicate.value].append(quad.object.value)
    return subjects


def _first(props: Properties, predicate: str) -> str:
    values = props.get(predicate)
    return sorted(values)[0] if values else ""


def _all(props: Properties, predicate: str) -> tuple[str, ...]:
    return tuple(sorted(props.get(predicate, ())))


def _concept(iri: str, props: Properties) -> Concept:
    return Concept(
        code=_first(props, SKOS + "notation"),
        scheme=_SCHEMES[_first(props, SKOS + "inScheme")],
        label=_first(props, SKOS + "prefLabel"),
        synonyms=_all(props, SKOS + "altLabel"),
        category=_first(props, BPV + "category"),
        semantic_tag=_first(props, BPV + "semanticTag"),
        legacy_ids=_all(props, BPV + "snomedRtId"),
        definition=_first(props, SKOS + "definition") or _first(props, DCTERMS + "description"),
        shorthand=_first(props, BPV + "shorthand"),
        project_terms=_all(props, SKOS + "hiddenLabel"),
        obsolete=_first(props, OWL + "deprecated") == "true",
        iri=iri,
    )


def load_shipped() -> ShippedData:
    """The shipped concepts and their (project and DUO) broader links."""
    subjects = read_triples()
    concepts = {
        iri: _concept(iri, props)
        for iri, props in subjects.items()
        if SKOS + "notation" in props and SKOS + "inScheme" in props
    }
    keys = {iri: ref(concept.scheme, concept.code) for iri, concept in concepts.items()}
    parents: dict[str, tuple[str, ...]] = {}
    for iri, props in subjects.items():
        found = [keys[o] for p in BROADER for o in props.get(p, ()) if o in keys]
        if found and iri in keys:
            parents[keys[iri]] = tuple(sorted(set(found)))
    return ShippedData({keys[iri]: c for iri, c in concepts.items()}, parents)
