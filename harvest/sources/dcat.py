"""DCAT catalogues of other catalogues (FAIR Data Points, CKAN): Turtle or JSON-LD, Hydra paged.

W3C DCAT 3 (``dcat:Catalog``, ``dcat:Dataset``, ``dcat:Distribution``) as profiled by DCAT-AP 3
(a Dataset needs ``dct:title`` and ``dct:description``), and Hydra Core's partial collection
views (``hydra:next``, also the older ``hydra:nextPage``) for paging. Each dataset becomes one
record: its concise bounded description plus that of its distributions. JSON-LD documents must
carry their ``@context`` inline: remote contexts are never fetched.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from pathlib import Path

from rdflib import RDF, BNode, Graph, Namespace, URIRef
from rdflib.compare import to_canonical_graph

from bigpicture.harvest.errors import SourceUnavailable
from bigpicture.harvest.http_client import HttpClient
from bigpicture.harvest.nodes import Node
from bigpicture.harvest.sources.base import Offer, Progress, Staged

DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCT = Namespace("http://purl.org/dc/terms/")
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
ACCEPT = "text/turtle, application/ld+json;q=0.9, application/n-triples;q=0.5"
MAX_PAGES = 1000
_FORMATS = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/json": "json-ld",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
}


def _no_remote_context(body: bytes, where: str) -> None:
    def contexts(value: object) -> Iterator[object]:
        if isinstance(value, dict):
            if "@context" in value:
                yield value["@context"]
            for item in value.values():
                yield from contexts(item)
        elif isinstance(value, list):
            for item in value:
                yield from contexts(item)

    try:
        document = json.loads(body)
    except ValueError as error:
        raise SourceUnavailable(f"{where}: not JSON-LD ({error})") from error
    for context in contexts(document):
        items = context if isinstance(context, list) else [context]
        if any(isinstance(item, str) for item in items):
            raise SourceUnavailable(f"{where}: remote JSON-LD contexts are not fetched; inline it")


def parse_page(body: bytes, content_type: str, where: str) -> Graph:
    """One page of a DCAT catalogue as a graph (raises SourceUnavailable on garbage)."""
    fmt = _FORMATS.get(content_type, "turtle")
    if fmt == "json-ld":
        _no_remote_context(body, where)
    if fmt == "xml":
        raise SourceUnavailable(f"{where}: RDF/XML is not read; ask for Turtle or JSON-LD")
    graph = Graph()
    try:
        graph.parse(data=body, format=fmt, publicID=where)
    except Exception as error:  # noqa: BLE001 - any parser error means the page is garbage
        raise SourceUnavailable(f"{where}: not {fmt} ({type(error).__name__}: {error})") from error
    return graph


def next_page(graph: Graph) -> str:
    """The URL of the next page named by a Hydra view ('' on the last page)."""
    for predicate in (HYDRA.next, HYDRA.nextPage):
        for target in graph.objects(None, predicate):
            return str(target)
    return ""


def _describe(graph: Graph, subject, into: Graph, seen: set) -> None:
    """Add the concise bounded description of ``subject`` (blank nodes followed)."""
    if subject in seen:
        return
    seen.add(subject)
    for predicate, value in graph.predicate_objects(subject):
        into.add((subject, predicate, value))
        if isinstance(value, BNode):
            _describe(graph, value, into, seen)


def record_graph(graph: Graph, dataset: URIRef) -> Graph:
    """A dataset's record: its description and that of its distributions."""
    record, seen = Graph(), set()
    _describe(graph, dataset, record, seen)
    for distribution in graph.objects(dataset, DCAT.distribution):
        _describe(graph, distribution, record, seen)
    return record


def fingerprint(record: Graph) -> str:
    """A hash of the record that does not depend on blank-node labels or triple order."""
    lines = sorted(to_canonical_graph(record).serialize(format="nt").splitlines())
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


class DcatSource:
    """A DCAT catalogue served over HTTP, one or more Hydra pages."""

    def __init__(self, node: Node, client: HttpClient) -> None:
        self.node, self.client = node, client
        self._records: dict[str, Graph] = {}

    def close(self) -> None:
        self.client.close()

    def fetch_catalogue(self) -> Graph:
        """Every page of the catalogue, merged."""
        merged, url, seen = Graph(), self.node.url, set()
        while url and url not in seen and len(seen) < MAX_PAGES:
            seen.add(url)
            answer = self.client.get(url, accept=ACCEPT)
            page = parse_page(answer.body, answer.content_type, url)
            merged += page
            url = next_page(page)
        return merged

    def offers(self) -> Sequence[Offer]:
        graph = self.fetch_catalogue()
        datasets = sorted(
            s for s in graph.subjects(RDF.type, DCAT.Dataset) if isinstance(s, URIRef)
        )
        self._records = {str(d): record_graph(graph, d) for d in datasets}
        return [Offer(iri, fingerprint(record)) for iri, record in self._records.items()]

    def stage(self, offer: Offer, staging: Path, progress: Progress) -> Staged:
        record = self._records[offer.name]
        subject = URIRef(offer.name)
        title = next((str(t) for t in record.objects(subject, DCT.title)), "")
        identifier = next((str(i) for i in record.objects(subject, DCT.identifier)), offer.name)
        progress(1, 1)
        return Staged(
            offer,
            record_ntriples=record.serialize(format="nt").encode(),
            record={"iri": offer.name, "title": title, "identifier": identifier},
        )
