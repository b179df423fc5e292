"""``/sparql``: GET and POST, JSON/XML/CSV by Accept or format=, updates refused, time limit."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest
from lxml import etree

sys.path.insert(0, str(Path(__file__).parent.parent / "store"))
from store_versions import make_version  # noqa: E402

from bigpicture.catalogue.settings import load_settings  # noqa: E402
from bigpicture.catalogue.store import Store  # noqa: E402
from bigpicture.catalogue.web import create_app  # noqa: E402

IMAGES = (
    "SELECT ?image WHERE { ?image a <https://w3id.org/bigpicture/metaflex/Image> } ORDER BY ?image"
)
SAFE = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


@pytest.fixture
def client(tmp_path: Path):
    settings = load_settings(environ={}, data_dir=tmp_path / "data", sparql_timeout=1.0)
    Store.open(settings.store_dir).add_version(make_version(images=3))
    return create_app(settings).test_client()


def _bindings(response) -> list[str]:
    return [row["image"]["value"] for row in response.get_json()["results"]["bindings"]]


def test_get_returns_json_by_default(client) -> None:
    response = client.get("/sparql", query_string={"query": IMAGES})
    assert response.status_code == 200
    assert response.mimetype == "application/sparql-results+json"
    assert [iri.rsplit("/", 1)[-1] for iri in _bindings(response)] == ["IMG_0", "IMG_1", "IMG_2"]


def test_post_form_and_sparql_query_bodies(client) -> None:
    form = client.post("/sparql", data={"query": IMAGES})
    direct = client.post("/sparql", data=IMAGES, content_type="application/sparql-query")
    assert _bindings(form) == _bindings(direct) and len(_bindings(form)) == 3


def test_xml_and_csv_by_accept_and_by_format(client) -> None:
    xml = client.get(
        "/sparql",
        query_string={"query": IMAGES},
        headers={"Accept": "application/sparql-results+xml"},
    )
    assert xml.mimetype == "application/sparql-results+xml"
    results = etree.fromstring(xml.data, SAFE)
    assert len(results.findall(".//{http://www.w3.org/2005/sparql-results#}result")) == 3
    table = client.get("/sparql", query_string={"query": IMAGES, "format": "csv"})
    assert table.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(table.get_data(as_text=True))))
    assert rows[0] == ["image"] and len(rows) == 4


def test_construct_gives_rdf(client) -> None:
    query = "CONSTRUCT { ?s a ?c } WHERE { ?s a ?c }"
    response = client.get(
        "/sparql", query_string={"query": query}, headers={"Accept": "application/ld+json"}
    )
    assert response.mimetype == "application/ld+json"
    assert json.loads(response.data)


@pytest.mark.parametrize(
    "query",
    [
        "INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }",
        "PREFIX x: <http://x/>\nDELETE WHERE { ?s ?p ?o }",
        "DROP ALL",
    ],
)
def test_updates_are_refused(client, query: str) -> None:
    response = client.post("/sparql", data={"query": query})
    assert response.status_code == 400
    assert "read-only" in response.get_data(as_text=True)
    assert len(_bindings(client.get("/sparql", query_string={"query": IMAGES}))) == 3


def test_syntax_errors_are_400(client) -> None:
    response = client.get("/sparql", query_string={"query": "SELECT ?x WHERE { ?x"})
    assert response.status_code == 400 and "syntax" in response.get_data(as_text=True).lower()


def test_a_slow_query_is_stopped(client) -> None:
    settings = client.application.config["BPCAT_SETTINGS"]
    Store.open(settings.store_dir).add_version(make_version("BIG", images=200))
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    response = client.get("/sparql", query_string={"query": slow})
    assert response.status_code == 503
    assert "time limit of 1 s" in response.get_data(as_text=True)


def test_a_browser_gets_the_query_form(client) -> None:
    response = client.get("/sparql", headers={"Accept": "text/html"})
    assert response.status_code == 200 and b"<form" in response.data
