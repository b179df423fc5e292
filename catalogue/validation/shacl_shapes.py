"""The shapes graph of validation: the shapes generated from the LinkML model (``shapes/*.ttl``)
plus the hand-written rules for what LinkML cannot say (``shapes/rules/*.ttl``).
"""

from __future__ import annotations

import functools
import importlib.resources

from rdflib import Graph, URIRef
from rdflib.namespace import RDFS

from bigpicture.catalogue.validation.rdf_mapping import superclasses


def _turtle_files(folder) -> list:
    return sorted(
        (entry for entry in folder.iterdir() if entry.name.endswith(".ttl")),
        key=lambda entry: entry.name,
    )


@functools.cache
def shape_files() -> tuple[str, ...]:
    """Names of the shape files used, generated first, then the rules."""
    root = importlib.resources.files("bigpicture.shapes")
    names = [entry.name for entry in _turtle_files(root)]
    names += [f"rules/{entry.name}" for entry in _turtle_files(root / "rules")]
    return tuple(names)


@functools.cache
def shapes_graph() -> Graph:
    """Generated shapes and hand-written rules in one rdflib graph (parsed once)."""
    root = importlib.resources.files("bigpicture.shapes")
    graph = Graph()
    for name in shape_files():
        graph.parse(data=(root / name).read_text(encoding="utf-8"), format="turtle")
    return graph


def ontology_graph() -> Graph:
    """rdfs:subClassOf closure of the model's classes (pySHACL's ``ont_graph``)."""
    graph = Graph()
    for cls, supers in superclasses().items():
        for sup in supers:
            if sup != cls:
                graph.add((URIRef(cls), RDFS.subClassOf, URIRef(sup)))
    return graph
