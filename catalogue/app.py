"""The composition root: one catalogue instance wired from its settings.

``open_catalogue(settings)`` opens the RDF store and the DOI registrar and keeps a list of
change listeners (the search indexer registers itself here). Every change goes through the
returned :class:`Catalogue`, so ingest, harvest and withdrawal keep the index in step::

    catalogue = open_catalogue(settings)
    catalogue.add_listener(indexer)           # dataset_changed(id) / dataset_removed(id)
    result = catalogue.ingest(Path("DATASET_X"))
    catalogue.withdraw("X-v1", reason="consent withdrawn")
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from bigpicture.catalogue.facts import DatasetFacts, ImageFacts
from bigpicture.catalogue.settings import Settings
from bigpicture.catalogue.store import Record, Store

#: Gives the DICOM technical triples (N-Triples) of a version from its base IRI.
Technical = Callable[[str], bytes]


class ChangeListener(Protocol):
    """Told about every change of the catalogue (e.g. the search indexer)."""

    def dataset_changed(self, id: str) -> None:
        """Version ``id`` was added or its record changed (e.g. superseded)."""
        ...

    def dataset_removed(self, id: str) -> None:
        """Version ``id`` was withdrawn: drop it from whatever the listener keeps."""
        ...


class RecordListener(Protocol):
    """Told about the records of other catalogues harvested beside the store (DCAT)."""

    def record_kept(self, node: str, iri: str, ntriples: bytes) -> None:
        """The record ``iri`` harvested from ``node`` was kept (new or changed)."""
        ...

    def record_dropped(self, node: str, iri: str) -> None:
        """``node`` no longer lists the record ``iri``; it was dropped."""
        ...


@dataclass
class Catalogue:
    """A catalogue instance: its settings, store, DOI registrar and change listeners."""

    settings: Settings
    store: Store
    registrar: object
    """A :class:`bigpicture.catalogue.datacite.registrar.Registrar`."""
    listeners: list[ChangeListener] = field(default_factory=list)
    record_listeners: list[RecordListener] = field(default_factory=list)
    search_indexer: object = None
    """The :class:`bigpicture.search.indexer.SearchIndexer` registered as a listener."""

    def add_listener(self, listener: ChangeListener) -> None:
        """Tell ``listener`` about every later change."""
        self.listeners.append(listener)

    def facts(self, id: str) -> DatasetFacts:
        """What the catalogue knows about one version (raises NotFound)."""
        from bigpicture.catalogue.facts_reader import read_dataset_facts

        return read_dataset_facts(self.store, id, self.settings)

    def image_facts(self, id: str) -> tuple[ImageFacts, ...]:
        """The images of one version, for slide-level search."""
        from bigpicture.catalogue.facts_reader import read_image_facts

        return read_image_facts(self.store, id)

    def ingest(self, path: Path, node: str = "", technical: Technical | None = None):
        """Validate and add a submission; register its DOI; tell the listeners.

        ``technical(base_iri)`` gives the DICOM technical triples of a harvested submission.
        Returns an :class:`bigpicture.catalogue.ingest.IngestResult`. Raises
        :class:`bigpicture.catalogue.ingest.SubmissionRefused` (with the validation report) or a
        :class:`bigpicture.catalogue.store.StoreError`; the store is then unchanged.
        """
        from bigpicture.catalogue.ingest import ingest_path

        result = ingest_path(path, self.store, self.settings, node=node, technical=technical)
        if result.created:
            result = self._register(result)
            self._changed(result.record)
        return result

    def record_kept(self, node: str, iri: str, ntriples: bytes) -> None:
        """Tell the record listeners that a harvested record of another catalogue was kept."""
        for listener in self.record_listeners:
            listener.record_kept(node, iri, ntriples)

    def record_dropped(self, node: str, iri: str) -> None:
        """Tell the record listeners that a harvested record was dropped."""
        for listener in self.record_listeners:
            listener.record_dropped(node, iri)

    def withdraw(self, id: str, reason: str) -> Record:
        """Turn version ``id`` into a tombstone that keeps its citation and the reason."""
        from bigpicture.catalogue.datacite.citation import plain_citation

        record = self.store.require(id)
        citation = record.citation or plain_citation(self.facts(record.id))
        record = self.store.withdraw(record.id, reason, citation=citation)
        for listener in self.listeners:
            listener.dataset_removed(record.id)
        return record

    def _register(self, result):  # IngestResult -> IngestResult
        """Mint the version's DOI (draft, then findable); a failure is reported, not raised."""
        import dataclasses

        from bigpicture.catalogue.datacite.registrar import RegistrationError

        try:
            registration = self.registrar.publish(self.facts(result.record.id), self.settings)  # type: ignore[attr-defined]
        except RegistrationError as error:
            return dataclasses.replace(result, registration_error=str(error))
        return dataclasses.replace(result, registration=registration)

    def _changed(self, record: Record) -> None:
        """Tell listeners about the new version and the one it supersedes."""
        ids = [record.id] + ([record.previous_version] if record.previous_version else [])
        for id in ids:
            for listener in self.listeners:
                listener.dataset_changed(id)


def open_catalogue(settings: Settings, search: bool = True) -> Catalogue:
    """The catalogue configured by ``settings``: the store under ``settings.store_dir``, the DOI
    registrar and, unless ``search`` is False, the search indexer as a change listener."""
    from bigpicture.catalogue.datacite.registrar import registrar_for

    catalogue = Catalogue(settings, Store.open(settings.store_dir), registrar_for(settings))
    if search:
        from bigpicture.search.indexer import attach_indexer
        from bigpicture.search.vocabulary import load_concepts

        catalogue.search_indexer = attach_indexer(catalogue, load_concepts(settings))
        _index_harvested_records(catalogue)
    return catalogue


def _index_harvested_records(catalogue: Catalogue) -> None:
    """Search finds the DCAT records harvested from other catalogues, too."""
    from bigpicture.harvest.records import kept_records
    from bigpicture.search.harvested import attach_harvested

    data_dir = catalogue.settings.data_dir
    attach_harvested(catalogue, lambda: kept_records(data_dir))
