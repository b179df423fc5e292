"""``bpcat node serve``: publish a folder of MetaFleX submissions for harvesting.

Implements the server side of docs/node-protocol.md over HTTP/1.1 (RFC 9110): ``GET /index.json``
with an ETag and ``If-None-Match``; every indexed file under ``/<DATASET_x>/<path>`` with its
SHA-256 as strong ETag, single byte ranges (206, 416; section 14) and HEAD. Only files listed in
the index are served, so nothing outside the dataset folders (or hidden) can be read. Built on
the standard library's threading HTTP server: one thread per connection, keep-alive.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bigpicture.harvest.node_index import (
    HashCache,
    IndexedFile,
    NodeIndex,
    build_index,
    dataset_folders,
    index_to_json,
)

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
INDEX_PATHS = ("/", "/index.json")
#: Seconds an index stays fresh before the folder is looked at again.
INDEX_TTL = 2.0


class Publication:
    """The published folder: its index (rebuilt when files change) and its files."""

    def __init__(self, root: Path, title: str) -> None:
        self.root, self.title = root, title
        self._cache = HashCache()
        self._lock = threading.Lock()
        self._built = 0.0
        self._index: NodeIndex | None = None
        self._body = b""
        self._files: dict[str, tuple[Path, IndexedFile]] = {}

    def index(self) -> tuple[bytes, str]:
        """The current ``index.json`` body and its ETag."""
        with self._lock:
            if self._index is None or time.monotonic() - self._built > INDEX_TTL:
                self._rebuild()
            return self._body, f'"{_digest(self._body)}"'

    def _rebuild(self) -> None:
        index = build_index(self.root, self.title, self._cache)
        folders = {p.name: p for p in dataset_folders(self.root)}
        self._files = {
            f"/{d.name}/{f.path}": (folders[d.name] / f.path, f)
            for d in index.datasets
            for f in d.files
        }
        self._index, self._body, self._built = index, index_to_json(index), time.monotonic()

    def file(self, url_path: str) -> tuple[Path, IndexedFile] | None:
        """The file published under ``url_path``, if any."""
        self.index()
        with self._lock:
            return self._files.get(url_path)


def _digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def _byte_range(header: str, size: int) -> tuple[int, int] | None | str:
    """(start, end exclusive) of a single ``Range`` header, None for the whole, 'bad' if invalid."""
    match = _RANGE.match(header.strip()) if header else None
    if not header:
        return None
    if match is None or match.groups() == ("", ""):
        return None  # unsupported forms (several ranges): RFC 9110 allows sending the whole
    first, last = match.groups()
    if first == "":
        start, end = max(0, size - int(last)), size
    else:
        start, end = int(first), min(size, int(last) + 1) if last else size
    return (start, end) if start < end else "bad"


class NodeHandler(BaseHTTPRequestHandler):
    """Answers the requests of docs/node-protocol.md."""

    protocol_version = "HTTP/1.1"
    server: NodeHttpServer

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        if self.server.verbose:
            super().log_message(format, *args)

    def do_HEAD(self) -> None:  # noqa: N802 - stdlib naming
        self._answer(send_body=False)

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        self._answer(send_body=True)

    def _authorised(self) -> bool:
        token = self.server.token
        given = self.headers.get("Authorization", "")
        return not token or hmac.compare_digest(given.encode(), f"Bearer {token}".encode())

    def _answer(self, send_body: bool) -> None:
        path = unquote(urlsplit(self.path).path)
        if not self._authorised():
            return self._status(HTTPStatus.UNAUTHORIZED, {"WWW-Authenticate": "Bearer"})
        if path in INDEX_PATHS:
            body, etag = self.server.publication.index()
            return self._bytes(body, etag, "application/json", send_body)
        found = self.server.publication.file(path)
        if found is None:
            return self._status(HTTPStatus.NOT_FOUND)
        self._file(found[0], found[1], send_body)

    def _status(self, status: HTTPStatus, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _bytes(self, body: bytes, etag: str, content_type: str, send_body: bool) -> None:
        if etag in self.headers.get("If-None-Match", ""):
            return self._status(HTTPStatus.NOT_MODIFIED, {"ETag": etag})
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _file(self, path: Path, entry: IndexedFile, send_body: bool) -> None:
        etag = f'"{entry.sha256}"'
        if etag in self.headers.get("If-None-Match", ""):
            return self._status(HTTPStatus.NOT_MODIFIED, {"ETag": etag})
        size = os.path.getsize(path)
        wanted = _byte_range(self.headers.get("Range", ""), size)
        if wanted == "bad":
            return self._status(
                HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE, {"Content-Range": f"bytes */{size}"}
            )
        start, end = wanted if isinstance(wanted, tuple) else (0, size)
        self.send_response(
            HTTPStatus.PARTIAL_CONTENT if isinstance(wanted, tuple) else HTTPStatus.OK
        )
        if isinstance(wanted, tuple):
            self.send_header("Content-Range", f"bytes {start}-{end - 1}/{size}")
        self.send_header("Content-Type", _content_type(path))
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", self.date_time_string(int(path.stat().st_mtime)))
        self.send_header("Content-Length", str(end - start))
        self.end_headers()
        if send_body:
            self._copy(path, start, end)

    def _copy(self, path: Path, start: int, end: int) -> None:
        with open(path, "rb") as handle:
            handle.seek(start)
            remaining = end - start
            while remaining > 0:
                block = handle.read(min(remaining, 1 << 20))
                if not block:
                    break
                self.wfile.write(block)
                remaining -= len(block)


def _content_type(path: Path) -> str:
    return {
        ".xml": "application/xml",
        ".dcm": "application/dicom",
        ".json": "application/json",
        ".geojson": "application/geo+json",
        ".jpg": "image/jpeg",
        ".png": "image/png",
    }.get(path.suffix.lower(), "application/octet-stream")


class NodeHttpServer(ThreadingHTTPServer):
    """The node's HTTP server (daemon threads; one per connection)."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self,
        address: tuple[str, int],
        publication: Publication,
        token: str = "",
        verbose: bool = False,
    ) -> None:
        super().__init__(address, NodeHandler)
        self.publication, self.token, self.verbose = publication, token, verbose

    @property
    def url(self) -> str:
        """The base URL the server answers on."""
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/"


def parse_bind(bind: str) -> tuple[str, int]:
    """``HOST:PORT`` as a tuple (raises ValueError with the reason)."""
    host, sep, port = bind.rpartition(":")
    if not sep or not host or not port.isdigit():
        raise ValueError(f"--bind {bind!r} is not HOST:PORT")
    return host, int(port)


def make_server(
    root: Path, bind: str, title: str = "", token: str = "", verbose: bool = False
) -> NodeHttpServer:
    """A node server for ``root`` on ``bind`` (port 0: a free port), not yet serving."""
    return NodeHttpServer(parse_bind(bind), Publication(root, title or root.name), token, verbose)


def start_in_thread(server: NodeHttpServer) -> threading.Thread:
    """Serve in a daemon thread (tests, embedded use); stop with ``server.shutdown()``."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return thread
