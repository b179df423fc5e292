"""The seam between search and its engines: :class:`SearchBackend`.

Two implementations: :class:`bigpicture.search.embedded.EmbeddedBackend` (tantivy, on disk
under ``settings.index_dir``) and :class:`bigpicture.search.elastic.ElasticBackend`
(Elasticsearch 8/9 or OpenSearch 2/3). One shared test suite runs against both.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from bigpicture.search.documents import Record
from bigpicture.search.model import EngineQuery, EngineResult


class SearchError(Exception):
    """The engine could not answer; the message says which engine and why."""


class SearchBackend(Protocol):
    """An index of search records."""

    def replace(self, dataset_id: str, records: Iterable[Record]) -> None:
        """Drop every record of ``dataset_id`` and index ``records`` in their place."""

    def remove(self, dataset_id: str) -> None:
        """Drop every record of ``dataset_id`` (withdrawn or superseded)."""

    def rebuild(self, records: Iterable[Record]) -> int:
        """Index ``records`` as the whole new content, switched in when complete; the count."""

    def search(self, query: EngineQuery) -> EngineResult:
        """Records matching ``query``: total, one page of hits, facet counts."""

    def close(self) -> None:
        """Release files, writers and connections."""
