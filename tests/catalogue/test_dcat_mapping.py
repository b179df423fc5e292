"""What the DCAT-AP / HealthDCAT-AP mappings say about each dataset version."""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF
from sample_catalogue import kidney, lung, sample_catalogue

from bigpicture.catalogue.dcat import PROFILES, PublishContext, build_catalog, paginate
from bigpicture.catalogue.dcat.catalog import describe_one
from bigpicture.catalogue.dcat.namespaces import DCAT, HEALTHDCATAP, HYDRA

CTX = PublishContext("https://cat.example.org/bp", "Bigpicture", "bp@example.org")
HEALTH = PROFILES["healthdcat-ap"]
DATASET = URIRef("https://cat.example.org/bp/datasets/BP_LUNG_ADC-2#dataset")


def test_every_iri_starts_with_the_base_url_or_a_vocabulary() -> None:
    graph = build_catalog(paginate(sample_catalogue()), CTX, HEALTH)
    ours = {str(s) for s in graph.subjects() if isinstance(s, URIRef) and "example.org" in s}
    assert ours and all(iri.startswith("https://cat.example.org/bp/") for iri in ours)


def test_dataset_has_landing_page_counts_and_health_terms() -> None:
    graph = describe_one(lung("2"), CTX, HEALTH)
    assert (
        DATASET,
        DCAT.landingPage,
        URIRef("https://cat.example.org/bp/datasets/BP_LUNG_ADC-2"),
    ) in graph
    assert graph.value(DATASET, HEALTHDCATAP.numberOfRecords).toPython() == 480
    assert graph.value(DATASET, HEALTHDCATAP.numberOfUniqueIndividuals).toPython() == 118
    theme = "http://publications.europa.eu/resource/authority/data-theme/HEAL"
    assert (DATASET, DCAT.theme, URIRef(theme)) in graph
    rights = graph.value(DATASET, DCTERMS.accessRights)
    assert str(rights).endswith("/NON_PUBLIC")
    assert graph.value(DATASET, HEALTHDCATAP.hdab) is not None
    assert (DATASET, DCTERMS.identifier, Literal("https://doi.org/10.99999/bp.lung-adc.2")) in graph


def test_cancer_theme_only_for_cancer_diagnoses() -> None:
    cancer = describe_one(lung("2"), CTX, HEALTH)
    kidney_graph = describe_one(kidney(), CTX, HEALTH)
    assert cancer.value(DATASET, HEALTHDCATAP.healthTheme) is not None
    kidney_iri = URIRef(CTX.dataset("BP_KIDNEY_IGA-1"))
    assert kidney_graph.value(kidney_iri, HEALTHDCATAP.healthTheme) is None


def test_dcat_ap_profile_has_no_health_extension() -> None:
    graph = describe_one(lung("2"), CTX, PROFILES["dcat-ap-3"])
    assert not list(graph.triples((None, HEALTHDCATAP.hdab, None)))
    assert (DATASET, RDF.type, DCAT.Dataset) in graph


def test_withdrawn_versions_are_not_listed() -> None:
    graph = build_catalog(paginate(sample_catalogue()), CTX, HEALTH)
    listed = {str(o) for o in graph.objects(URIRef(CTX.catalog()), DCAT.dataset)}
    assert len(listed) == 4 and not any("LIVER" in iri for iri in listed)


def test_paging_with_hydra_and_modified_since() -> None:
    page = paginate(sample_catalogue(), page=2, page_size=3)
    assert page.total == 4 and page.last_page == 2 and len(page.items) == 1
    graph = build_catalog(page, CTX, HEALTH)
    view = graph.value(URIRef(CTX.catalog()), HYDRA.view)
    assert str(graph.value(view, HYDRA.previous)).endswith("page=1&page_size=3")
    assert graph.value(view, HYDRA.next) is None
    recent = paginate(sample_catalogue(), modified_since="2026-08-01")
    assert {f.id for f in recent.items} == {"BP_LUNG_ADC-2", "BP_KIDNEY_IGA-1"}


def test_unknown_size_is_not_stated_as_zero() -> None:
    graph = describe_one(lung("2", size_bytes=0), CTX, HEALTH)
    distribution = URIRef(CTX.distribution("BP_LUNG_ADC-2"))
    assert graph.value(distribution, DCAT.byteSize) is None
    sized = describe_one(lung("2"), CTX, HEALTH)
    assert sized.value(distribution, DCAT.byteSize).toPython() == 1_250_000_000_000
