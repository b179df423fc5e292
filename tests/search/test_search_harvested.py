"""Datasets harvested from other catalogues (DCAT records) in the shared suite: both engines."""

from __future__ import annotations

import pytest

from bigpicture.search.dcat_record import read_dataset
from bigpicture.search.harvested import HarvestedIndexer, record_id
from bigpicture.search.model import SearchQuery
from bigpicture.search.service import SearchService

BASE = "https://fdp.example.org/"


def record(name: str, title: str, **extra: str) -> bytes:
    """An N-Triples DCAT record like the harvest keeps."""
    iri = f"<{BASE}dataset/{name}>"
    dct, dcat = "http://purl.org/dc/terms/", "http://www.w3.org/ns/dcat#"
    lines = [
        f"{iri} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{dcat}Dataset> .",
        f'{iri} <{dct}title> "{title}"@en .',
        f'{iri} <{dct}title> "Titel {title}"@de .',
        f'{iri} <{dct}description> "{extra.get("description", "A cohort.")}" .',
    ]
    for keyword in extra.get("keywords", "").split():
        lines.append(f'{iri} <{dcat}keyword> "{keyword}" .')
    if "theme" in extra:
        lines.append(f"{iri} <{dcat}theme> <{extra['theme']}> .")
    if "publisher" in extra:
        lines.append(f"{iri} <{dct}publisher> _:p .")
        lines.append(f'_:p <http://xmlns.com/foaf/0.1/name> "{extra["publisher"]}" .')
    if "access" in extra:
        access = "http://publications.europa.eu/resource/authority/access-right/"
        lines.append(f"{iri} <{dct}accessRights> <{access}{extra['access']}> .")
    if "issued" in extra:
        date = "http://www.w3.org/2001/XMLSchema#date"
        lines.append(f'{iri} <{dct}issued> "{extra["issued"]}"^^<{date}> .')
    if "landing" in extra:
        lines.append(f"{iri} <{dcat}landingPage> <{extra['landing']}> .")
    if "licence" in extra:
        lines.append(f"{iri} <{dcat}distribution> _:d .")
        lines.append(f"_:d <{dct}license> <{extra['licence']}> .")
    return ("\n".join(lines) + "\n").encode()


LUNG = record(
    "lung",
    "Lung adenocarcinoma cohort",
    description="Whole-slide images of resected lung tumours.",
    keywords="pathology WSI",
    theme="http://publications.europa.eu/resource/authority/data-theme/HEAL",
    publisher="Karolinska Biobank",
    access="PUBLIC",
    issued="2021-03-04",
    landing="https://fdp.example.org/page/lung",
    licence="https://creativecommons.org/licenses/by/4.0/",
)
KIDNEY = record("kidney", "Renal biopsy archive", keywords="nephrology", access="RESTRICTED")


def test_the_record_is_read_into_search_terms() -> None:
    dataset = read_dataset("fdp", LUNG)
    assert dataset is not None
    assert dataset.iri == f"{BASE}dataset/lung" and dataset.title == "Lung adenocarcinoma cohort"
    assert dataset.keywords == ("WSI", "pathology") and dataset.themes == ("HEAL",)
    assert (dataset.publisher, dataset.access, dataset.year) == ("Karolinska Biobank", "open", 2021)
    assert dataset.licence == "https://creativecommons.org/licenses/by/4.0/"
    assert dataset.url == "https://fdp.example.org/page/lung"
    assert read_dataset("fdp", b"not n-triples") is None


def test_links_are_web_links_only() -> None:
    sneaky = record("x", "Sneaky", landing="javascript:alert(1)")
    assert read_dataset("fdp", sneaky).url == f"{BASE}dataset/x"  # the IRI, not the script


@pytest.fixture
def harvested(backend) -> HarvestedIndexer:  # noqa: ANN001
    kept = [("fdp", LUNG), ("ckan", KIDNEY)]
    indexer = HarvestedIndexer(backend, lambda: kept)
    for node, ntriples in kept:
        indexer.record_kept(node, read_dataset(node, ntriples).iri, ntriples)
    return indexer


def _search(backend, text: str = "", **filters: list[str]):  # noqa: ANN001, ANN202
    pairs = tuple((name, tuple(values)) for name, values in filters.items())
    return SearchService(backend).search(SearchQuery(text=text, filters=pairs))


def test_harvested_datasets_are_found_by_their_words(backend, harvested) -> None:  # noqa: ANN001
    for words in ("adenocarcinoma", "resected tumours", "pathology", "Karolinska", "fdp"):
        result = _search(backend, words)
        assert [hit["id"] for hit in result.hits] == [f"{BASE}dataset/lung"], words
    hit = _search(backend, "lung").hits[0]
    assert hit["origin"] == "harvested" and hit["doi"] == ""
    assert hit["url"] == "https://fdp.example.org/page/lung"
    assert (hit["node"], hit["year"], hit["access"]) == ("fdp", 2021, "open")


def test_harvested_datasets_have_node_year_and_access_facets(backend, harvested) -> None:  # noqa: ANN001
    assert [h["id"] for h in _search(backend, access=["restricted"]).hits] == [
        f"{BASE}dataset/kidney"
    ]
    assert _search(backend, node=["fdp"], year=["2021"]).total == 1
    facets = _search(backend).facets
    assert {value.value for value in facets["node"]} == {"fdp", "ckan"}


def test_dropped_and_rebuilt(backend, harvested) -> None:  # noqa: ANN001
    harvested.record_dropped("ckan", f"{BASE}dataset/kidney")
    assert _search(backend, "renal").total == 0
    assert backend.rebuild(harvested.records()) == 2
    assert _search(backend, "renal").total == 1
    assert record_id("fdp", "x") != record_id("ckan", "x")
