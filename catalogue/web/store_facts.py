"""``DatasetFacts`` of the catalogue store, for the publishing views (a ``FactsSource``).

Every version is read with the store's facts reader (withdrawn ones keep their record: title,
DOI, reason and citation), once per store generation (see ``sources.IndexedFacts``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePosixPath

from bigpicture.catalogue.facts import DatasetFacts, ImageFacts
from bigpicture.catalogue.settings import Settings
from bigpicture.catalogue.store import Store
from bigpicture.catalogue.web.sources import StoreFacts


def open_store_source(settings: Settings, store: Store) -> StoreFacts:
    """A facts source reading ``store`` (the catalogue's, under ``settings.store_dir``)."""
    from bigpicture.catalogue.facts_reader import read_all_facts, read_image_facts
    from bigpicture.catalogue.ingest import sample_image_dir

    def read_all() -> Sequence[DatasetFacts]:
        return read_all_facts(store, settings)

    def read_images(dataset_id: str) -> Sequence[ImageFacts]:
        return read_image_facts(store, dataset_id)

    def read_image(dataset_id: str, name: str) -> bytes | None:
        path = sample_image_dir(settings, dataset_id) / PurePosixPath(name).name
        return path.read_bytes() if path.is_file() else None

    return StoreFacts(
        lambda: store.generation, read_all, read_image=read_image, read_image_facts=read_images
    )
