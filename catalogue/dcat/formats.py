"""RDF serialisations of the exports: Turtle, JSON-LD 1.1 and RDF/XML, in one registry."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph

from bigpicture.catalogue.dcat.namespaces import PREFIXES


@dataclass(frozen=True)
class RdfFormat:
    """One RDF serialisation: its name, URL extension, media type and rdflib plugin."""

    name: str
    extension: str
    media_type: str
    plugin: str


TURTLE = RdfFormat("turtle", "ttl", "text/turtle", "turtle")
JSONLD = RdfFormat("jsonld", "jsonld", "application/ld+json", "json-ld")
RDFXML = RdfFormat("rdfxml", "rdf", "application/rdf+xml", "pretty-xml")
FORMATS: dict[str, RdfFormat] = {f.name: f for f in (TURTLE, JSONLD, RDFXML)}


def serialise(graph: Graph, fmt: RdfFormat) -> bytes:
    """``graph`` as bytes in ``fmt`` (JSON-LD compacted with the export's prefixes)."""
    if fmt.plugin == "json-ld":
        context = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
        return graph.serialize(
            format="json-ld", context=context, auto_compact=True, encoding="utf-8"
        )
    return graph.serialize(format=fmt.plugin, encoding="utf-8")
