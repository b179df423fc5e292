"""Landing pages in every representation, with signposting and HTTP caching."""

from __future__ import annotations

import json
import re

import pytest
from lxml import etree
from rdflib import Graph
from rdflib.compare import isomorphic

BASE = "https://catalogue.example.org/bp"
LUNG = "/datasets/BP_LUNG_ADC-2"
RDF_PLUGINS = {"jsonld": "json-ld", "ttl": "turtle", "rdf": "xml"}
SAFE = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def test_html_landing_page_shows_the_dataset_information(client) -> None:
    page = client.get(LUNG)
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    for expected in (
        "Lung adenocarcinoma whole-slide images with immunohistochemistry",
        "LUNG-ADC",
        "How to cite",
        "10.99999/bp.lung-adc.2",
        "Lung structure",
        "Adenocarcinoma of lung",
        "Group: Lung cancer",
        "Ki-67 immunohistochemical stain",
        "Homo sapiens",
        "Hamamatsu NanoZoomer S360",
        "20×, 40×",
        "1.25 TB",
        "general research use",
        "not for profit organisation use only",
        "https://rems.example.org/application?items=urn:bp:lung-adc",
        "Alice Andersson",
        "Uppsala University",
        "CC-BY-NC-4.0",
        "Melanocytic skin lesions",
        "Uppsala",
    ):
        assert expected in html, expected
    assert re.search(r"<th scope=\"row\">Images</th><td class=\"num\">480</td>", html)
    assert 'alt="Sample image 1 of Lung adenocarcinoma' in html


def test_extraction_methods_and_other_diagnosis_codes_are_shown(app, source) -> None:
    from dataclasses import replace

    from sample_catalogue import ADENOCARCINOMA

    from bigpicture.catalogue.facts import Concept

    extra = replace(
        source.all_facts()[1],
        extraction_methods=(Concept("173171007", "SCT", "Lobectomy of lung"),),
        diagnosis_codes=(Concept("8140/3", "ICD-O", "Adenocarcinoma, NOS"),),
        diagnoses=(ADENOCARCINOMA,),
    )
    source.replace([extra if f.id == extra.id else f for f in source.all_facts()])
    html = app.test_client().get(LUNG).get_data(as_text=True)
    assert "Lobectomy of lung" in html and "Adenocarcinoma, NOS (ICD-O 8140/3)" in html


def test_superseded_version_links_to_the_latest(client) -> None:
    html = client.get("/datasets/BP_LUNG_ADC-1").get_data(as_text=True)
    assert "This version has been superseded" in html
    assert f'href="{BASE}/datasets/BP_LUNG_ADC-2">See the latest version (2)' in html


def test_withdrawn_version_is_gone_with_citation_and_reason(client) -> None:
    page = client.get("/datasets/BP_LIVER_X-1")
    assert page.status_code == 410
    html = page.get_data(as_text=True)
    assert "Consent for a subset of the cases was revoked." in html
    assert "Dahl, D. (2026). Liver steatosis (Version 1)" in html
    assert client.get("/datasets/BP_LIVER_X-1.bib").status_code == 410


def test_dataset_key_redirects_to_the_current_version(client) -> None:
    answer = client.get("/datasets/BP_LUNG_ADC")
    assert answer.status_code == 302
    assert answer.headers["Location"] == f"{BASE}/datasets/BP_LUNG_ADC-2"
    assert client.get("/datasets/BP_LIVER_X").status_code == 404


def test_unknown_dataset_is_404(client) -> None:
    assert client.get("/datasets/NOPE").status_code == 404
    assert client.get("/datasets/NOPE.ttl").status_code == 404


@pytest.mark.parametrize(
    ("extension", "media_type"),
    [
        ("jsonld", "application/ld+json"),
        ("ttl", "text/turtle"),
        ("rdf", "application/rdf+xml"),
        ("datacite.xml", "application/vnd.datacite.datacite+xml"),
        ("datacite.json", "application/vnd.datacite.datacite+json"),
        ("bib", "application/x-bibtex"),
        ("ris", "application/x-research-info-systems"),
        ("txt", "text/x-bibliography"),
    ],
)
def test_extension_and_accept_header_give_the_same_body(client, extension, media_type) -> None:
    by_extension = client.get(f"{LUNG}.{extension}")
    negotiated = client.get(LUNG, headers={"Accept": media_type})
    assert by_extension.status_code == negotiated.status_code == 200
    assert by_extension.mimetype == negotiated.mimetype == media_type
    assert by_extension.data == negotiated.data
    assert negotiated.headers["Vary"] == "Accept"
    via_doi = client.get("/doi/10.99999/bp.lung-adc.2", headers={"Accept": media_type})
    assert via_doi.data == negotiated.data


def test_rdf_representations_are_the_same_graph(client) -> None:
    graphs = [
        Graph().parse(data=client.get(f"{LUNG}.{ext}").data, format=plugin)
        for ext, plugin in RDF_PLUGINS.items()
    ]
    assert len(graphs[0]) > 100
    assert isomorphic(graphs[0], graphs[1]) and isomorphic(graphs[1], graphs[2])
    subjects = {str(s) for s in graphs[0].subjects() if str(s).startswith("http")}
    assert f"{BASE}/datasets/BP_LUNG_ADC-2#dataset" in subjects


