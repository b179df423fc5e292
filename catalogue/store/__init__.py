"""The catalogue's RDF store (pyoxigraph on disk; one named graph per dataset version).

API (the publishing and search code calls only these)::

    store = Store.open(settings.store_dir)       # or Store.in_memory()
    store.add_version(NewVersion(...)) -> AddResult(record, created)
    store.withdraw(id, reason, citation="") -> Record      # tombstone: RDF dropped, record kept
    store.get_record(id | dataset_key | doi) -> Record | None   (require(): raises NotFound)
    store.versions(dataset_key) -> tuple[Record, ...]       # oldest first
    store.all_records() -> tuple[Record, ...]               # ingestion order, withdrawn too
    store.triples(id) / graph_ntriples(id) / serialize(id, media_type) -> RDF of one version
    store.query(sparql)                                     # trusted, in process, no time limit
    store.generation                                        # changes after every write
    store.derived(graph_iri, name, compute)                 # values read from a graph, kept
    store.remember(graph_iri, name, value)                  # … or computed before it was written

``Record.status`` is ``current``, ``superseded`` or ``withdrawn``. Records live in the graph
``RECORDS_GRAPH``; each version's submission RDF in ``Record.graph_iri``. Writes are atomic
(see ``backend``); untrusted SPARQL goes through ``bigpicture.catalogue.sparql.run_query``.
"""

from bigpicture.catalogue.store.errors import (
    NotFound,
    PrivacyError,
    StoreBusy,
    StoreError,
    VersionConflict,
)
from bigpicture.catalogue.store.oxigraph import Store
from bigpicture.catalogue.store.records import (
    BPC,
    CURRENT,
    RECORDS_GRAPH,
    SUPERSEDED,
    WITHDRAWN,
    AddResult,
    NewVersion,
    Record,
)

__all__ = [
    "BPC",
    "CURRENT",
    "RECORDS_GRAPH",
    "SUPERSEDED",
    "WITHDRAWN",
    "AddResult",
    "NewVersion",
    "NotFound",
    "PrivacyError",
    "Record",
    "Store",
    "StoreBusy",
    "StoreError",
    "VersionConflict",
]
