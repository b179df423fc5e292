"""DCAT records harvested from another catalogue are found by search, and dropped when gone.

A DCAT endpoint on 127.0.0.1 (Turtle page linked by Hydra to a JSON-LD page), harvested with
the real ``bpcat harvest``, searched through ``GET /api/search`` and the search page of the
real web app, rebuilt with ``bpcat index --rebuild``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from harvest_servers import reply

from bigpicture.catalogue.cli import main
from bigpicture.catalogue.settings import load_settings
from bigpicture.catalogue.web import create_app

TURTLE = """@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
@prefix hydra: <http://www.w3.org/ns/hydra/core#> . @prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<{base}catalog> a dcat:Catalog ; dcat:dataset <{base}ds/sarcoma> .
<{base}ds/sarcoma> a dcat:Dataset ;
  dct:title "Soft tissue sarcoma slides"@en ; dct:description "Biopsies of liposarcoma."@en ;
  dcat:keyword "pathology" ; dct:issued "2022-05-01"^^xsd:date ;
  dct:publisher [ foaf:name "Vienna Biobank" ] ;
  dct:accessRights <http://publications.europa.eu/resource/authority/access-right/PUBLIC> ;
  dcat:landingPage <https://biobank.example.org/sarcoma> ;
  dcat:distribution [ a dcat:Distribution ;
    dct:license <https://creativecommons.org/licenses/by/4.0/> ] .
<{base}catalog?page=1> a hydra:PartialCollectionView ; hydra:next <{base}catalog?page=2> .
"""


def _page_2(base: str, listed: bool) -> bytes:
    graph = [{"@id": f"{base}catalog?page=2", "@type": "hydra:PartialCollectionView"}]
    if listed:
        graph.append(
            {
                "@id": f"{base}ds/glioma",
                "@type": "dcat:Dataset",
                "dct:title": "Glioma cohort",
                "dct:description": "Brain tumour resections",
                "dcat:keyword": ["neuropathology"],
            }
        )
    context = {
        "dcat": "http://www.w3.org/ns/dcat#",
        "dct": "http://purl.org/dc/terms/",
        "hydra": "http://www.w3.org/ns/hydra/core#",
    }
    return json.dumps({"@context": context, "@graph": graph}).encode()


@pytest.fixture
def endpoint(scripted_server) -> tuple[str, dict]:
    """The catalogue's URL and a switch: ``offers["glioma"] = False`` delists the glioma one."""
    offers = {"glioma": True}

    def handle(handler) -> None:
        base = f"http://127.0.0.1:{handler.server.server_address[1]}/"
        if handler.path.endswith("page=2"):
            reply(handler, 200, _page_2(base, offers["glioma"]), "application/ld+json")
        else:
            reply(handler, 200, TURTLE.format(base=base).encode(), "text/turtle")

    return scripted_server(handle) + "catalog", offers


def _env(tmp_path: Path, url: str) -> dict[str, str]:
    nodes = tmp_path / "nodes.toml"
    nodes.write_text(f'[nodes.fdp]\nkind = "dcat"\nurl = "{url}"\n')
    return {"BPCAT_DATA_DIR": str(tmp_path / "data"), "BPCAT_NODES": str(nodes)}


def _search(env: dict[str, str], query: str) -> dict:
    settings = load_settings(environ=env)
    with create_app(settings).test_client() as client:
        return client.get(f"/api/search?{query}").get_json()


def test_harvested_records_are_searched_dropped_and_rebuilt(tmp_path, endpoint) -> None:
    url, offers = endpoint
    env = _env(tmp_path, url)
    cli = CliRunner()
    harvest = cli.invoke(main, ["harvest"], env=env)
    assert harvest.exit_code == 0, harvest.output

    body = _search(env, "q=liposarcoma")
    [hit] = body["hits"]
    assert hit["origin"] == "harvested" and hit["doi"] == ""
    assert hit["id"] == url.replace("catalog", "ds/sarcoma")
    assert hit["url"] == "https://biobank.example.org/sarcoma"
    assert (hit["node"], hit["publisher"], hit["year"], hit["access"]) == (
        "fdp",
        "Vienna Biobank",
        2022,
        "open",
    )
    assert hit["licence"] == "https://creativecommons.org/licenses/by/4.0/"
    assert _search(env, "q=neuropathology")["total"] == 1  # the JSON-LD page's record
    assert _search(env, "node=fdp&year=2022")["total"] == 1

    with create_app(load_settings(environ=env)).test_client() as client:
        page = client.get("/search?q=liposarcoma").get_data(as_text=True)
    assert 'href="https://biobank.example.org/sarcoma"' in page
    assert "harvested from another catalogue: Vienna Biobank" in page

    printed = cli.invoke(main, ["search", "liposarcoma"], env=env).output
    assert "[harvested from another catalogue: https://biobank.example.org/sarcoma]" in printed

    offers["glioma"] = False
    again = cli.invoke(main, ["harvest"], env=env)
    assert again.exit_code == 0 and "1 gone" in again.output, again.output
    assert _search(env, "q=neuropathology")["total"] == 0
    assert "ds/glioma: gone" in cli.invoke(main, ["harvest", "--status"], env=env).output

    rebuilt = cli.invoke(main, ["index", "--rebuild"], env=env)
    assert rebuilt.exit_code == 0 and "1 datasets" in rebuilt.output, rebuilt.output
    assert _search(env, "q=sarcoma")["hits"][0]["origin"] == "harvested"

    offers["glioma"] = True  # listed again: harvested and found again
    assert "1 ingested" in cli.invoke(main, ["harvest"], env=env).output
    assert _search(env, "q=neuropathology")["total"] == 1
