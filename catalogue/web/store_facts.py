"""``DatasetFacts`` of the catalogue store, for the publishing views (a ``FactsSource``).

Current and superseded versions are read with the store's facts reader; withdrawn versions keep
only their record (the RDF is gone), which still gives title, DOI, reason and citation.
"""

from __future__ import annotations

from collections.abc import Sequence

from bigpicture.catalogue.facts import DatasetFacts
from bigpicture.catalogue.settings import Settings
from bigpicture.catalogue.store import Store
from bigpicture.catalogue.web.sources import StoreFacts


def tombstone(record: object) -> DatasetFacts:
    """What a withdrawn version's record still says."""
    return DatasetFacts(
        id=record.id,  # type: ignore[attr-defined]
        dataset_key=record.dataset_key,  # type: ignore[attr-defined]
        version=record.version,  # type: ignore[attr-defined]
        title=record.title,  # type: ignore[attr-defined]
        short_name="",
        doi=record.doi,  # type: ignore[attr-defined]
        status="withdrawn",
        access="withdrawn",
        node=record.node,  # type: ignore[attr-defined]
        organisation=record.organisation,  # type: ignore[attr-defined]
        issued=record.issued,  # type: ignore[attr-defined]
        modified=record.withdrawn_date or record.issued,  # type: ignore[attr-defined]
        withdrawn_reason=record.withdrawn_reason,  # type: ignore[attr-defined]
        extra={"citation": record.citation} if record.citation else {},  # type: ignore[attr-defined]
    )


def open_store_source(settings: Settings, store: Store) -> StoreFacts:
    """A facts source reading ``store`` (the catalogue's, under ``settings.store_dir``)."""
    from bigpicture.catalogue.facts_reader import read_dataset_facts

    def read_all() -> Sequence[DatasetFacts]:
        return [
            tombstone(record)
            if record.withdrawn
            else read_dataset_facts(store, record.id, settings)
            for record in store.all_records()
        ]

    return StoreFacts(lambda: store.generation, read_all)
