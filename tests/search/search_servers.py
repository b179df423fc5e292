"""Real catalogue servers on 127.0.0.1 for the web and federation tests."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from search_corpus import images_of
from werkzeug.serving import make_server

from bigpicture.catalogue.facts import DatasetFacts
from bigpicture.catalogue.settings import Settings
from bigpicture.catalogue.web import create_app
from bigpicture.search.documents import DocumentBuilder
from bigpicture.search.embedded import EmbeddedBackend
from bigpicture.search.service import SearchService


def catalogue_app(settings: Settings, datasets: Iterable[DatasetFacts], vocabulary):  # noqa: ANN001, ANN201
    """A catalogue web app whose embedded index holds ``datasets``."""
    backend = EmbeddedBackend(settings.index_dir)
    builder = DocumentBuilder(vocabulary)
    for facts in datasets:
        backend.replace(facts.id, builder.records(facts, images_of(facts)))
    app = create_app(settings)
    app.extensions["bpcat_search"] = SearchService(backend, vocabulary)
    return app


class Delay:
    """WSGI middleware that answers only after ``seconds`` (a slow peer)."""

    def __init__(self, app, seconds: float) -> None:  # noqa: ANN001
        self.app, self.seconds = app, seconds

    def __call__(self, environ, start_response):  # noqa: ANN001, ANN204
        time.sleep(self.seconds)
        return self.app(environ, start_response)


@contextmanager
def serving(app) -> Iterator[str]:  # noqa: ANN001
    """Serve a WSGI app on a free port of 127.0.0.1; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def node_settings(base: Settings, folder: Path, **changes: object) -> Settings:
    """Settings of one node of a small federation, under its own data folder."""
    return replace(base, data_dir=folder, **changes)
