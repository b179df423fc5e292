"""GET /api/search, GET /api/suggest and the search page, in process."""

from __future__ import annotations

from collections import Counter

import pytest
from search_corpus import DATASETS
from search_servers import catalogue_app

from bigpicture.search.facets import FACET_NAMES
from bigpicture.search.openapi import COMPONENTS, PATHS


@pytest.fixture
def client(settings, vocabulary):  # noqa: ANN001, ANN201
    return catalogue_app(settings, DATASETS, vocabulary).test_client()


def test_api_search_answers_hits_and_facets(client) -> None:  # noqa: ANN001
    body = client.get("/api/search?q=nevus&organ=39937001").get_json()
    assert body["total"] == 2
    assert {"id", "short_name", "title", "doi"} <= set(body["hits"][0])
    assert set(body["facets"]) == set(FACET_NAMES)
    assert body["facets"]["organ"] == [{"value": "39937001", "label": "Skin structure", "count": 2}]


def test_api_search_takes_repeated_and_piped_values(client) -> None:  # noqa: ANN001
    repeated = client.get("/api/search?node=Leiden&node=Basel").get_json()
    piped = client.get("/api/search?node=Leiden|Basel").get_json()
    expected = Counter(f.node for f in DATASETS)
    assert repeated["total"] == piped["total"] == expected["Leiden"] + expected["Basel"]


def test_api_search_counts_only_the_facets_asked(client) -> None:  # noqa: ANN001
    body = client.get("/api/search?facets=organ,stain").get_json()
    assert {name for name, values in body["facets"].items() if values} == {"organ", "stain"}
    assert client.get("/api/search?facets=colour").status_code == 400


def test_api_search_pages_and_sorts(client) -> None:  # noqa: ANN001
    body = client.get("/api/search?sort=title&size=2&page=2").get_json()
    titles = sorted((f.title for f in DATASETS), key=str.casefold)
    assert [h["title"] for h in body["hits"]] == titles[2:4]
    assert (body["page"], body["size"], body["total"]) == (2, 2, len(DATASETS))


@pytest.mark.parametrize(
    "query", ["page=0", "size=1000", "sort=random", "kind=patients", "page=two"]
)
def test_api_search_refuses_bad_parameters(client, query: str) -> None:  # noqa: ANN001
    response = client.get(f"/api/search?{query}")
    assert response.status_code == 400
    assert query.split("=")[0] in response.get_json()["error"]


def test_api_suggest(client) -> None:  # noqa: ANN001
    body = client.get("/api/suggest?q=melan").get_json()
    assert "Malignant melanoma" in [s["text"] for s in body["suggestions"]]
    assert client.get("/api/suggest?q=").get_json() == {"suggestions": []}


def test_search_page_without_javascript(client) -> None:  # noqa: ANN001
    html = client.get("/search?q=carcinoma").get_data(as_text=True)
    assert 'href="/datasets/SKIN-BCC-v1"' in html
    assert "<b>" in html  # highlighted words
    assert 'data-facet="node"' in html
    # A facet value is a plain link that adds the filter.
    page = client.get("/search?q=carcinoma&node=Basel").get_data(as_text=True)
    assert 'href="/datasets/MOUSE-LIVER-v1"' in page
    assert 'href="/datasets/SKIN-BCC-v1"' not in page
    assert 'aria-current="true"' in page


def test_search_page_reports_bad_parameters(client) -> None:  # noqa: ANN001
    response = client.get("/search?page=-3")
    assert response.status_code == 400
    assert "page" in response.get_data(as_text=True)


def test_search_page_escapes_what_users_type(client) -> None:  # noqa: ANN001
    html = client.get("/search?q=<script>alert(1)</script>").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html


def test_openapi_fragment_describes_every_parameter() -> None:
    names = {p["name"] for p in PATHS["/api/search"]["get"]["parameters"]}
    assert set(FACET_NAMES) | {"q", "kind", "page", "size", "sort", "facets", "local"} == names
    refs = str(PATHS) + str(COMPONENTS)
    for name in COMPONENTS:
        assert f"#/components/schemas/{name}" in refs or name == "SearchResult"
    for ref in refs.split("#/components/schemas/")[1:]:
        assert ref.split("'")[0] in COMPONENTS
