"""Reading a :class:`SearchQuery` from URL parameters, and writing one back.

The same parameters serve ``GET /api/search``, the search page, ``bpcat search`` and the
requests a federated search sends to peers: ``q``, one per facet (repeatable), ``kind``,
``page``, ``size`` and ``sort``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from bigpicture.search.facets import FACET_NAMES
from bigpicture.search.model import KINDS, MAX_SIZE, SORTS, SearchQuery


class QueryError(ValueError):
    """A parameter of a search request is invalid; the message names it."""


def _integer(raw: str | None, name: str, default: int, low: int, high: int) -> int:
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError as error:
        raise QueryError(f"parameter {name!r}: {raw!r} is not a whole number") from error
    if not low <= value <= high:
        raise QueryError(f"parameter {name!r}: {value} is not between {low} and {high}")
    return value


def _choice(raw: str | None, name: str, choices: tuple[str, ...]) -> str:
    value = raw or choices[0]
    if value not in choices:
        raise QueryError(f"parameter {name!r}: {value!r} is not one of {', '.join(choices)}")
    return value


def query_from_params(
    get: Callable[[str], str | None], get_all: Callable[[str], list[str]]
) -> SearchQuery:
    """A query from parameter accessors (``request.args.get`` / ``getlist`` or a dict)."""
    filters = []
    for facet in FACET_NAMES:
        values = tuple(v.strip() for raw in get_all(facet) for v in raw.split("|") if v.strip())
        if values:
            filters.append((facet, tuple(dict.fromkeys(values))))
    return SearchQuery(
        text=(get("q") or "").strip(),
        filters=tuple(filters),
        kind=_choice(get("kind"), "kind", KINDS),
        page=_integer(get("page"), "page", 1, 1, 10_000),
        size=_integer(get("size"), "size", 20, 0, MAX_SIZE),
        sort=_choice(get("sort"), "sort", SORTS),
        facets=_facets(get("facets")),
    )


def _facets(raw: str | None) -> tuple[str, ...] | None:
    """The facets to count: every one when absent, none for ``facets=`` (empty)."""
    if raw is None:
        return None
    names = tuple(name.strip() for name in raw.split(",") if name.strip())
    unknown = [name for name in names if name not in FACET_NAMES]
    if unknown:
        raise QueryError(f"parameter 'facets': {', '.join(unknown)} is not a facet")
    return names


def query_to_params(query: SearchQuery, **changes: object) -> list[tuple[str, str]]:
    """URL parameters for ``query`` (with ``changes``: page=2, sort=... ), defaults left out."""
    params: list[tuple[str, str]] = []
    if query.text:
        params.append(("q", query.text))
    for facet, values in query.filters:
        params.extend((facet, value) for value in values)
    settings = {"kind": query.kind, "page": query.page, "size": query.size, "sort": query.sort}
    settings.update(changes)
    defaults = {"kind": "dataset", "page": 1, "size": 20, "sort": "relevance"}
    params.extend((k, str(v)) for k, v in settings.items() if v != defaults[k])
    if query.facets is not None:
        params.append(("facets", ",".join(query.facets)))
    return params


def toggle_filter(query: SearchQuery, facet: str, value: str) -> SearchQuery:
    """``query`` with ``value`` added to (or removed from) ``facet``'s filter, page 1."""
    current = list(query.filter_values(facet))
    values = [v for v in current if v != value] if value in current else [*current, value]
    others = [(name, vals) for name, vals in query.filters if name != facet]
    filters = others + ([(facet, tuple(values))] if values else [])
    order = {name: i for i, name in enumerate(FACET_NAMES)}
    filters.sort(key=lambda item: order[item[0]])
    return replace(query, filters=tuple(filters), page=1)
