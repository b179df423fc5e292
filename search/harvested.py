"""Search records of datasets harvested from other catalogues (DCAT: FAIR Data Points, CKAN).

The harvest keeps each DCAT record as its node published it (N-Triples); this module turns one
into a dataset-level search record: title, description, keywords and themes, publisher, the
node it came from, access rights, licence and the year it was issued. The hit links to the
record's own landing page (``dcat:landingPage``, else its IRI) and says ``"origin":
"harvested"``: these datasets have no DOI and no page in this catalogue.

:class:`HarvestedIndexer` is told by the composition root when a record is kept or dropped
(``record_kept`` / ``record_dropped``) and gives the records of a full rebuild.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import FOAF, RDFS, SKOS

from bigpicture.search.backend import SearchBackend
from bigpicture.search.documents import Record
from bigpicture.search.facets import facet_field, facet_term, filter_field, normalise

DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCT = Namespace("http://purl.org/dc/terms/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
ORIGIN = "harvested"
#: The EU access-right authority table, in the words of this catalogue's access facet.
ACCESS_RIGHTS = {
    "PUBLIC": "open",
    "RESTRICTED": "restricted",
    "NON_PUBLIC": "non-public",
    "CONFIDENTIAL": "non-public",
    "SENSITIVE": "restricted",
}
_NAMES = (SKOS.prefLabel, RDFS.label, FOAF.name, VCARD.fn, DCT.title)
#: Harvested record: the kept ``(node, N-Triples)`` of each record.
KeptRecords = Callable[[], Iterable[tuple[str, bytes]]]


def record_id(node: str, iri: str) -> str:
    """The index id of the record ``iri`` harvested from ``node``."""
    return f"{ORIGIN}:{node}:{iri}"


@dataclass(frozen=True)
class HarvestedDataset:
    """What a DCAT record says, in the terms search uses."""

    iri: str
    node: str
    title: str
    description: str = ""
    keywords: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    publisher: str = ""
    access: str = ""
    licence: str = ""
    issued: str = ""
    """``YYYY-MM-DD`` (or ``YYYY``) when the record gives ``dct:issued``."""
    url: str = ""

    @property
    def year(self) -> int | None:
        """The year of issue."""
        return int(self.issued[:4]) if self.issued[:4].isdigit() else None


def _web_link(value: object) -> str:
    """An http(s) IRI, else '' (a record must not put ``javascript:`` links on our pages)."""
    text = str(value) if isinstance(value, URIRef) else ""
    return text if text.startswith(("http://", "https://")) else ""


def _text(graph: Graph, subject: object, predicate: URIRef) -> str:
    """The literal value, English or untagged first."""
    values = [v for v in graph.objects(subject, predicate) if isinstance(v, Literal)]
    values = [v for v in values if str(v).strip()]
    values.sort(key=lambda v: ({"en": 0, None: 1}.get(v.language, 2), str(v)))
    return " ".join(str(values[0]).split()) if values else ""


def _name(graph: Graph, value: object) -> str:
    """A label for a theme, publisher or licence: its name in the record, else its IRI's end."""
    if isinstance(value, Literal):
        return " ".join(str(value).split())
    for predicate in _NAMES:
        name = _text(graph, value, predicate)
        if name:
            return name
    if isinstance(value, URIRef):
        return str(value).rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    return ""


def _access(graph: Graph, subject: URIRef) -> str:
    for value in sorted(graph.objects(subject, DCT.accessRights), key=str):
        code = str(value).rstrip("/").rsplit("/", 1)[-1]
        if isinstance(value, URIRef) and code in ACCESS_RIGHTS:
            return ACCESS_RIGHTS[code]
        name = _name(graph, value)
        if name:
            return name.casefold()
    return ""


def _licence(graph: Graph, subject: URIRef) -> str:
    holders = [subject, *graph.objects(subject, DCAT.distribution)]
    for holder in holders:
        for value in sorted(graph.objects(holder, DCT.license), key=str):
            link = _web_link(value)
            if link or _name(graph, value):
                return link or _name(graph, value)
    return ""


def _dataset_iri(graph: Graph) -> URIRef | None:
    found = sorted(s for s in graph.subjects(RDF.type, DCAT.Dataset) if isinstance(s, URIRef))
    return found[0] if found else None


