"""The DICOM technical metadata of a harvested dataset, as N-Triples under its base IRI.

Images are ``<base>image/<alias>`` as in the model's RDF (``bigpicture.model.rdf_io``); the
triples are those of ``bigpicture.harvest.dicom.rdf`` (documented in docs/harvest.md).
"""

from __future__ import annotations

from pathlib import PurePosixPath

from rdflib import Graph, URIRef

from bigpicture.harvest.dicom.rdf import image_graph
from bigpicture.harvest.image_map import Assignment


def image_iri(base_iri: str, alias: str) -> URIRef:
    """The IRI of a MetaFleX IMAGE under a dataset version's base IRI."""
    return URIRef(f"{base_iri}image/{alias}")


def technical_graph(base_iri: str, assignment: Assignment) -> Graph:
    """Every image's technical triples."""
    graph = Graph()
    for alias, items in sorted(assignment.by_image.items()):
        files = [(PurePosixPath(item.label).name, item.header, item.size) for item in items]
        graph += image_graph(image_iri(base_iri, alias), files)
    return graph


def technical_ntriples(base_iri: str, assignment: Assignment) -> bytes:
    """Every image's technical triples as sorted N-Triples (empty when there are none).

    Sorted, so that the same headers always give the same bytes: the ingest compares a
    version's content by hash, and a graph's own order changes from process to process.
    """
    if not assignment.by_image:
        return b""
    text = technical_graph(base_iri, assignment).serialize(format="nt")
    lines = sorted(line for line in text.splitlines() if line.strip())
    return ("\n".join(lines) + "\n").encode()
