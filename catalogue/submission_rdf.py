"""The public RDF of a submission, as N-Triples under its version's base IRI.

The triples are the data graph validation checked (``bigpicture.catalogue.validation.datagraph``,
built from the objects already parsed), which is the model's RDF (``bigpicture.model.rdf_io``;
a test keeps the two equal): objects at ``<base><kind>/<alias>``, nested nodes below them,
every slot ``bp:<slot>``. What is private never enters the store, because the store backs a
public SPARQL endpoint: the objects of ``PRIVATE/`` (REMS identifiers, the organisation's PIC
and Perun group) and the dataset owner's breach-contact e-mail. The organisation's public name
is kept in the catalogue record instead.
"""

from __future__ import annotations

from bigpicture.catalogue.submission import Submission

BP = "https://w3id.org/bigpicture/metaflex/"
#: Kinds (IRI segments) whose objects stay out of the store.
PRIVATE_KINDS = ("rems", "organisation")
#: Predicates never stored.
PRIVATE_PREDICATES = (BP + "dataset_owner_contact_email",)


def submission_ntriples(submission: Submission, base_iri: str) -> bytes:
    """The public triples of a submission's objects, every IRI under ``base_iri``."""
    from bigpicture.catalogue.validation.datagraph import ntriples, object_graphs

    private = tuple(f"{base_iri}{kind}/" for kind in PRIVATE_KINDS)
    parts = []
    for graph in object_graphs(submission.index, base_iri):
        if next(iter(graph.objects)).startswith(private):
            continue
        for po in graph.spo.values():
            for predicate in PRIVATE_PREDICATES:
                po.pop(predicate, None)
        parts.append(ntriples(graph))
    return "".join(parts).encode("utf-8")
