"""Records as RDF quads in the records graph, and back (DCAT 3 version links included).

Writes, for a version R of the dataset series S with previous version P::

    R a bpc:Record, dcat:Dataset ; dcterms:identifier "<id>" ; dcat:version "<v>" ;
      dcat:isVersionOf S ; dcat:previousVersion P ; dcterms:replaces P ; …
    S a dcat:DatasetSeries ; dcat:hasVersion R .
    P dcterms:isReplacedBy R .
"""

from __future__ import annotations

import pyoxigraph as ox

from bigpicture.catalogue.store.records import (
    BPC,
    DCAT,
    DCTERMS,
    RDF_TYPE,
    RECORDS_GRAPH,
    XSD,
    NewVersion,
    Record,
)

GRAPH = ox.NamedNode(RECORDS_GRAPH)

#: Record field -> predicate IRI of its literal value.
LITERAL_FIELDS: dict[str, str] = {
    "id": DCTERMS + "identifier",
    "dataset_key": BPC + "datasetKey",
    "version": DCAT + "version",
    "title": DCTERMS + "title",
    "doi": BPC + "doi",
    "base_iri": BPC + "baseIri",
    "content_hash": BPC + "contentHash",
    "issued": DCTERMS + "issued",
    "sequence": BPC + "sequence",
    "node": BPC + "node",
    "organisation": BPC + "organisation",
    "withdrawn_reason": BPC + "withdrawnReason",
    "withdrawn_date": BPC + "withdrawnDate",
    "citation": DCTERMS + "bibliographicCitation",
}
#: Record field -> predicate IRI of its IRI value.
IRI_FIELDS: dict[str, str] = {
    "graph_iri": BPC + "graph",
    "series_iri": DCAT + "isVersionOf",
    "dataset_iri": BPC + "describes",
}


def _quad(subject: str, predicate: str, obj: ox.NamedNode | ox.Literal) -> ox.Quad:
    return ox.Quad(ox.NamedNode(subject), ox.NamedNode(predicate), obj, GRAPH)


def _literal(field: str, value: object) -> ox.Literal:
    if field == "sequence":
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))
    if field in ("issued", "withdrawn_date"):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "date"))
    return ox.Literal(str(value))


def record_quads(new: NewVersion, sequence: int) -> list[ox.Quad]:
    """The quads describing a freshly added version (without links to other versions)."""
    subject = new.record_iri
    quads = [
        _quad(subject, RDF_TYPE, ox.NamedNode(BPC + "Record")),
        _quad(subject, RDF_TYPE, ox.NamedNode(DCAT + "Dataset")),
        _quad(new.series_iri, RDF_TYPE, ox.NamedNode(DCAT + "DatasetSeries")),
        _quad(new.series_iri, DCAT + "hasVersion", ox.NamedNode(subject)),
        _quad(subject, LITERAL_FIELDS["sequence"], _literal("sequence", sequence)),
    ]
    for field, predicate in LITERAL_FIELDS.items():
        value = getattr(new, field, "")
        if value:
            quads.append(_quad(subject, predicate, _literal(field, value)))
    for field, predicate in IRI_FIELDS.items():
        quads.append(_quad(subject, predicate, ox.NamedNode(getattr(new, field))))
    return quads


def version_link_quads(previous: str, new: str) -> list[ox.Quad]:
    """The two-way links between a version and the one it replaces (DCAT 3, Dublin Core)."""
    return [
        _quad(new, DCAT + "previousVersion", ox.NamedNode(previous)),
        _quad(new, DCTERMS + "replaces", ox.NamedNode(previous)),
        _quad(previous, DCTERMS + "isReplacedBy", ox.NamedNode(new)),
    ]


def withdrawal_quads(subject: str, reason: str, date: str, citation: str) -> list[ox.Quad]:
    """The quads that turn a record into a tombstone."""
    quads = [
        _quad(
            subject, BPC + "withdrawn", ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean"))
        ),
        _quad(subject, LITERAL_FIELDS["withdrawn_reason"], _literal("withdrawn_reason", reason)),
        _quad(subject, LITERAL_FIELDS["withdrawn_date"], _literal("withdrawn_date", date)),
    ]
    if citation:
        quads.append(_quad(subject, LITERAL_FIELDS["citation"], _literal("citation", citation)))
    return quads


_RECORDS_QUERY = f"""
SELECT ?r ?p ?o WHERE {{ GRAPH <{RECORDS_GRAPH}> {{ ?r a <{BPC}Record> ; ?p ?o }} }}
"""


def _plain(term: object) -> str:
    return term.value if isinstance(term, ox.NamedNode | ox.Literal) else str(term)


def read_records(store: ox.Store) -> list[Record]:
    """Every record in the records graph, in ingestion order, with version links filled in."""
    by_subject: dict[str, dict[str, str]] = {}
    by_predicate = {iri: field for field, iri in {**LITERAL_FIELDS, **IRI_FIELDS}.items()}
    # Results are dropped here, in this thread, even on an error (see facts_queries.rows).
    solutions = solution = None
    try:
        solutions = store.query(_RECORDS_QUERY)
        for solution in solutions:
            subject = solution["r"].value
            values = by_subject.setdefault(subject, {"record_iri": subject})
            predicate = solution["p"].value
            if predicate in by_predicate:
                values[by_predicate[predicate]] = _plain(solution["o"])
            elif predicate == BPC + "withdrawn":
                values["withdrawn"] = "true"
            elif predicate == DCAT + "previousVersion":
                values["previous_iri"] = solution["o"].value
    finally:
        del solutions, solution
    return _link(by_subject)


def _link(by_subject: dict[str, dict[str, str]]) -> list[Record]:
    ids = {iri: values["id"] for iri, values in by_subject.items()}
    next_of = {v["previous_iri"]: iri for iri, v in by_subject.items() if "previous_iri" in v}
    records = []
    for iri, values in by_subject.items():
        previous = ids.get(values.pop("previous_iri", ""), "")
        records.append(
            Record(
                **{k: v for k, v in values.items() if k not in ("sequence", "withdrawn")},
                sequence=int(values.get("sequence", 0)),
                withdrawn=values.get("withdrawn") == "true",
                previous_version=previous,
                next_version=ids.get(next_of.get(iri, ""), ""),
            )
        )
    return sorted(records, key=lambda record: record.sequence)
