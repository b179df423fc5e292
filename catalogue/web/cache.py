"""The HTTP cache layer of the publishing views (RFC 9110 section 13, RFC 9111).

Rendered representations are kept in process, keyed by what was asked and the store's
generation token; when the store changes, the generation moves on and old entries are dropped.
Every response carries a strong ``ETag`` (a digest of its body) and ``Last-Modified``; a matching
``If-None-Match`` (or, lacking it, ``If-Modified-Since``) gets ``304 Not Modified``.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime

from flask import Request, Response


@dataclass(frozen=True)
class Rendered:
    """One representation, ready to send."""

    body: bytes
    media_type: str
    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()
    modified: str = ""
    """ISO date of the last change of what the body shows (Last-Modified)."""

    @property
    def etag(self) -> str:
        """A strong entity tag of the body."""
        return '"' + hashlib.sha1(self.body).hexdigest()[:20] + '"'

    @property
    def last_modified(self) -> str:
        """The HTTP-date of ``modified`` (empty if unknown)."""
        if not self.modified:
            return ""
        moment = datetime.fromisoformat(self.modified)
        moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        return format_datetime(moment.astimezone(UTC), usegmt=True)


@dataclass(frozen=True)
class Entry:
    """A cached representation with its precomputed validators."""

    rendered: Rendered
    etag: str
    last_modified: str


class RenderCache:
    """Rendered representations of one generation of the store."""

    def __init__(self, limit: int = 10_000) -> None:
        self._generation = ""
        self._entries: dict[tuple[str, ...], Entry] = {}
        self._lock = threading.Lock()
        self._limit = limit
        self.enabled = True

    def get(self, generation: str, key: tuple[str, ...], render: Callable[[], Rendered]) -> Entry:
        """The cached entry for ``key``, rendering it on a miss."""
        if generation == self._generation:
            entry = self._entries.get(key)
            if entry is not None:
                return entry
        rendered = render()
        entry = Entry(rendered, rendered.etag, rendered.last_modified)
        if self.enabled:
            self._store(generation, key, entry)
        return entry

    def _store(self, generation: str, key: tuple[str, ...], entry: Entry) -> None:
        with self._lock:
            if generation != self._generation or len(self._entries) >= self._limit:
                self._entries = {}
                self._generation = generation
            self._entries[key] = entry


def not_modified(entry: Entry, request: Request) -> bool:
    """Whether the client's validators match (RFC 9110 section 13.2.2 order)."""
    if request.if_none_match:
        return request.if_none_match.contains(entry.etag.strip('"'))
    since = request.headers.get("If-Modified-Since")
    if since and entry.last_modified:
        try:
            return parsedate_to_datetime(entry.last_modified) <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
    return False


def respond(entry: Entry, request: Request, vary: str = "Accept") -> Response:
    """The response for ``entry``, or 304 when the client's copy is current."""
    headers = {"ETag": entry.etag, "Vary": vary, "Cache-Control": "public, max-age=60"}
    if entry.last_modified:
        headers["Last-Modified"] = entry.last_modified
    headers.update(entry.rendered.headers)
    if entry.rendered.status < 300 and not_modified(entry, request):
        return Response(status=304, headers=headers)
    return Response(
        entry.rendered.body, entry.rendered.status, headers, content_type=entry.rendered.media_type
    )
