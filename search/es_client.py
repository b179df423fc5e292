"""Clients for the scale-out engine, chosen explicitly by ``settings.elasticsearch_compat``.

- ``""`` (default): the official ``elasticsearch`` client, for Elasticsearch 8 and 9.
- ``opensearch``: ``opensearch-py``, for OpenSearch 2 and 3 and OpenSearch-compatible
  servers (such as osmem-server in the tests). The official client sends
  ``compatible-with=8/9`` media types and insists on an ``X-Elastic-Product`` header, which
  such servers refuse or do not send; ``opensearch-py`` needs no adjustment.

Both clients take the same calls (``indices.*``, ``search``, ``delete_by_query`` with
``body=``), so :class:`bigpicture.search.elastic.ElasticBackend` is written once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

COMPAT_MODES: tuple[str, ...] = ("", "opensearch")


class SearchClient(Protocol):
    """The calls of an Elasticsearch-style client that the backend makes."""

    indices: Any

    def search(self, *, index: str, body: dict[str, Any]) -> Any: ...

    def delete_by_query(self, *, index: str, body: dict[str, Any], **options: Any) -> Any: ...

    def close(self) -> None: ...


def make_client(url: str, compat: str, timeout: float = 30.0) -> tuple[SearchClient, Callable]:
    """A client for ``url`` and the matching bulk helper."""
    if compat not in COMPAT_MODES:
        raise ValueError(f"elasticsearch_compat: {compat!r} is not one of {COMPAT_MODES}")
    if compat == "opensearch":
        from opensearchpy import OpenSearch, helpers

        return OpenSearch(hosts=[url], timeout=timeout), helpers.bulk
    from elasticsearch import Elasticsearch, helpers

    return Elasticsearch(url, request_timeout=timeout), helpers.bulk
