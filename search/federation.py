"""Federated search: the same query to peer catalogues in parallel, answers merged.

Each peer is another node running this software; it is asked ``GET <peer>/api/search`` with
the same parameters plus ``local=1`` (so queries never travel further than one hop). Every
peer gets ``timeout`` seconds; one that is slow, down or answers garbage is reported in
``peers`` with its status, and the result is marked partial instead of failing. Hits are
de-duplicated by DOI (else by dataset key and version); facet values with the same value
are merged and their counts summed, less what a duplicate dropped from the hits had added a
second time (so a dataset two peers hold counts once, as it is listed once).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ALL_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import replace
from typing import Any

from bigpicture.search.documents import magnification_label
from bigpicture.search.facets import FACET_NAMES, normalise
from bigpicture.search.model import MAX_SIZE, FacetCount, PeerStatus, SearchQuery, SearchResult
from bigpicture.search.params import query_to_params

Fetch = Callable[[str, list[tuple[str, str]], float], dict[str, Any]]


def http_fetch(peer: str, params: list[tuple[str, str]], timeout: float) -> dict[str, Any]:
    """``GET <peer>/api/search`` with ``params``; the decoded JSON body."""
    import requests

    response = requests.get(f"{peer}/api/search", params=params, timeout=timeout)
    response.raise_for_status()
    return response.json()


def widened(query: SearchQuery) -> SearchQuery:
    """The query asked of every source: page 1, enough hits to fill the requested page."""
    return replace(query, page=1, size=min(query.offset + query.size, MAX_SIZE))


def federate(
    query: SearchQuery,
    local: Callable[[SearchQuery], SearchResult],
    peers: Sequence[str],
    timeout: float,
    fetch: Fetch = http_fetch,
) -> SearchResult:
    """The local answer merged with every peer's that came within ``timeout``."""
    asked = widened(query)
    params = [*query_to_params(asked), ("local", "1")]
    pool = ThreadPoolExecutor(max_workers=max(1, len(peers)))
    started = time.monotonic()
    futures = {peer: pool.submit(fetch, peer, params, timeout) for peer in peers}
    mine = local(asked)
    remaining = max(0.0, timeout - (time.monotonic() - started))
    wait(list(futures.values()), timeout=remaining, return_when=ALL_COMPLETED)
    pool.shutdown(wait=False, cancel_futures=True)
    answers, statuses = _collect(futures, time.monotonic() - started)
    return merge(query, mine, answers, statuses)


def _collect(futures: dict[str, Future], elapsed: float):  # noqa: ANN202
    answers: list[tuple[str, dict[str, Any]]] = []
    statuses: list[PeerStatus] = []
    for peer, future in futures.items():
        if not future.done():
            statuses.append(PeerStatus(peer, "timeout", seconds=elapsed, message="no answer"))
            continue
        try:
            body = future.result()
            total = int(body["total"])
        except Exception as error:  # noqa: BLE001 - any failure of a peer is reported, not raised
            status = "timeout" if "timed out" in str(error).lower() else "error"
            statuses.append(PeerStatus(peer, status, seconds=elapsed, message=_short(error)))
            continue
        answers.append((peer, body))
        statuses.append(PeerStatus(peer, "ok", total=total, seconds=elapsed))
    return answers, statuses


def _short(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:200]


def _key(hit: dict[str, Any]) -> str:
    """What makes two hits the same dataset version (or image) across catalogues."""
    if hit.get("kind", "dataset") == "image":
        return f"image:{hit.get('doi') or hit.get('dataset_id')}:{hit.get('alias') or hit['id']}"
    if hit.get("doi"):
        return "doi:" + str(hit["doi"]).lower()
    return f"key:{hit.get('dataset_key') or hit['id']}:{hit.get('version', '')}"


def _peer_hits(peer: str, body: dict[str, Any]) -> list[dict[str, Any]]:
    hits = []
    for hit in body.get("hits", []):
        url = str(hit.get("url", ""))
        hits.append({**hit, "source": peer, "url": peer + url if url.startswith("/") else url})
    return hits


_SORT_KEYS: dict[str, tuple[Callable[[dict[str, Any]], Any], bool]] = {
    "title": (lambda hit: str(hit.get("title", "")).casefold(), False),
    "newest": (lambda hit: str(hit.get("issued") or ""), True),
    "oldest": (lambda hit: str(hit.get("issued") or "9999"), False),
    "images": (lambda hit: int((hit.get("counts") or {}).get("images", 0)), True),
}


