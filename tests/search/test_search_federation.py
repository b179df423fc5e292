"""Federated search across real catalogue servers on 127.0.0.1: two slow, one down."""

from __future__ import annotations

import socket
import time

import pytest
import requests
from search_corpus import DATASETS, images_of
from search_servers import Delay, catalogue_app, node_settings, serving

from bigpicture.catalogue.settings import load_settings
from bigpicture.search.documents import DocumentBuilder
from bigpicture.search.embedded import EmbeddedBackend
from bigpicture.search.model import SearchQuery
from bigpicture.search.service import SearchService

TIMEOUT = 1.0


def closed_port() -> str:
    """The URL of a port nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


@pytest.fixture(scope="module")
def federation(vocabulary, tmp_path_factory):  # noqa: ANN001, ANN201
    """Node A (asked) with peers B (overlapping), C and E (slow) and D (down); read-only."""
    tmp_path = tmp_path_factory.mktemp("federation")
    settings = load_settings(environ={})
    b_app = catalogue_app(node_settings(settings, tmp_path / "b"), DATASETS[2:5], vocabulary)
    c_app = catalogue_app(node_settings(settings, tmp_path / "c"), DATASETS[5:], vocabulary)
    e_app = catalogue_app(node_settings(settings, tmp_path / "e"), DATASETS[5:], vocabulary)
    slow = TIMEOUT * 3
    with serving(b_app) as b, serving(Delay(c_app, slow)) as c, serving(Delay(e_app, slow)) as e:
        down = closed_port()
        a_settings = node_settings(
            settings, tmp_path / "a", peers=(b, c, e, down), peer_timeout=TIMEOUT
        )
        a_app = catalogue_app(a_settings, DATASETS[:3], vocabulary)
        with serving(a_app) as a:
            yield {"a": a, "b": b, "c": c, "e": e, "down": down}


def test_hits_of_peers_are_merged_and_duplicates_dropped(federation) -> None:  # noqa: ANN001
    started = time.monotonic()
    body = requests.get(federation["a"] + "/api/search", params={"size": 50}, timeout=10).json()
    elapsed = time.monotonic() - started
    ids = [hit["id"] for hit in body["hits"]]
    assert sorted(ids) == sorted(f.id for f in DATASETS[:5])  # SKIN-BCC once, C missing
    assert body["total"] == 5
    sources = {hit["id"]: hit["source"] for hit in body["hits"]}
    assert sources["SKIN-NEVI-v1"] == "" and sources["LUNG-ADC-v2"] == federation["b"]
    peer_hit = next(hit for hit in body["hits"] if hit["id"] == "LUNG-ADC-v2")
    assert peer_hit["url"] == federation["b"] + "/datasets/LUNG-ADC-v2"
    # Two slow peers cost one timeout, not two: peers are asked in parallel.
    assert elapsed < TIMEOUT * 2


def test_peers_that_do_not_answer_are_reported(federation) -> None:  # noqa: ANN001
    body = requests.get(federation["a"] + "/api/search", timeout=10).json()
    status = {peer["url"]: peer["status"] for peer in body["peers"]}
    assert status == {
        federation["b"]: "ok",
        federation["c"]: "timeout",
        federation["e"]: "timeout",
        federation["down"]: "error",
    }
    assert body["partial"] is True


def test_facets_are_merged_by_value(federation) -> None:  # noqa: ANN001
    body = requests.get(federation["a"] + "/api/search", timeout=10).json()
    nodes = {v["value"]: v["count"] for v in body["facets"]["node"]}
    # A holds DATASETS[:3], B DATASETS[2:5]: one entry per value, each dataset counted once.
    expected: dict[str, int] = {}
    for facts in DATASETS[:5]:
        expected[facts.node] = expected.get(facts.node, 0) + 1
    assert nodes == expected
    assert len(body["facets"]["node"]) == len(set(expected))


@pytest.fixture(scope="module")
def union(vocabulary, tmp_path_factory) -> SearchService:  # noqa: ANN001
    """One catalogue's search over what A and B hold together (DATASETS[:5])."""
    backend = EmbeddedBackend(tmp_path_factory.mktemp("union") / "index")
    builder = DocumentBuilder(vocabulary)
    for facts in DATASETS[:5]:
        backend.replace(facts.id, builder.records(facts, images_of(facts)))
    return SearchService(backend, vocabulary)


def _counts(facets: dict) -> dict[str, dict[str, int]]:
    return {
        name: {value["value"]: value["count"] for value in values}
        for name, values in facets.items()
    }


@pytest.mark.parametrize("kind", ["dataset", "image"])
def test_a_record_two_catalogues_hold_is_counted_once(federation, union, kind) -> None:  # noqa: ANN001
    # SKIN-BCC (DATASETS[2]) and its images are in A and in B, under the same DOI.
    params = {"kind": kind, "size": 100}
    body = requests.get(federation["a"] + "/api/search", params=params, timeout=10).json()
    alone = union.search(SearchQuery(kind=kind, size=100)).to_json()
    assert body["total"] == alone["total"]
    assert _counts(body["facets"]) == _counts(alone["facets"])
    shared = DATASETS[2]
    organ = shared.organs[0].code
    assert _counts(body["facets"])["organ"][organ] == _counts(alone["facets"])["organ"][organ]


def test_local_only_answers_from_one_catalogue(federation) -> None:  # noqa: ANN001
    body = requests.get(federation["a"] + "/api/search", params={"local": "1"}, timeout=10).json()
    assert body["total"] == 3 and "peers" not in body


def test_filters_travel_to_the_peers(federation) -> None:  # noqa: ANN001
    params = {"organ": "lymph node", "q": "cancer"}
    body = requests.get(federation["a"] + "/api/search", params=params, timeout=10).json()
    assert [hit["id"] for hit in body["hits"]] == ["BREAST-NODES-v1"]


def test_search_page_says_results_are_partial(federation) -> None:  # noqa: ANN001
    html = requests.get(federation["a"] + "/search", timeout=10).text
    assert "Partial results" in html and federation["down"] in html
