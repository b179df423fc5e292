"""Where the web pages get their ``DatasetFacts``: a small seam between the views and the store.

``FactsSource`` is what the publishing views need (every version, a generation token that
changes whenever the store changes, the LANDING_PAGE sample images, the image-level facts).
``StaticFacts`` holds facts in memory (tests, benchmarks); ``StoreFacts`` reads them from the
catalogue store.
``IndexedFacts`` keeps a per-generation index by identifier and DOI, so a request costs a dict
look-up, not a store query.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from bigpicture.catalogue.facts import DatasetFacts, ImageFacts


class FactsSource(Protocol):
    """What the publishing views read."""

    def all_facts(self) -> Sequence[DatasetFacts]:
        """Every dataset version, withdrawn ones included."""
        ...

    def generation(self) -> str:
        """A token that changes whenever any dataset version changes."""
        ...

    def sample_image(self, dataset_id: str, name: str) -> bytes | None:
        """The bytes of a LANDING_PAGE sample image, if the catalogue keeps it."""
        ...

    def image_facts(self, dataset_id: str) -> Sequence[ImageFacts]:
        """The images of one version (empty when the catalogue has no image-level facts)."""
        ...


class StaticFacts:
    """Facts held in memory; ``replace`` swaps them and moves the generation on."""

    def __init__(
        self,
        facts: Sequence[DatasetFacts],
        images: dict[tuple[str, str], bytes] | None = None,
        image_facts: Mapping[str, Sequence[ImageFacts]] | None = None,
    ) -> None:
        self._facts = tuple(facts)
        self._images = dict(images or {})
        self._image_facts = dict(image_facts or {})
        self._generation = 1

    def all_facts(self) -> Sequence[DatasetFacts]:
        return self._facts

    def generation(self) -> str:
        return str(self._generation)

    def sample_image(self, dataset_id: str, name: str) -> bytes | None:
        return self._images.get((dataset_id, name))

    def image_facts(self, dataset_id: str) -> Sequence[ImageFacts]:
        return self._image_facts.get(dataset_id, ())

    def replace(self, facts: Sequence[DatasetFacts]) -> None:
        """New facts (as after an ingest or a withdrawal)."""
        self._facts = tuple(facts)
        self._generation += 1


class StoreFacts:
    """Facts read from the catalogue store by a reader function of the store's API."""

    def __init__(
        self,
        generation: Callable[[], str],
        read_all: Callable[[], Sequence[DatasetFacts]],
        read_image: Callable[[str, str], bytes | None] = lambda _id, _name: None,
        read_image_facts: Callable[[str], Sequence[ImageFacts]] = lambda _id: (),
    ) -> None:
        self._generation = generation
        self._read_all = read_all
        self._read_image = read_image
        self._read_image_facts = read_image_facts

    def all_facts(self) -> Sequence[DatasetFacts]:
        return self._read_all()

    def generation(self) -> str:
        return self._generation()

    def sample_image(self, dataset_id: str, name: str) -> bytes | None:
        return self._read_image(dataset_id, name)

    def image_facts(self, dataset_id: str) -> Sequence[ImageFacts]:
        return self._read_image_facts(dataset_id)


@dataclass(frozen=True)
class Index:
    """Every version of one generation, by identifier and by DOI."""

    generation: str
    facts: tuple[DatasetFacts, ...]
    by_id: dict[str, DatasetFacts] = field(default_factory=dict)
    by_doi: dict[str, DatasetFacts] = field(default_factory=dict)

    @property
    def etag_seed(self) -> str:
        """A short digest of the generation, for ETags."""
        return hashlib.sha1(self.generation.encode()).hexdigest()[:12]


class IndexedFacts:
    """A ``FactsSource`` with a per-generation index (rebuilt when the generation moves)."""

    def __init__(self, source: FactsSource) -> None:
        self.source = source
        self._index: Index | None = None
        self._images: tuple[str, dict[str, Sequence[ImageFacts]]] | None = None
        self._lock = threading.Lock()

    def index(self) -> Index:
        """The index of the current generation."""
        generation = self.source.generation()
        index = self._index
        if index is not None and index.generation == generation:
            return index
        with self._lock:
            if self._index is None or self._index.generation != generation:
                self._index = build_index(generation, self.source.all_facts())
            return self._index

    def find(self, key: str) -> DatasetFacts | None:
        """A version by identifier or DOI."""
        index = self.index()
        return index.by_id.get(key) or index.by_doi.get(key.lower())

    def current_images(self) -> dict[str, Sequence[ImageFacts]]:
        """Image-level facts of every current version (read once per generation)."""
        index = self.index()
        cached = self._images
        if cached is not None and cached[0] == index.generation:
            return cached[1]
        images = {f.id: self.source.image_facts(f.id) for f in index.facts if f.status == "current"}
        self._images = (index.generation, images)
        return images

    def latest(self, facts: DatasetFacts) -> DatasetFacts | None:
        """The current version of the dataset ``facts`` belongs to."""
        same = [f for f in self.index().facts if f.dataset_key == facts.dataset_key]
        current = [f for f in same if f.status == "current"]
        return current[-1] if current else None


def build_index(generation: str, facts: Sequence[DatasetFacts]) -> Index:
    """Index ``facts`` by identifier and lower-case DOI."""
    ordered = tuple(facts)
    return Index(
        generation,
        ordered,
        {f.id: f for f in ordered},
        {f.doi.lower(): f for f in ordered if f.doi},
    )
