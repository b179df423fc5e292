"""schema.org Dataset JSON-LD and FAIR Signposting links of a dataset version."""

from __future__ import annotations

import json

from rdflib import Graph, Literal, URIRef
from sample_catalogue import kidney, lung, withdrawn

from bigpicture.catalogue import schemaorg, signposting
from bigpicture.catalogue.dcat import PublishContext

CTX = PublishContext("https://cat.example.org", "Bigpicture", "bp@example.org")
SDO = "https://schema.org/"


def test_google_dataset_fields_and_inline_context() -> None:
    data = schemaorg.dataset(lung("2"), CTX)
    graph = Graph().parse(data=json.dumps(data), format="json-ld")
    node = URIRef("https://cat.example.org/datasets/BP_LUNG_ADC-2#dataset")
    assert (node, URIRef(SDO + "isAccessibleForFree"), Literal(False)) in graph
    assert (
        node,
        URIRef(SDO + "license"),
        URIRef("https://spdx.org/licenses/CC-BY-NC-4.0"),
    ) in graph
    assert (node, URIRef(SDO + "sameAs"), URIRef("https://doi.org/10.99999/bp.lung-adc.2")) in graph
    catalog = graph.value(node, URIRef(SDO + "includedInDataCatalog"))
    assert str(graph.value(catalog, URIRef(SDO + "url"))) == "https://cat.example.org/"
    dist = graph.value(node, URIRef(SDO + "distribution"))
    assert str(graph.value(dist, URIRef(SDO + "encodingFormat"))) == "application/dicom"
    creator = URIRef("https://orcid.org/0000-0002-1825-0097")
    assert str(graph.value(creator, URIRef(SDO + "familyName"))) == "Andersson"


def test_optional_fields_are_left_out_when_unknown() -> None:
    data = schemaorg.dataset(kidney(), CTX)
    assert "license" not in data and "sameAs" not in data and "dateModified" not in data
    assert schemaorg.dataset(withdrawn(), CTX)["distribution"] == []


def test_signposting_links_and_linkset() -> None:
    facts = lung("2")
    found = signposting.links(facts, CTX, [("https://cat.example.org/x.ttl", "text/turtle")])
    rels = [link.rel for link in found]
    assert rels.count("cite-as") == 1 and "describedby" in rels and "license" in rels
    header = signposting.link_header(found, facts, CTX)
    assert '<https://cat.example.org/x.ttl>; rel="describedby"; type="text/turtle"' in header
    assert header.endswith('rel="linkset"; type="application/linkset+json"')
    linkset = signposting.linkset(found, "https://cat.example.org/datasets/BP_LUNG_ADC-2")
    assert linkset["linkset"][0]["item"] == [{"href": facts.rems_access_link, "type": "text/html"}]


def test_withdrawn_versions_offer_no_item() -> None:
    assert "item" not in {link.rel for link in signposting.links(withdrawn(), CTX, [])}
