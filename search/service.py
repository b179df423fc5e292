"""The search service: turns a user's query into an engine query and the answer into JSON.

It resolves words and filter values through the vocabulary (codes or labels; a word that
names a concept matches everything below it), asks the engine for hits and facet counts,
labels the facet values, and federates across peers when asked (:mod:`.federation`).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from bigpicture.search.backend import SearchBackend
from bigpicture.search.concepts import ConceptSource, fold, resolve_value, resolve_words
from bigpicture.search.facets import BY_NAME, FACET_NAMES, normalise, split_facet_term
from bigpicture.search.model import (
    EngineQuery,
    EngineResult,
    FacetCount,
    SearchQuery,
    SearchResult,
)

SUGGEST_FACETS: tuple[str, ...] = ("diagnosis", "diagnosis_group", "organ", "stain", "species")
_SUGGEST_CACHE_SECONDS = 30.0


class SearchService:
    """Search over one backend, with the vocabulary service for SNOMED-aware matching."""

    def __init__(self, backend: SearchBackend, vocabulary: ConceptSource | None = None) -> None:
        self.backend = backend
        self.vocabulary = vocabulary
        # The vocabulary does not change while the service runs: remember what words mean.
        self._words = lru_cache(maxsize=4096)(lambda text: resolve_words(vocabulary, text))
        self._value = lru_cache(maxsize=4096)(lambda value: resolve_value(vocabulary, value))
        self._suggest_values: tuple[float, list[tuple[str, str, str]]] = (0.0, [])

    def engine_query(self, query: SearchQuery) -> EngineQuery:
        """The engine's form of ``query``: normalised filters and the concepts of the words."""
        filters = []
        for facet, values in query.filters:
            if BY_NAME[facet].coded:
                terms = [term for value in values for term in self._value(value)]
            else:
                terms = [plain_value(facet, value) for value in values]
            filters.append((facet, tuple(dict.fromkeys(terms))))
        concepts = self._words(query.text)
        return EngineQuery(
            text=query.text,
            concepts=tuple(normalise(code) for code, _label in concepts),
            filters=tuple(filters),
            kind=query.kind,
            facets=FACET_NAMES if query.facets is None else query.facets,
            facet_size=query.facet_size,
            sort=query.sort,
            offset=query.offset,
            limit=query.size,
        )

    def search(self, query: SearchQuery) -> SearchResult:
        """The local answer to ``query``."""
        answer = self.backend.search(self.engine_query(query))
        concepts = self._words(query.text)
        return SearchResult(
            query=query,
            total=answer.total,
            hits=tuple(_hit(hit.payload, hit.score, hit.highlights) for hit in answer.hits),
            facets=label_facets(answer, query),
            concepts=tuple({"code": code, "label": label} for code, label in concepts),
        )

    def answer(
        self, query: SearchQuery, *, peers: Sequence[str] = (), timeout: float = 3.0
    ) -> SearchResult:
        """The local answer, or the answer federated over ``peers`` when there are any."""
        if not peers:
            return self.search(query)
        from bigpicture.search.federation import federate

        return federate(query, self.search, peers, timeout)

    def suggest(self, prefix: str, limit: int = 10) -> list[dict[str, str]]:
        """Concepts and datasets for what is typed so far (at least two characters)."""
        key = fold(prefix)
        if len(key) < 2:
            return []
        found = [
            {"text": label, "facet": facet, "value": value}
            for facet, value, label in self._values()
            if any(word.startswith(key) for word in _prefixes(fold(label)))
        ]
        found.sort(key=lambda item: (not fold(item["text"]).startswith(key), len(item["text"])))
        titles = self.backend.search(EngineQuery(text=prefix, limit=limit, highlight=False))
        found += [
            {"text": hit.payload["title"], "facet": "", "value": hit.payload["id"]}
            for hit in titles.hits
        ]
        return found[:limit]

    def _values(self) -> list[tuple[str, str, str]]:
        """``(facet, value, label)`` of every concept in the index (cached briefly)."""
        stamp, values = self._suggest_values
        if time.monotonic() - stamp < _SUGGEST_CACHE_SECONDS and values:
            return values
        answer = self.backend.search(EngineQuery(facets=SUGGEST_FACETS, facet_size=1000, limit=0))
        values = [
            (facet, *split_facet_term(term))
            for facet, terms in answer.facets.items()
            for term, _count in terms
        ]
        self._suggest_values = (time.monotonic(), values)
        return values


def plain_value(facet: str, value: str) -> str:
    """The indexed form of an uncoded filter value (``40`` and ``40x`` are one magnification)."""
    value = normalise(value)
    if facet == "magnification":
        try:
            return f"{float(value.rstrip('x')):g}x"
        except ValueError:
            return value
    return value


def _prefixes(label: str) -> list[str]:
    """The label and each of its word-suffixes ("melanocytic naevus", "naevus")."""
    words = label.split()
    return [" ".join(words[i:]) for i in range(len(words))]


def _hit(payload: dict[str, Any], score: float, highlights: dict[str, str]) -> dict[str, Any]:
    return {**payload, "score": round(score, 4), "highlights": highlights}


def label_facets(answer: EngineResult, query: SearchQuery) -> dict[str, tuple[FacetCount, ...]]:
    """Facet terms of the engine as ``value, label, count``; chosen values marked."""
    facets = {}
    for facet in FACET_NAMES:
        chosen = {normalise(value) for value in query.filter_values(facet)}
        counts = []
        for term, count in answer.facets.get(facet, ()):
            value, label = split_facet_term(term)
            selected = normalise(value) in chosen or normalise(label) in chosen
            counts.append(FacetCount(value, label, count, selected))
        facets[facet] = tuple(counts)
    return facets
