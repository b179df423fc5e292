"""What only the Elasticsearch/OpenSearch engine does: template, synonyms, alias switching."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from search_corpus import DATASETS, images_of
from search_engines import elastic_backend

from bigpicture.catalogue.settings import ConfigError
from bigpicture.search.elastic import ElasticBackend, request_body
from bigpicture.search.engines import open_backend, synonym_groups
from bigpicture.search.es_mapping import index_template, synonym_rules
from bigpicture.search.model import EngineQuery


@pytest.fixture
def elastic(cluster, vocabulary) -> Iterator[ElasticBackend]:  # noqa: ANN001
    yield from elastic_backend(cluster, vocabulary)


def test_template_carries_the_vocabulary_synonyms(vocabulary) -> None:  # noqa: ANN001
    template = index_template("bpcat", synonym_rules(synonym_groups(vocabulary)))
    rules = template["template"]["settings"]["analysis"]["filter"]["bp_synonyms"]["synonyms"]
    assert "naevus, nevus" in rules  # spelling variants
    concept = vocabulary.lookup("1163403006")  # Pigmented nevus, also called "Mole"
    terms = (concept.label, *concept.synonyms, *concept.project_terms)
    assert len(terms) > 1 and ", ".join(t.lower() for t in terms) in rules
    assert template["index_patterns"] == ["bpcat-v*"]


def test_rebuild_switches_the_alias_to_a_new_index(elastic, builder) -> None:  # noqa: ANN001
    elastic.ensure()
    before = elastic._indices()
    facts = DATASETS[0]
    elastic.rebuild(builder.records(facts, images_of(facts)))
    after = elastic._indices()
    assert len(before) == len(after) == 1 and before != after
    assert not elastic.client.indices.exists(index=before[0])  # the old index is gone
    answer = elastic.search(EngineQuery(limit=10))
    assert [hit.id for hit in answer.hits] == [facts.id]


def test_request_body_filters_do_not_score() -> None:
    body = request_body(EngineQuery(text="lung", filters=(("organ", ("39607008",)),)))
    assert {"terms": {"t_organ": ["39607008"]}} in body["query"]["bool"]["filter"]
    assert body["track_total_hits"] is True


def test_engine_settings_are_checked(settings) -> None:  # noqa: ANN001
    from dataclasses import replace

    with pytest.raises(ConfigError, match="elasticsearch_url"):
        open_backend(replace(settings, search_engine="elasticsearch"))
    with pytest.raises(ConfigError, match="search_engine"):
        open_backend(replace(settings, search_engine="whoosh"))
    with pytest.raises(ConfigError, match="elasticsearch_compat"):
        open_backend(
            replace(
                settings,
                search_engine="elasticsearch",
                elasticsearch_url="http://127.0.0.1:9",
                elasticsearch_compat="x",
            )
        )


def test_the_client_is_an_explicit_choice() -> None:
    from elasticsearch import Elasticsearch
    from opensearchpy import OpenSearch

    from bigpicture.search.es_client import make_client

    official, _bulk = make_client("http://127.0.0.1:9200", "")
    compatible, _bulk = make_client("http://127.0.0.1:9200", "opensearch")
    assert isinstance(official, Elasticsearch) and isinstance(compatible, OpenSearch)
    official.close()
    compatible.close()
