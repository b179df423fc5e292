"""An Elasticsearch-style backend on its own alias, for the suite's fixtures."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

from bigpicture.search.backend import SearchBackend


def elastic_backend(cluster: tuple[str, str], vocabulary) -> Iterator[SearchBackend]:  # noqa: ANN001
    from bigpicture.search.elastic import ElasticBackend
    from bigpicture.search.engines import synonym_groups
    from bigpicture.search.es_client import make_client

    url, compat = cluster
    client, bulk = make_client(url, compat)
    alias = f"bpcat-test-{uuid.uuid4().hex[:8]}"
    backend = ElasticBackend(client, alias, bulk=bulk, synonyms=synonym_groups(vocabulary))
    try:
        yield backend
    finally:
        for index in client.indices.get(index=f"{alias}-v*"):
            client.indices.delete(index=index)
        client.indices.delete_index_template(name=alias)
        client.close()
