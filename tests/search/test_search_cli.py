"""``bpcat search`` and ``bpcat index`` against an embedded index on disk."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from search_corpus import DATASETS, images_of

from bigpicture.catalogue.cli import main
from bigpicture.search.documents import DocumentBuilder
from bigpicture.search.embedded import EmbeddedBackend


@pytest.fixture
def env(settings) -> dict[str, str]:  # noqa: ANN001
    backend = EmbeddedBackend(settings.index_dir)
    builder = DocumentBuilder()
    for facts in DATASETS:
        backend.replace(facts.id, builder.records(facts, images_of(facts)))
    return {"BPCAT_DATA_DIR": str(settings.data_dir), "BPCAT_CONFIG": "", "BPCAT_PEERS": ""}


def run(env: dict[str, str], *args: str):  # noqa: ANN201
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def test_search_json_is_the_api_answer(env) -> None:  # noqa: ANN001
    result = run(env, "search", "adenocarcinoma", "--organ", "39607008", "--json")
    assert result.exit_code == 0
    body = json.loads(result.output)
    assert [hit["id"] for hit in body["hits"]] == ["LUNG-ADC-v2"]
    assert body["facets"]["organ"][0]["value"] == "39607008"


def test_search_text_output_lists_hits_and_facets(env) -> None:  # noqa: ANN001
    result = run(env, "search", "--node", "Leiden", "--sort", "title")
    leiden = sorted(f.title for f in DATASETS if f.node == "Leiden")
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == f"{len(leiden)} datasets (page 1 of 1)"
    assert [line.split("  ")[2] for line in result.output.splitlines()[1:3]] == leiden
    assert "node: Leiden (2)" in result.output


def test_search_images(env) -> None:  # noqa: ANN001
    result = run(env, "search", "--kind", "image", "--stain", "Ki-67", "--json")
    hits = json.loads(result.output)["hits"]
    assert hits and all(hit["dataset_id"] == "BREAST-NODES-v1" for hit in hits)


def test_search_refuses_a_bad_engine_setting(env) -> None:  # noqa: ANN001
    result = CliRunner().invoke(main, ["search", "x"], env={**env, "BPCAT_SEARCH_ENGINE": "solr"})
    assert result.exit_code == 2
    assert "search_engine" in result.output and "Traceback" not in result.output


def test_index_counts_records(env) -> None:  # noqa: ANN001
    result = run(env, "index")
    images = sum(f.image_count for f in DATASETS)
    assert result.output.strip() == f"embedded index: {len(DATASETS)} datasets, {images} images"