def _interleave(lists: Iterable[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Round-robin by rank: scores of different catalogues are not comparable."""
    lists = [list(hits) for hits in lists]
    merged = []
    for rank in range(max((len(hits) for hits in lists), default=0)):
        merged.extend(hits[rank] for hits in lists if rank < len(hits))
    return merged


def merge_hits(
    query: SearchQuery, lists: list[list[dict[str, Any]]]
) -> tuple[list[dict[str, Any]], list[list[dict[str, Any]]]]:
    """One de-duplicated, ordered list of hits, and the groups of hits that were the same
    record (the kept hit first, then the dropped ones)."""
    if query.sort in _SORT_KEYS:
        key, reverse = _SORT_KEYS[query.sort]
        ordered = sorted((hit for hits in lists for hit in hits), key=key, reverse=reverse)
    else:
        ordered = _interleave(lists)
    groups: dict[str, list[dict[str, Any]]] = {}
    for hit in ordered:
        groups.setdefault(_key(hit), []).append(hit)
    unique = [group[0] for group in groups.values()]
    return unique, [group for group in groups.values() if len(group) > 1]


#: Where a hit lists the labels of each facet (dataset hits: plural; image hits: singular).
_HIT_FACET_KEYS: dict[str, tuple[str, ...]] = {
    "organ": ("organs",),
    "diagnosis": ("diagnoses",),
    "diagnosis_group": ("diagnosis_groups",),
    "stain": ("stains",),
    "species": ("species",),
    "sex": ("sexes", "sex"),
    "scanner": ("scanners", "scanner"),
    "magnification": ("magnifications", "magnification"),
    "node": ("node",),
    "year": ("year",),
    "access": ("access",),
}


def hit_labels(hit: dict[str, Any], facet: str) -> set[str]:
    """The facet labels a hit was counted under (normalised), read from the hit itself."""
    labels: set[str] = set()
    for key in _HIT_FACET_KEYS[facet]:
        found = hit.get(key)
        for value in found if isinstance(found, list) else [found]:
            if value is None or value == "":
                continue
            if facet == "magnification" and isinstance(value, int | float):
                value = magnification_label(float(value))
            labels.add(normalise(str(value)))
    return labels


Sources = list[tuple[str, dict[str, Iterable[FacetCount]]]]


def merge_facets(
    query: SearchQuery, sources: Sources, duplicates: Iterable[list[dict[str, Any]]] = ()
) -> dict[str, tuple[FacetCount, ...]]:
    """Facet values of all sources, one per value, counts summed, most frequent first.

    ``sources`` are ``(source, facets)`` pairs (the local catalogue is ``""``, as in the hits'
    ``source``). A record held by several sources is counted once: for each group of
    ``duplicates``, a value is reduced by one less than the number of the group's sources
    that listed it (each of them counted the record under its label)."""
    duplicates = list(duplicates)
    merged: dict[str, tuple[FacetCount, ...]] = {}
    for facet in FACET_NAMES:
        values: dict[str, FacetCount] = {}
        listed: dict[str, set[str]] = {}
        for source, facets in sources:
            for value in facets.get(facet, ()):
                known = values.get(value.value)
                count = value.count + (known.count if known else 0)
                selected = value.selected or bool(known and known.selected)
                label = known.label if known else value.label
                values[value.value] = FacetCount(value.value, label, count, selected)
                listed.setdefault(value.value, set()).add(source)
        for group in duplicates:
            _uncount(values, listed, facet, group)
        ranked = sorted(values.values(), key=lambda v: (-v.count, v.label.casefold()))
        merged[facet] = tuple(ranked[: query.facet_size])
    return merged


def _uncount(
    values: dict[str, FacetCount],
    listed: dict[str, set[str]],
    facet: str,
    group: list[dict[str, Any]],
) -> None:
    """Take back the counts of one record that several sources counted."""
    labels = hit_labels(group[0], facet)
    holders = {str(hit.get("source", "")) for hit in group}
    for name, value in values.items():
        if normalise(value.label) in labels:
            extra = len(holders & listed.get(name, set())) - 1
            if extra > 0:
                values[name] = replace(value, count=max(0, value.count - extra))


def _facets_of(body: dict[str, Any], query: SearchQuery) -> dict[str, list[FacetCount]]:
    facets = {}
    for facet, values in (body.get("facets") or {}).items():
        chosen = set(query.filter_values(facet))
        facets[facet] = [
            FacetCount(
                str(v["value"]),
                str(v.get("label", v["value"])),
                int(v["count"]),
                str(v["value"]) in chosen,
            )
            for v in values
        ]
    return facets


def merge(
    query: SearchQuery,
    mine: SearchResult,
    answers: list[tuple[str, dict[str, Any]]],
    statuses: list[PeerStatus],
) -> SearchResult:
    """The federated result: page ``query.page`` of the merged hits, merged facets."""
    lists = [[{**hit, "source": ""} for hit in mine.hits]]
    lists += [_peer_hits(peer, body) for peer, body in answers]
    hits, duplicates = merge_hits(query, lists)
    dropped = sum(len(group) - 1 for group in duplicates)
    total = mine.total + sum(int(body["total"]) for _peer, body in answers) - dropped
    sources: Sources = [("", mine.facets)]
    sources += [(peer, _facets_of(body, query)) for peer, body in answers]
    facets = merge_facets(query, sources, duplicates)
    page = hits[query.offset : query.offset + query.size]
    return SearchResult(query, total, tuple(page), facets, mine.concepts, tuple(statuses))
