"""Search records of datasets harvested from other catalogues (DCAT: FAIR Data Points, CKAN).

The harvest keeps each DCAT record as its node published it (N-Triples); ``dcat_record`` reads
one into a :class:`HarvestedDataset`, and this module makes its dataset-level search record:
title, description, keywords and themes, publisher, the node it came from, access rights,
licence and the year it was issued. The hit links to the record's own landing page
(``dcat:landingPage``, else its IRI) and says ``"origin": "harvested"``: these datasets have no
DOI and no page in this catalogue.

:class:`HarvestedIndexer` is told by the composition root when a record is kept or dropped
(``record_kept`` / ``record_dropped``) and gives the records of a full rebuild.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from bigpicture.search.backend import SearchBackend
from bigpicture.search.documents import Record
from bigpicture.search.facets import facet_field, facet_term, filter_field, normalise

ORIGIN = "harvested"
#: The kept ``(node, N-Triples)`` of each harvested record.
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
        from bigpicture.search.dcat_record import read_dataset

        dataset = read_dataset(node, ntriples, iri)
        self.backend.replace(record_id(node, iri), [search_record(dataset)] if dataset else [])

    def record_dropped(self, node: str, iri: str) -> None:
        """Drop one record from the index."""
        self.backend.remove(record_id(node, iri))

    def records(self) -> Iterator[Record]:
        """The search records of every kept record (for a rebuild)."""
        from bigpicture.search.dcat_record import read_dataset

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
