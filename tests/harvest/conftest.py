"""Servers on 127.0.0.1 for the harvest tests: the node server and small scripted servers."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bigpicture.harvest.node_server import make_server, start_in_thread


@pytest.fixture
def serve_node() -> Iterator[Callable[..., str]]:
    """Start ``bpcat node serve``'s server on a folder; returns its base URL."""
    servers = []

    def start(folder: Path, token: str = "") -> str:
        server = make_server(folder, "127.0.0.1:0", title="Test node", token=token)
        start_in_thread(server)
        servers.append(server)
        return server.url

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        """Clients that gave up (timeouts) are part of the tests, not errors."""


@pytest.fixture
def scripted_server() -> Iterator[Callable[[Callable[[BaseHTTPRequestHandler], None]], str]]:
    """Start a server whose GET handler is the given function; returns its base URL."""
    servers = []

    def start(handle: Callable[[BaseHTTPRequestHandler], None]) -> str:
        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802
                handle(self)

            def log_message(self, *args) -> None:
                pass

        server = _QuietServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def reply(handler: BaseHTTPRequestHandler, status: int, body: bytes = b"",
          content_type: str = "application/json", headers: dict | None = None) -> None:  # fmt: skip
    """Send one complete answer."""
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(body)


@pytest.fixture
def example_node(tmp_path, example_submission) -> Path:
    """A node folder holding a copy of the example submission."""
    root = tmp_path / "node"
    shutil.copytree(example_submission, root / example_submission.name)
    return root
