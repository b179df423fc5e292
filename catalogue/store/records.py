"""Catalogue records: what the store knows about each dataset version besides its RDF.

A record is kept as RDF in the records graph (``RECORDS_GRAPH``), described with DCAT 3 and
Dublin Core where they fit and with the small ``bpc:`` vocabulary below for the rest, so the
SPARQL endpoint can answer questions about versions, DOIs and withdrawals too.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The catalogue's own vocabulary for record bookkeeping.
BPC = "https://w3id.org/bigpicture/catalogue#"
#: Named graph of the catalogue records (one graph for all; the data graphs are per version).
RECORDS_GRAPH = "https://w3id.org/bigpicture/catalogue/records"
DCAT = "http://www.w3.org/ns/dcat#"
DCTERMS = "http://purl.org/dc/terms/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"

CURRENT = "current"
SUPERSEDED = "superseded"
WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class NewVersion:
    """A dataset version offered to :meth:`Store.add_version`.

    ``ntriples`` is the submission's RDF (N-Triples, UTF-8) with every object IRI under
    ``base_iri``; ``content_hash`` identifies the submitted content, so that the same version
    offered twice is recognised (no-op) and a changed one refused.
    """

    id: str
    dataset_key: str
    version: str
    title: str
    doi: str
    record_iri: str
    base_iri: str
    graph_iri: str
    series_iri: str
    dataset_iri: str
    ntriples: bytes
    content_hash: str
    issued: str
    """ISO date (YYYY-MM-DD) of first publication."""
    node: str = ""
    organisation: str = ""


@dataclass(frozen=True)
class Record:
    """One dataset version as the catalogue keeps it (read from the records graph)."""

    id: str
    dataset_key: str
    version: str
    title: str
    doi: str
    record_iri: str
    base_iri: str
    graph_iri: str
    series_iri: str
    dataset_iri: str
    content_hash: str
    issued: str
    sequence: int
    """Order of ingestion (1, 2, …) over the whole store; later versions have larger numbers."""
    node: str = ""
    organisation: str = ""
    withdrawn: bool = False
    withdrawn_reason: str = ""
    withdrawn_date: str = ""
    citation: str = ""
    """Formatted citation kept when the version is withdrawn (its RDF is then removed)."""
    previous_version: str = ""
    next_version: str = ""

    @property
    def status(self) -> str:
        """``withdrawn``, ``superseded`` (a newer version exists) or ``current``."""
        if self.withdrawn:
            return WITHDRAWN
        return SUPERSEDED if self.next_version else CURRENT


@dataclass(frozen=True)
class AddResult:
    """What :meth:`Store.add_version` did: ``created`` is False for an identical re-ingest."""

    record: Record
    created: bool
