"""The catalogue for other catalogues, the sitemap, the metrics and the home page."""

from __future__ import annotations

from lxml import etree
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from bigpicture.catalogue.dcat.namespaces import DCAT, HYDRA

BASE = "https://catalogue.example.org/bp"
CATALOG = URIRef(BASE + "/catalog")
SAFE = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def graph_of(answer, plugin: str = "turtle") -> Graph:
    return Graph().parse(data=answer.data, format=plugin)


def test_catalog_in_every_rdf_format(client) -> None:
    turtle = graph_of(client.get("/catalog.ttl"))
    jsonld = graph_of(client.get("/catalog.jsonld"), "json-ld")
    rdfxml = graph_of(client.get("/catalog", headers={"Accept": "application/rdf+xml"}), "xml")
    assert isomorphic(turtle, jsonld) and isomorphic(turtle, rdfxml)
    datasets = set(turtle.objects(CATALOG, DCAT.dataset))
    assert len(datasets) == 4
    for dataset in datasets:
        assert str(turtle.value(dataset, DCAT.landingPage)).startswith(BASE + "/datasets/")


def test_catalog_html_for_people(client) -> None:
    html = client.get("/catalog").get_data(as_text=True)
    assert "4 published dataset versions" in html and "Liver steatosis" not in html
    assert f'href="{BASE}/datasets/BP_SKIN_MEL-1"' in html


def test_catalog_paging_and_modified_since(client) -> None:
    page = graph_of(client.get("/catalog.ttl?page=1&page_size=3"))
    assert len(set(page.objects(CATALOG, DCAT.dataset))) == 3
    view = page.value(CATALOG, HYDRA.view)
    assert str(page.value(view, HYDRA.next)) == f"{BASE}/catalog?page=2&page_size=3"
    assert page.value(CATALOG, HYDRA.totalItems).toPython() == 4
    second = graph_of(client.get("/catalog.ttl?page=2&page_size=3"))
    assert len(set(second.objects(CATALOG, DCAT.dataset))) == 1
    header = client.get("/catalog.ttl?page=2&page_size=3").headers["Link"]
    assert f'<{BASE}/catalog?page=1&page_size=3>; rel="prev"' in header
    assert 'rel="next"' not in header
    assert "Link" not in client.get("/catalog.ttl").headers
    recent = graph_of(client.get("/catalog.ttl?modified_since=2026-08-01"))
    assert recent.value(CATALOG, HYDRA.totalItems).toPython() == 2


def test_catalog_rejects_bad_parameters(client) -> None:
    for query in ("page=0", "page_size=5000", "page=x", "profile=nope", "modified_since=yesterday"):
        assert client.get(f"/catalog.ttl?{query}").status_code == 400, query
    assert client.get("/catalog.xyz").status_code == 404


def test_plain_dcat_ap_profile(client) -> None:
    graph = graph_of(client.get("/catalog.ttl?profile=dcat-ap-3"))
    assert not list(
        graph.triples((None, URIRef("http://healthdataportal.eu/ns/health#hdab"), None))
    )
    assert len(set(graph.objects(CATALOG, DCAT.dataset))) == 4


def test_sitemap_lists_public_pages(client) -> None:
    root = etree.fromstring(client.get("/sitemap.xml").data, SAFE)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = root.xpath("//s:loc/text()", namespaces=ns)
    assert f"{BASE}/datasets/BP_LUNG_ADC-2" in locations and f"{BASE}/" in locations
    assert not any("LIVER" in loc for loc in locations)
    lung = f"//s:url[s:loc='{BASE}/datasets/BP_LUNG_ADC-2']/s:lastmod/text()"
    assert root.xpath(lung, namespaces=ns) == ["2026-09-15"]


def test_metrics_json_counts_current_versions(client) -> None:
    data = client.get("/metrics.json").get_json()
    assert data["total"] == {"datasets": 3, "images": 882, "cases": 465, "terabytes": 1.965}
    organs = {row["value"]: row["images"] for row in data["by"]["organ"]}
    assert organs == {"Lung structure": 480, "Skin structure": 310, "Kidney structure": 92}
    stains = {row["value"]: row["datasets"] for row in data["by"]["stain"]}
    assert stains["Hematoxylin and eosin stain"] == 3
    assert set(data["by"]) == {"node", "organ", "diagnosis_group", "stain", "scanner"}
    assert client.get("/metrics", headers={"Accept": "application/json"}).get_json() == data


def test_metrics_page_has_svg_charts_and_tables(client) -> None:
    html = client.get("/metrics?measure=terabytes").get_data(as_text=True)
    assert html.count("<svg") == 5 and 'role="img"' in html and "<title id=" in html
    assert "Terabytes by organ" in html and "<script" not in html.split("<main")[1]
    assert client.get("/metrics?measure=bogus").status_code == 400


def test_home_page_shows_the_numbers(client) -> None:
    html = client.get("/").get_data(as_text=True)
    assert "<strong>882</strong> whole-slide images" in html
    assert "<strong>3</strong> datasets" in html and "IgA nephropathy kidney biopsies" in html
    assert "Images by organ" in html
