"""Keeping the index in step with the store: a change listener and the full rebuild.

:class:`SearchIndexer` implements the store's change-listener protocol
(``dataset_changed(id)`` / ``dataset_removed(id)``), registered by the composition root
``bigpicture.catalogue.app.open_catalogue``, so every ingest, harvest and withdrawal updates
the index. ``bpcat index --rebuild`` calls :meth:`SearchIndexer.rebuild`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol

from bigpicture.catalogue.facts import DatasetFacts, ImageFacts
from bigpicture.catalogue.store import NotFound
from bigpicture.search.backend import SearchBackend
from bigpicture.search.concepts import ConceptSource
from bigpicture.search.documents import DocumentBuilder, Record


class FactsSource(Protocol):
    """Where the facts of dataset versions come from (the store)."""

    def dataset_facts(self, dataset_id: str) -> DatasetFacts | None:
        """The facts of one dataset version, or None when unknown."""

    def image_facts(self, dataset_id: str) -> Iterable[ImageFacts]:
        """The images of one dataset version."""

    def dataset_ids(self) -> Iterable[str]:
        """Identifiers of every dataset version in the store."""


class SearchIndexer:
    """Writes search records for dataset versions as the store changes."""

    def __init__(
        self, backend: SearchBackend, source: FactsSource, builder: DocumentBuilder
    ) -> None:
        self.backend = backend
        self.source = source
        self.builder = builder
        self.extra_sources: list[Callable[[], Iterable[Record]]] = []
        """More records of a full rebuild (the harvested DCAT records: ``search.harvested``)."""

    def dataset_changed(self, dataset_id: str) -> None:
        """Re-index one dataset version (removing it unless it is current)."""
        facts = self.source.dataset_facts(dataset_id)
        if facts is None or facts.status != "current":
            self.backend.remove(dataset_id)
            return
        images = self.source.image_facts(dataset_id)
        self.backend.replace(dataset_id, self.builder.records(facts, images))

    def dataset_removed(self, dataset_id: str) -> None:
        """Drop a dataset version from the index."""
        self.backend.remove(dataset_id)

    def records(self) -> Iterator[Record]:
        """Records of every current dataset version in the store, then the extra sources'."""
        for dataset_id in self.source.dataset_ids():
            facts = self.source.dataset_facts(dataset_id)
            if facts is not None and facts.status == "current":
                yield from self.builder.records(facts, self.source.image_facts(dataset_id))
        for source in self.extra_sources:
            yield from source()

    def rebuild(self) -> int:
        """Rebuild the whole index from the store; the number of records written."""
        return self.backend.rebuild(self.records())


class CatalogueFacts:
    """A :class:`FactsSource` over the composition root's ``Catalogue`` (store + facts)."""

    def __init__(self, catalogue: Any) -> None:
        self.catalogue = catalogue

    def dataset_facts(self, dataset_id: str) -> DatasetFacts | None:
        """The facts of one version; None when the store no longer has its RDF."""
        try:
            return self.catalogue.facts(dataset_id)
        except NotFound:
            return None

    def image_facts(self, dataset_id: str) -> Iterable[ImageFacts]:
        """The images of one version."""
        return self.catalogue.image_facts(dataset_id)

    def dataset_ids(self) -> Iterable[str]:
        """Current versions, in ingestion order."""
        return [r.id for r in self.catalogue.store.all_records() if r.status == "current"]


def attach_indexer(catalogue: Any, vocabulary: ConceptSource | None = None) -> SearchIndexer:
    """An indexer for ``catalogue``'s settings, registered as its change listener."""
    from bigpicture.search.engines import open_backend

    backend = open_backend(catalogue.settings, vocabulary)
    indexer = SearchIndexer(backend, CatalogueFacts(catalogue), DocumentBuilder(vocabulary))
    catalogue.add_listener(indexer)
    return indexer
