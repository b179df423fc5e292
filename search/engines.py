"""Choosing the engine from the settings: the one place that knows both implementations."""

from __future__ import annotations

from collections.abc import Iterable

from bigpicture.catalogue.settings import ConfigError, Settings
from bigpicture.search.backend import SearchBackend
from bigpicture.search.concepts import ConceptSource, labels_of

ENGINES: tuple[str, ...] = ("embedded", "elasticsearch")


def synonym_groups(vocabulary: ConceptSource | None) -> list[tuple[str, ...]]:
    """Label and synonyms of every concept the vocabulary can list (for the ES analyzer)."""
    listing = getattr(vocabulary, "concepts", None)
    if listing is None:
        return []
    concepts = listing() if callable(listing) else listing
    if isinstance(concepts, dict):
        concepts = concepts.values()
    return [labels_of(concept) for concept in concepts]


def open_backend(settings: Settings, vocabulary: ConceptSource | None = None) -> SearchBackend:
    """The engine ``settings.search_engine`` names."""
    if settings.search_engine == "embedded":
        from bigpicture.search.embedded import EmbeddedBackend

        return EmbeddedBackend(settings.index_dir)
    if settings.search_engine == "elasticsearch":
        return _elastic(settings, synonym_groups(vocabulary))
    raise ConfigError(
        f"setting 'search_engine': {settings.search_engine!r} is not one of {', '.join(ENGINES)}"
    )


def _elastic(settings: Settings, synonyms: Iterable[tuple[str, ...]]) -> SearchBackend:
    from bigpicture.search.elastic import ElasticBackend
    from bigpicture.search.es_client import make_client

    if not settings.elasticsearch_url:
        raise ConfigError("setting 'elasticsearch_url' is empty; set BPCAT_ELASTICSEARCH_URL")
    try:
        client, bulk = make_client(settings.elasticsearch_url, settings.elasticsearch_compat)
    except ValueError as error:
        raise ConfigError(str(error)) from error
    return ElasticBackend(client, settings.elasticsearch_index, bulk=bulk, synonyms=synonyms)
