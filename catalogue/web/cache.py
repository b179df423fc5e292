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
    if entry.rendered.status in (200, 410):
        headers[CACHEABLE] = "1"
    return Response(
        entry.rendered.body, entry.rendered.status, headers, content_type=entry.rendered.media_type
    )


#: Header by which a view marks its response as reusable by ``FrontCache`` (never sent).
CACHEABLE = "X-Bpcat-Cacheable"


@dataclass(frozen=True)
class Stored:
    """A complete response kept by ``FrontCache``."""

    status: str
    headers: list[tuple[str, str]]
    body: bytes


def unmarked(start_response):  # noqa: ANN001, ANN201 - WSGI callables
    """A ``start_response`` that drops the internal ``CACHEABLE`` marker."""

    def start(status, headers, exc_info=None):  # noqa: ANN001, ANN202
        kept = [(name, value) for name, value in headers if name != CACHEABLE]
        return start_response(status, kept, exc_info)

    return start


class FrontCache:
    """WSGI middleware answering repeated unconditional GETs without entering Flask.

    Keyed by path, query string and Accept header, for one generation of the store: the first
    request goes through Flask (and the render cache); responses marked ``CACHEABLE`` are kept
    whole and replayed byte for byte. Conditional requests always go through Flask (304s).
    """

    def __init__(
        self, wsgi_app, generation: Callable[[], str | None], limit_bytes: int = 64_000_000
    ) -> None:
        self.wsgi_app = wsgi_app
        self.generation = generation
        self.limit_bytes = limit_bytes
        self._generation: str | None = None
        self._stored: dict[tuple[str, str, str], Stored] = {}
        self._bytes = 0

    def __call__(self, environ, start_response):  # noqa: ANN001, ANN204 - WSGI signature
        if (
            environ.get("REQUEST_METHOD") != "GET"
            or "HTTP_IF_NONE_MATCH" in environ
            or ("HTTP_IF_MODIFIED_SINCE" in environ)
        ):
            return self.wsgi_app(environ, unmarked(start_response))
        generation = self.generation()
        key = (
            environ.get("PATH_INFO", ""),
            environ.get("QUERY_STRING", ""),
            environ.get("HTTP_ACCEPT", ""),
        )
        stored = self._stored.get(key) if generation == self._generation else None
        if stored is None:
            return self._through(environ, start_response, generation, key)
        start_response(stored.status, stored.headers)
        return [stored.body]

    def _through(self, environ, start_response, generation, key):  # noqa: ANN001, ANN202
        captured: list = []

        def capture(status, headers, exc_info=None):  # noqa: ANN001, ANN202
            captured[:] = [status, headers]
            if not any(name == CACHEABLE for name, _ in headers):
                return start_response(status, headers, exc_info)
            return lambda data: None

        result = self.wsgi_app(environ, capture)
        if not captured or not any(name == CACHEABLE for name, _ in captured[1]):
            return result
        try:
            body = b"".join(result)
        finally:
            getattr(result, "close", lambda: None)()
        headers = [(name, value) for name, value in captured[1] if name != CACHEABLE]
        if generation is not None:
            self._keep(generation, key, Stored(captured[0], headers, body))
        start_response(captured[0], headers)
        return [body]

    def clear(self) -> None:
        """Forget every kept response (a new facts source was installed)."""
        self._stored, self._bytes, self._generation = {}, 0, None

    def _keep(self, generation: str, key: tuple[str, str, str], stored: Stored) -> None:
        """Keep ``stored``; start afresh on a new generation or past the memory budget."""
        if generation != self._generation or self._bytes + len(stored.body) > self.limit_bytes:
            self._stored = {}
            self._bytes = 0
            self._generation = generation
        self._stored[key] = stored
        self._bytes += len(stored.body)