def test_datacite_xml_is_valid_kernel_4(client, shared_dir) -> None:
    xsd = shared_dir / "datacite-4" / "metadata.xsd"
    if not xsd.is_file():
        pytest.fail(f"{xsd} is missing")
    schema = etree.XMLSchema(etree.parse(str(xsd), SAFE))
    document = etree.fromstring(client.get(f"{LUNG}.datacite.xml").data, SAFE)
    schema.assertValid(document)


def test_datacite_json_matches_the_xml(client) -> None:
    document = client.get(f"{LUNG}.datacite.json").get_json(force=True)
    assert document["data"]["id"] == "10.99999/bp.lung-adc.2"
    assert document["data"]["attributes"]["types"]["resourceTypeGeneral"] == "Dataset"


def test_citation_formats(client) -> None:
    bib = client.get(f"{LUNG}.bib").get_data(as_text=True)
    assert bib.startswith("@misc{Andersson2026LUNG-ADC,") and "version = {2}" in bib
    ris = client.get(f"{LUNG}.ris").get_data(as_text=True)
    assert ris.startswith("TY  - DATA\r\n") and "DO  - 10.99999/bp.lung-adc.2\r\n" in ris
    assert ris.endswith("ER  - \r\n")
    text = client.get(f"{LUNG}.txt").get_data(as_text=True)
    assert text.endswith("Bigpicture. https://doi.org/10.99999/bp.lung-adc.2")


def test_unacceptable_media_type_is_406(client) -> None:
    answer = client.get(LUNG, headers={"Accept": "image/gif"})
    assert answer.status_code == 406 and b"text/turtle" in answer.data


def test_browsers_get_html(client) -> None:
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    assert client.get(LUNG, headers={"Accept": accept}).mimetype == "text/html"
    assert client.get(LUNG, headers={"Accept": "*/*"}).mimetype == "text/html"


def links(header: str) -> list[tuple[str, str, str]]:
    """(target, rel, type) of every link in a Link header."""
    found = re.findall(r'<([^>]+)>; rel="([^"]+)"(?:; type="([^"]+)")?', header)
    return [(target, rel, kind) for target, rel, kind in found]


def test_signposting_level_1_links(client) -> None:
    found = links(client.get(LUNG).headers["Link"])
    rels = {rel for _, rel, _ in found}
    assert {"cite-as", "describedby", "item", "license", "type", "collection", "linkset"} <= rels
    assert ("https://doi.org/10.99999/bp.lung-adc.2", "cite-as", "") in found
    described = {(target, kind) for target, rel, kind in found if rel == "describedby"}
    assert (f"{BASE}{LUNG}.ttl", "text/turtle") in described
    assert ("https://schema.org/Dataset", "type", "") in found
    for target, rel, _ in found:
        if rel in ("describedby", "linkset", "collection"):
            assert target.startswith(BASE)
            assert client.get(target.removeprefix(BASE)).status_code == 200, target


def test_signposting_level_2_linkset(client) -> None:
    answer = client.get(f"{LUNG}/linkset")
    assert answer.mimetype == "application/linkset+json"
    context = answer.get_json()["linkset"][0]
    assert context["anchor"] == f"{BASE}{LUNG}"
    assert context["cite-as"] == [{"href": "https://doi.org/10.99999/bp.lung-adc.2"}]
    assert {"href": f"{BASE}{LUNG}.jsonld", "type": "application/ld+json"} in context["describedby"]


def embedded_jsonld(html: str) -> dict:
    """The schema.org JSON-LD of a page."""
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD in the page"
    return json.loads(match.group(1))


def test_schema_org_dataset_is_embedded_with_inline_context(client) -> None:
    data = embedded_jsonld(client.get(LUNG).get_data(as_text=True))
    assert isinstance(data["@context"], dict) and data["@type"] == "Dataset"
    for key in (
        "name",
        "description",
        "identifier",
        "creator",
        "license",
        "keywords",
        "isAccessibleForFree",
        "includedInDataCatalog",
        "distribution",
    ):
        assert data[key] not in ("", [], None), key
    assert data["distribution"][0]["encodingFormat"] == "application/dicom"
    assert data["isAccessibleForFree"] is False
    graph = Graph().parse(data=json.dumps(data), format="json-ld")
    names = [str(o) for o in graph.objects(None, _schema("name"))]
    assert "Lung adenocarcinoma whole-slide images with immunohistochemistry" in names


def _schema(term: str):
    from rdflib import URIRef

    return URIRef("https://schema.org/" + term)


def test_sample_images_are_served(client) -> None:
    image = client.get(f"{LUNG}/samples/overview_he.png")
    assert image.status_code == 200 and image.data.startswith(b"\x89PNG")
    assert client.get(f"{LUNG}/samples/other.png").status_code == 404


def test_etag_and_last_modified_give_304(client) -> None:
    first = client.get(LUNG)
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert modified == "Tue, 15 Sep 2026 00:00:00 GMT"
    assert client.get(LUNG, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(LUNG, headers={"If-Modified-Since": modified}).status_code == 304
    assert client.get(LUNG, headers={"If-None-Match": '"other"'}).status_code == 200


def test_store_change_invalidates_the_cache(client, source) -> None:
    from dataclasses import replace

    before = client.get(LUNG)
    changed = [
        replace(f, title="Renamed lung dataset") if f.id == "BP_LUNG_ADC-2" else f
        for f in source.all_facts()
    ]
    source.replace(changed)
    after = client.get(LUNG, headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200 and b"Renamed lung dataset" in after.data
