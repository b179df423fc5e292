"""DCAT catalogues of other catalogues: Turtle and JSON-LD pages linked by Hydra."""

from __future__ import annotations

import json

import pytest
from harvest_servers import reply

from bigpicture.harvest.dcat_check import check_record
from bigpicture.harvest.errors import SourceUnavailable
from bigpicture.harvest.http_client import HttpClient, RetryPolicy
from bigpicture.harvest.nodes import Node
from bigpicture.harvest.sources.dcat import DcatSource

PAGE_1 = """@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
@prefix hydra: <http://www.w3.org/ns/hydra/core#> .
<{base}catalog> a dcat:Catalog ; dcat:dataset <{base}ds/1>, <{base}ds/2> .
<{base}ds/1> a dcat:Dataset ; dct:title "Lung cohort" ; dct:description "Lung WSI" ;
  dct:identifier "ds-1" ;
  dcat:distribution [ a dcat:Distribution ; dcat:mediaType "application/dicom" ] .
<{base}ds/2> a dcat:Dataset ; dct:title "No description here" .
<{base}catalog?page=1> a hydra:PartialCollectionView ; hydra:next <{base}catalog?page=2> .
"""


def _page_2(base: str) -> bytes:
    return json.dumps(
        {
            "@context": {
                "dcat": "http://www.w3.org/ns/dcat#",
                "dct": "http://purl.org/dc/terms/",
                "hydra": "http://www.w3.org/ns/hydra/core#",
            },
            "@graph": [
                {
                    "@id": f"{base}ds/3",
                    "@type": "dcat:Dataset",
                    "dct:title": "Kidney cohort",
                    "dct:description": "Kidney biopsies",
                    "dct:identifier": "ds-3",
                },
                {"@id": f"{base}catalog?page=2", "@type": "hydra:PartialCollectionView"},
            ],
        }
    ).encode()


@pytest.fixture
def dcat_url(scripted_server):
    def handle(handler) -> None:
        base = f"http://127.0.0.1:{handler.server.server_address[1]}/"
        if handler.path.endswith("page=2"):
            reply(handler, 200, _page_2(base), "application/ld+json")
        elif handler.path.startswith("/catalog"):
            reply(handler, 200, PAGE_1.format(base=base).encode(), "text/turtle")
        elif handler.path.startswith("/garbage"):
            reply(handler, 200, b"@prefix broken <<<", "text/turtle")
        else:
            reply(
                handler,
                200,
                b'{"@context": "https://remote.example/ctx.jsonld"}',
                "application/ld+json",
            )

    return scripted_server(handle)


def _source(url: str) -> DcatSource:
    return DcatSource(Node("fdp", "dcat", url=url), HttpClient(RetryPolicy(attempts=1, timeout=5)))


def test_all_pages_are_read(dcat_url) -> None:
    source = _source(dcat_url + "catalog")
    offers = {offer.name.rsplit("/", 1)[-1]: offer for offer in source.offers()}
    assert sorted(offers) == ["1", "2", "3"]
    staged = source.stage(offers["1"], None, lambda done, total: None)  # type: ignore[arg-type]
    assert staged.record["title"] == "Lung cohort" and staged.record["identifier"] == "ds-1"
    assert b"application/dicom" in staged.record_ntriples  # the distribution came along
    assert offers["1"].fingerprint == _source(dcat_url + "catalog").offers()[0].fingerprint


def test_records_must_have_title_and_description(dcat_url) -> None:
    source = _source(dcat_url + "catalog")
    reports = {}
    for offer in source.offers():
        staged = source.stage(offer, None, lambda done, total: None)  # type: ignore[arg-type]
        reports[offer.name.rsplit("/", 1)[-1]] = check_record(staged.record_ntriples, offer.name)
    assert reports["1"].valid and reports["3"].valid
    assert not reports["2"].valid
    assert reports["2"].to_json()["findings"][0]["rule"] == "dcat-ap:Dataset.description"


@pytest.mark.parametrize("path", ["garbage", "remote-context"])
def test_garbage_and_remote_contexts_are_refused(dcat_url, path) -> None:
    with pytest.raises(SourceUnavailable):
        _source(dcat_url + path).offers()
