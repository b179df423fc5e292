"""Fixtures of the search suite: the engines (embedded and Elasticsearch/OpenSearch) and a
small indexed catalogue.

The Elasticsearch-style engine runs against osmem-server (an OpenSearch-compatible
in-memory server from PyPI, started here on 127.0.0.1), or against a real cluster when
``BPCAT_TEST_ELASTICSEARCH_URL`` is set (``BPCAT_TEST_ELASTICSEARCH_COMPAT=opensearch`` for
OpenSearch; empty for Elasticsearch 8/9). Each test gets its own alias and indices.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from search_corpus import DATASETS, SUPERSEDED, images_of
from search_engines import elastic_backend

from bigpicture.search.backend import SearchBackend
from bigpicture.search.documents import DocumentBuilder
from bigpicture.search.service import SearchService

ENGINES = ("embedded", "elasticsearch")


@pytest.fixture(scope="session")
def vocabulary():  # noqa: ANN201
    """The catalogue's vocabulary service (shipped vocabularies, no SNOMED release)."""
    from bigpicture.vocabularies import load_vocabulary

    return load_vocabulary()


@pytest.fixture(scope="session")
def cluster() -> Iterator[tuple[str, str]]:
    """``(url, compat)`` of an Elasticsearch-style server for the whole session."""
    url = os.environ.get("BPCAT_TEST_ELASTICSEARCH_URL")
    if url:
        yield url, os.environ.get("BPCAT_TEST_ELASTICSEARCH_COMPAT", "")
        return
    from osmem_server import OsmemServer

    server = OsmemServer.start(japanese=False)
    try:
        yield server.url, "opensearch"
    finally:
        server.close()
        for stream in (server.process.stdin, server.process.stdout):
            if stream is not None:
                stream.close()


@pytest.fixture(params=ENGINES)
def backend(request: pytest.FixtureRequest, tmp_path: Path, vocabulary) -> Iterator[SearchBackend]:  # noqa: ANN001
    """An empty index of each engine."""
    if request.param == "embedded":
        from bigpicture.search.embedded import EmbeddedBackend

        engine = EmbeddedBackend(tmp_path / "index")
        yield engine
        engine.close()
    else:
        yield from elastic_backend(request.getfixturevalue("cluster"), vocabulary)


@pytest.fixture
def builder(vocabulary) -> DocumentBuilder:  # noqa: ANN001
    return DocumentBuilder(vocabulary)


def index_corpus(backend: SearchBackend, builder: DocumentBuilder) -> None:
    """Index every dataset of the corpus (the superseded version is not searchable)."""
    for facts in (*DATASETS, SUPERSEDED):
        backend.replace(facts.id, builder.records(facts, images_of(facts)))


@pytest.fixture
def service(backend: SearchBackend, builder: DocumentBuilder, vocabulary) -> SearchService:  # noqa: ANN001
    """The search service over the indexed corpus."""
    index_corpus(backend, builder)
    return SearchService(backend, vocabulary)
