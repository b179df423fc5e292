"""The public RDF of a submission, as N-Triples under its version's base IRI.

The object graph follows the model's RDF (bp: slots; objects at ``<base><kind>/<alias>``,
nested nodes below them). What is private never enters the store, because the store backs a
public SPARQL endpoint: the objects of ``PRIVATE/`` (REMS identifiers, the organisation's PIC
and Perun group) and the dataset owner's breach-contact e-mail. The organisation's public name
is kept in the catalogue record instead.
"""

from __future__ import annotations

from collections.abc import Iterator

from bigpicture.catalogue.validation.datagraph import IRI, Lit, build_data_graph
from bigpicture.catalogue.validation.objects import ObjectIndex

BP = "https://w3id.org/bigpicture/metaflex/"
#: Kinds (IRI segments) whose objects stay out of the store.
PRIVATE_KINDS = ("rems", "organisation")
#: Predicates never stored.
PRIVATE_PREDICATES = frozenset({BP + "dataset_owner_contact_email"})

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _term(value: object) -> str:
    if isinstance(value, IRI):
        return f"<{value}>"
    if isinstance(value, Lit):
        return f'"{value.lexical.translate(_ESCAPES)}"^^<{value.datatype}>'
    return f'"{str(value).translate(_ESCAPES)}"'


def _lines(index: ObjectIndex, base_iri: str) -> Iterator[str]:
    private = tuple(base_iri + kind + "/" for kind in PRIVATE_KINDS)
    graph = build_data_graph(index, base_iri)
    for subject, predicates in graph.spo.items():
        if subject.startswith(private):
            continue
        for predicate, objects in predicates.items():
            if predicate in PRIVATE_PREDICATES:
                continue
            for value in objects:
                yield f"<{subject}> <{predicate}> {_term(value)} .\n"


def submission_ntriples(index: ObjectIndex, base_iri: str) -> bytes:
    """The public triples of a submission's objects, every IRI under ``base_iri``."""
    return "".join(_lines(index, base_iri)).encode()
