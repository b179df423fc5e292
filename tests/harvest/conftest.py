"""Servers on 127.0.0.1 for the harvest tests: the node server and small scripted servers."""

from __future__ import annotations

import importlib.util
import shutil
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from harvest_servers import PLUGIN

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


@pytest.fixture(scope="session")
def orthanc_program() -> str:
    """Debian's Orthanc, through the suite's ``require_program`` (skip locally, fail in CI)."""
    path = Path(__file__).resolve().parent.parent / "conftest.py"
    spec = importlib.util.spec_from_file_location("bpcat_suite_conftest_harvest", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    program = module.require_program(
        "Orthanc", "/usr/sbin/Orthanc", install="orthanc orthanc-dicomweb"
    )
    module.require_program(PLUGIN, install="orthanc-dicomweb")
    return program


@pytest.fixture
def example_node(tmp_path, example_submission) -> Path:
    """A node folder holding a copy of the example submission."""
    root = tmp_path / "node"
    shutil.copytree(example_submission, root / example_submission.name)
    return root
