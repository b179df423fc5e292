"""The catalogue's RDF store on Oxigraph: one named graph per dataset version.

See the package docstring (``bigpicture.catalogue.store``) for the API and docs/design.md,
section "Store", for why Oxigraph and how writes stay atomic.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox

from bigpicture.catalogue.store import record_rdf
from bigpicture.catalogue.store.backend import Backend, DiskBackend, MemoryBackend
from bigpicture.catalogue.store.derived import MISSING, DerivedValues
from bigpicture.catalogue.store.errors import NotFound, StoreError, VersionConflict
from bigpicture.catalogue.store.privacy import check_ntriples
from bigpicture.catalogue.store.records import AddResult, NewVersion, Record

T = TypeVar("T")
#: Versions with more N-Triples than this are bulk-loaded (see :meth:`Store.add_version`).
BULK_BYTES = 16_000_000

#: Prefixes written into Turtle and similar serialisations.
PREFIXES = {
    "bp": "https://w3id.org/bigpicture/metaflex/",
    "bpc": "https://w3id.org/bigpicture/catalogue#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcterms": "http://purl.org/dc/terms/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


class Store:
    """Dataset versions as RDF, with their catalogue records. Open with :meth:`open`."""

    def __init__(self, backend: Backend, derived_dir: Path | None = None) -> None:
        self._backend = backend
        self._records: tuple[str, tuple[Record, ...]] | None = None
        self._derived: dict[tuple[str, str], object] = {}
        self._kept = DerivedValues(derived_dir)
        self.bulk_bytes = BULK_BYTES

    @classmethod
    def open(cls, path: Path) -> Store:
        """The store in folder ``path`` (created when missing); usually ``settings.store_dir``."""
        return cls(DiskBackend(Path(path)), Path(path) / "derived")

    @classmethod
    def in_memory(cls) -> Store:
        """A throw-away store kept in memory."""
        return cls(MemoryBackend())

    # -- reading -------------------------------------------------------------------------------
    @property
    def generation(self) -> str:
        """A token that changes whenever a write is committed (a cache key for readers)."""
        return self._backend.generation

    @property
    def snapshot_path(self) -> Path | None:
        """The folder of the committed state another process may open read-only (or None)."""
        return self._backend.snapshot_path

    def committed(self) -> ox.Store:
        """The pyoxigraph store holding the committed state (read it, never write to it)."""
        return self._backend.reader()

    def derived(self, graph_iri: str, name: str, compute: Callable[[], T]) -> T:
        """A value computed from a version's graph, kept in memory and (on disk) beside the
        store for every process (``derived``), until the version is withdrawn.

        Valid because a version's graph never changes once written; ``name`` must say what
        else the value depends on (``bigpicture.catalogue.facts_reader`` names code and
        vocabulary).
        """
        key = (graph_iri, name)
        if key not in self._derived:
            value = self._kept.get(graph_iri, name)
            if value is MISSING:
                value = compute()
                self._kept.put(graph_iri, name, value)
            self._derived[key] = value
        return self._derived[key]  # type: ignore[return-value]

    def remember(self, graph_iri: str, name: str, value: object) -> None:
        """Keep a value derived from a version's graph before it was written (see ingest)."""
        self._derived[(graph_iri, name)] = value
        self._kept.put(graph_iri, name, value)

    def all_records(self) -> tuple[Record, ...]:
        """Every record, withdrawn ones included, in ingestion order."""
        generation = self._backend.generation
        if self._records is None or self._records[0] != generation:
            self._records = (generation, tuple(record_rdf.read_records(self._backend.reader())))
        return self._records[1]

    def get_record(self, key: str) -> Record | None:
        """The record with this version id or DOI; for a dataset key, its latest version."""
        records = self.all_records()
        for record in records:
            if key in (record.id, record.doi) or key.lower() == record.doi.lower():
                return record
        versions = self.versions(key)
        return versions[-1] if versions else None

    def versions(self, dataset_key: str) -> tuple[Record, ...]:
        """All versions of one dataset, oldest first."""
        return tuple(r for r in self.all_records() if r.dataset_key == dataset_key)

    def require(self, key: str) -> Record:
        """Like :meth:`get_record`, but raise :class:`NotFound` when there is none."""
        record = self.get_record(key)
        if record is None:
            raise NotFound(f"no dataset version {key!r} in the catalogue")
        return record

    def triples(self, key: str) -> Iterator[ox.Triple]:
        """The RDF of one version: its data graph plus its record (empty data when withdrawn)."""
        record = self.require(key)
        store = self._backend.reader()
        yield from (
            q.triple
            for q in store.quads_for_pattern(None, None, None, ox.NamedNode(record.graph_iri))
        )
        for subject in (record.record_iri, record.series_iri):
            yield from (
                q.triple
                for q in store.quads_for_pattern(
                    ox.NamedNode(subject), None, None, record_rdf.GRAPH
                )
            )

    def graph_ntriples(self, key: str) -> bytes:
        """:meth:`triples` as N-Triples."""
        return self.serialize(key, "application/n-triples")

    def serialize(self, key: str, media_type: str = "text/turtle") -> bytes:
        """:meth:`triples` in an RDF syntax named by media type (Turtle, RDF/XML, JSON-LD…)."""
        rdf_format = ox.RdfFormat.from_media_type(media_type)
        if rdf_format is None:
            raise StoreError(f"no RDF serialisation for media type {media_type!r}")
        return ox.serialize(self.triples(key), format=rdf_format, prefixes=PREFIXES)

    def query(self, sparql: str) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Run a SPARQL query in this process, without a time limit (trusted callers only).

        The default graph is the union of all graphs. Untrusted queries go through
        :func:`bigpicture.catalogue.sparql.run_query`, which enforces a time limit.
        """
        return self._backend.reader().query(sparql, use_default_graph_as_union=True)

    # -- writing -------------------------------------------------------------------------------
    def add_version(self, new: NewVersion) -> AddResult:
        """Add one immutable dataset version atomically (its graph, record and version links).

        The same version with the same ``content_hash`` again is a no-op (``created`` False);
        with another hash it raises :class:`VersionConflict`. Raises
        :class:`~bigpicture.catalogue.store.errors.PrivacyError` if the RDF carries a patient
        identifier. Small versions are one transaction; large ones (over ``bulk_bytes`` of
        N-Triples) are bulk-loaded into their fresh graph, which nothing points to, and then
        made visible by writing their record in one transaction; a graph left behind by a
        writer killed half-way is dropped by the next write, before anything is published.
        """
        check_ntriples(new.ntriples, new.id)
        with self._backend.writing() as db:
            records = record_rdf.read_records(db)
            _drop_orphan_graphs(db, records)
            existing = next((r for r in records if r.id == new.id), None)
            if existing is not None:
                return AddResult(_unchanged(existing, new), created=False)
            meta = _record_and_links(new, records)
            if len(new.ntriples) > self.bulk_bytes:
                _bulk_load(db, new)
                db.extend(meta)
            else:
                db.extend(_data_quads(new) + meta)
        return AddResult(self.require(new.id), created=True)

    def withdraw(self, key: str, reason: str, citation: str = "", date: str = "") -> Record:
        """Turn a version into a tombstone: its RDF is removed, record, citation and reason kept."""
        if not reason.strip():
            raise StoreError("a withdrawal needs a reason (it is shown with HTTP 410)")
        date = date or dt.date.today().isoformat()
        with self._backend.writing() as db:
            record = next((r for r in record_rdf.read_records(db) if key in (r.id, r.doi)), None)
            if record is None:
                raise NotFound(f"no dataset version {key!r} in the catalogue")
            if not record.withdrawn:
                quads = record_rdf.withdrawal_quads(record.record_iri, reason, date, citation)
                db.update(_withdraw_update(record.graph_iri, quads))
        self._kept.drop(record.graph_iri)
        return self.require(record.id)


def _data_quads(new: NewVersion) -> list[ox.Quad]:
    """The submission's triples placed in the version's graph."""
    graph = ox.NamedNode(new.graph_iri)
    try:
        return [
            ox.Quad(triple.subject, triple.predicate, triple.object, graph)
            for triple in ox.parse(new.ntriples, format=ox.RdfFormat.N_TRIPLES)
        ]
    except SyntaxError as error:
        raise StoreError(f"{new.id}: the RDF is not valid N-Triples ({error})") from error


def _bulk_load(db: ox.Store, new: NewVersion) -> None:
    """Load the submission's triples into the version's (fresh) graph without a transaction."""
    try:
        db.bulk_load(new.ntriples, ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(new.graph_iri))
    except SyntaxError as error:
        raise StoreError(f"{new.id}: the RDF is not valid N-Triples ({error})") from error


def _record_and_links(new: NewVersion, records: list[Record]) -> list[ox.Quad]:
    """The new record, and the links to the latest earlier version of the same dataset."""
    quads = record_rdf.record_quads(new, 1 + max((r.sequence for r in records), default=0))
    previous = [r for r in records if r.dataset_key == new.dataset_key]
    if previous:
        quads += record_rdf.version_link_quads(previous[-1].record_iri, new.record_iri)
    return quads


def _drop_orphan_graphs(db: ox.Store, records: list[Record]) -> None:
    """Remove graphs no record points to (what a killed bulk load leaves behind)."""
    kept = {r.graph_iri for r in records} | {record_rdf.RECORDS_GRAPH}
    for graph in list(db.named_graphs()):
        if isinstance(graph, ox.NamedNode) and graph.value not in kept:
            db.remove_graph(graph)


def _unchanged(existing: Record, new: NewVersion) -> Record:
    """``existing`` when ``new`` has the same content, else a :class:`VersionConflict`."""
    if existing.content_hash != new.content_hash:
        raise VersionConflict(
            f"version {new.version!r} of dataset {new.dataset_key!r} is already in the catalogue "
            f"({existing.id}, issued {existing.issued}) with different content; versions are "
            "immutable: give the submission a new VERSION"
        )
    return existing


def _withdraw_update(graph_iri: str, quads: list[ox.Quad]) -> str:
    """One SPARQL update (one transaction): drop the data graph, add the tombstone triples."""
    lines = " ".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
    return (
        f"DROP SILENT GRAPH <{graph_iri}> ; "
        f"INSERT DATA {{ GRAPH <{record_rdf.RECORDS_GRAPH}> {{ {lines} }} }}"
    )