def read_dataset(node: str, ntriples: bytes, iri: str = "") -> HarvestedDataset | None:
    """The dataset ``iri`` (default: the one ``dcat:Dataset``) a kept record describes; None
    when the record names no titled dataset."""
    graph = Graph()
    try:
        graph.parse(data=ntriples, format="nt")
    except Exception:  # noqa: BLE001 - a kept record that no longer parses is not indexed
        return None
    subject = URIRef(iri) if iri else _dataset_iri(graph)
    title = _text(graph, subject, DCT.title) if subject is not None else ""
    if subject is None or not title:
        return None
    keywords = sorted({_name(graph, k) for k in graph.objects(subject, DCAT.keyword)} - {""})
    themes = sorted({_name(graph, t) for t in graph.objects(subject, DCAT.theme)} - {""})
    publishers = sorted(_name(graph, p) for p in graph.objects(subject, DCT.publisher))
    landing = sorted(filter(None, map(_web_link, graph.objects(subject, DCAT.landingPage))))
    return HarvestedDataset(
        iri=str(subject),
        node=node,
        title=title,
        description=_text(graph, subject, DCT.description),
        keywords=tuple(keywords),
        themes=tuple(themes),
        publisher=next((p for p in publishers if p), ""),
        access=_access(graph, subject),
        licence=_licence(graph, subject),
        issued=_issued(graph, subject),
        url=landing[0] if landing else _web_link(subject),
    )


def _issued(graph: Graph, subject: URIRef) -> str:
    for value in sorted(graph.objects(subject, DCT.issued), key=str):
        text = str(value)
        if isinstance(value, Literal) and text[:4].isdigit():
            return text[:10]
    return ""


def _plain(record: Record, facet: str, values: Iterable[str]) -> None:
    values = [value for value in values if value]
    record[facet_field(facet)] = [facet_term(value, value) for value in values]
    record[filter_field(facet)] = [normalise(value) for value in values]


def _day_number(issued: str) -> int:
    digits = "".join(ch for ch in issued if ch.isdigit())
    return int(digits.ljust(8, "0")[:8]) if digits else 0


def hit(dataset: HarvestedDataset) -> dict[str, Any]:
    """The hit the API returns: the shape of a dataset hit, with ``origin`` and the record's
    own links, and no DOI, version or counts (another catalogue holds the dataset)."""
    return {
        "id": dataset.iri,
        "kind": "dataset",
        "origin": ORIGIN,
        "short_name": "",
        "title": dataset.title,
        "doi": "",
        "version": "",
        "dataset_key": "",
        "url": dataset.url,
        "iri": dataset.iri,
        "description": dataset.description[:300],
        "node": dataset.node,
        "publisher": dataset.publisher,
        "keywords": list(dataset.keywords),
        "themes": list(dataset.themes),
        "year": dataset.year,
        "issued": dataset.issued,
        "access": dataset.access,
        "licence": dataset.licence,
        "organs": [],
        "diagnoses": [],
        "diagnosis_groups": [],
        "stains": [],
        "species": [],
        "sexes": [],
        "age_range": [None, None],
        "scanners": [],
        "magnifications": [],
        "counts": {},
    }


def search_record(dataset: HarvestedDataset) -> Record:
    """The dataset-level search record of a harvested dataset."""
    words = [*dataset.keywords, *dataset.themes, dataset.publisher, dataset.node]
    identifier = record_id(dataset.node, dataset.iri)
    record: Record = {
        "id": identifier,
        "kind": "dataset",
        "dataset_id": identifier,
        "title": dataset.title,
        "short_name": "",
        "sort_title": normalise(dataset.title),
        "issued": _day_number(dataset.issued),
        "node": dataset.node,
        "description": dataset.description,
        "diagnosis_text": "",
        "text": " | ".join(dict.fromkeys(word for word in words if word)),
        "image_count": 0,
        "age_min": None,
        "age_max": None,
        "payload": json.dumps(hit(dataset), separators=(",", ":")),
    }
    _plain(record, "node", [dataset.node])
    _plain(record, "year", [str(dataset.year)] if dataset.year else [])
    _plain(record, "access", [dataset.access])
    return record


class HarvestedIndexer:
    """Keeps the harvested records in the search index, beside the catalogue's own."""

    def __init__(self, backend: SearchBackend, kept: KeptRecords) -> None:
        self.backend = backend
        self.kept = kept

    def record_kept(self, node: str, iri: str, ntriples: bytes) -> None:
        """Index (or re-index) one record."""
        dataset = read_dataset(node, ntriples, iri)
        self.backend.replace(record_id(node, iri), [search_record(dataset)] if dataset else [])

    def record_dropped(self, node: str, iri: str) -> None:
        """Drop one record from the index."""
        self.backend.remove(record_id(node, iri))

    def records(self) -> Iterator[Record]:
        """The search records of every kept record (for a rebuild)."""
        for node, ntriples in self.kept():
            dataset = read_dataset(node, ntriples)
            if dataset is not None:
                yield search_record(dataset)


def attach_harvested(catalogue: Any, kept: KeptRecords) -> HarvestedIndexer:
    """Index ``catalogue``'s harvested records as they change and in every rebuild."""
    indexer = catalogue.search_indexer
    harvested = HarvestedIndexer(indexer.backend, kept)
    catalogue.record_listeners.append(harvested)
    indexer.extra_sources.append(harvested.records)
    return harvested
