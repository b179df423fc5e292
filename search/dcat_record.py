"""Reading a kept DCAT record (N-Triples) into the terms search uses.

W3C DCAT 3 / DCAT-AP 3: ``dct:title``, ``dct:description``, ``dcat:keyword``, ``dcat:theme``,
``dct:publisher``, ``dct:accessRights`` (the EU access-right authority table), ``dct:license``
(of the dataset or a distribution), ``dct:issued`` and ``dcat:landingPage``. Separate from
``harvested`` so that rdflib is loaded only when a record is read.
"""

from __future__ import annotations

from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import FOAF, RDFS, SKOS

from bigpicture.search.harvested import HarvestedDataset

DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCT = Namespace("http://purl.org/dc/terms/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
#: The EU access-right authority table, in the words of this catalogue's access facet.
ACCESS_RIGHTS = {
    "PUBLIC": "open",
    "RESTRICTED": "restricted",
    "NON_PUBLIC": "non-public",
    "CONFIDENTIAL": "non-public",
    "SENSITIVE": "restricted",
}
_NAMES = (SKOS.prefLabel, RDFS.label, FOAF.name, VCARD.fn, DCT.title)


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
