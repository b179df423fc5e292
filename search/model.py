"""Queries and results of search, independent of the engine that answers them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SORTS: tuple[str, ...] = ("relevance", "title", "newest", "oldest", "images")
KINDS: tuple[str, ...] = ("dataset", "image")
MAX_SIZE = 100


@dataclass(frozen=True)
class SearchQuery:
    """What a user asks: words, facet filters (any value within a facet, all facets), a page."""

    text: str = ""
    filters: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """``(facet, values)`` pairs; values are codes or labels."""
    kind: str = "dataset"
    """``dataset`` (one record per dataset version) or ``image`` (slide-level records)."""
    page: int = 1
    size: int = 20
    sort: str = "relevance"
    facet_size: int = 20
    facets: tuple[str, ...] | None = None
    """Facets to count (None: every facet)."""

    @property
    def offset(self) -> int:
        """Index of the first hit of the page."""
        return (self.page - 1) * self.size

    def filter_values(self, facet: str) -> tuple[str, ...]:
        """The values asked for ``facet``."""
        return next((values for name, values in self.filters if name == facet), ())


@dataclass(frozen=True)
class EngineQuery:
    """A query resolved for an engine: cleaned words, concept codes and normalised filters."""

    text: str = ""
    concepts: tuple[str, ...] = ()
    """Normalised codes the words resolve to; records at or below them match too."""
    filters: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """``(facet, normalised values)``; a record matches a value at or below it."""
    kind: str = "dataset"
    facets: tuple[str, ...] = ()
    facet_size: int = 20
    sort: str = "relevance"
    offset: int = 0
    limit: int = 20
    highlight: bool = True


@dataclass(frozen=True)
class EngineHit:
    """One record found by an engine: its stored payload and highlighted fragments."""

    id: str
    score: float
    payload: dict[str, Any]
    highlights: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class EngineResult:
    """What an engine answers: the total, one page of hits, raw facet terms with counts."""

    total: int
    hits: tuple[EngineHit, ...]
    facets: dict[str, tuple[tuple[str, int], ...]]


@dataclass(frozen=True)
class FacetCount:
    """One value of a facet with its label and the number of matching records."""

    value: str
    label: str
    count: int
    selected: bool = False

    def to_json(self) -> dict[str, Any]:
        """The API form of the value."""
        return {"value": self.value, "label": self.label, "count": self.count}


@dataclass(frozen=True)
class PeerStatus:
    """How one peer catalogue answered a federated query."""

    url: str
    status: str
    """``ok``, ``timeout`` or ``error``."""
    total: int = 0
    seconds: float = 0.0
    message: str = ""

    def to_json(self) -> dict[str, Any]:
        """The API form of the status."""
        return {
            "url": self.url,
            "status": self.status,
            "total": self.total,
            "seconds": round(self.seconds, 3),
            "message": self.message,
        }


@dataclass(frozen=True)
class SearchResult:
    """The answer of the search API."""

    query: SearchQuery
    total: int
    hits: tuple[dict[str, Any], ...]
    facets: dict[str, tuple[FacetCount, ...]]
    concepts: tuple[dict[str, str], ...] = ()
    """Concepts the words were understood as (shown as "also matching ...")."""
    peers: tuple[PeerStatus, ...] = ()

    @property
    def partial(self) -> bool:
        """Whether some peer did not answer."""
        return any(peer.status != "ok" for peer in self.peers)

    @property
    def pages(self) -> int:
        """Number of pages of the result."""
        return max(1, -(-self.total // self.query.size))

    def to_json(self) -> dict[str, Any]:
        """The JSON body of ``GET /api/search``."""
        body: dict[str, Any] = {
            "total": self.total,
            "page": self.query.page,
            "size": self.query.size,
            "sort": self.query.sort,
            "kind": self.query.kind,
            "hits": list(self.hits),
            "facets": {
                name: [value.to_json() for value in values] for name, values in self.facets.items()
            },
            "concepts": list(self.concepts),
        }
        if self.peers:
            body["peers"] = [peer.to_json() for peer in self.peers]
            body["partial"] = self.partial
        return body
