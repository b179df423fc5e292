"""The HealthDCAT-AP Release 8 mapping of a dataset version (NON_PUBLIC level).

HealthDCAT-AP adds to DCAT-AP 3: the health-data access body (``healthdcatap:hdab``), health
categories and themes, applicable legislation (EHDS), coding systems, numbers of records and of
unique individuals, typical ages, personal-data categories and purpose, publisher types and one
``cv:contactPoint`` per health agent. Built from the same shared functions as :mod:`.dcat_ap`.
"""

from __future__ import annotations

import re

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, XSD

from bigpicture.catalogue.dcat import authority, resources
from bigpicture.catalogue.dcat.agents import contact_point, health_contact, organisation
from bigpicture.catalogue.dcat.context import PublishContext
from bigpicture.catalogue.dcat.dcat_ap import dataset_core
from bigpicture.catalogue.dcat.namespaces import BP, CV, DCAT, DCATAP, DPV, GEODCATAP, HEALTHDCATAP
from bigpicture.catalogue.facts import DatasetFacts

#: Words in a diagnosis label that place the dataset under the health theme "Cancer".
CANCER_WORDS = re.compile(
    r"carcinom|cancer|neoplas|tumou?r|melanom|lymphom|sarcom|leukaem|leukem|malignan|metasta",
    re.IGNORECASE,
)
DATASET_TYPE = authority.Term(
    str(BP) + "WholeSlideImageCollection",
    "Whole-slide image collection",
    authority.Scheme(str(BP) + "DatasetTypes", "Bigpicture dataset types"),
)


def health_agent(
    graph: Graph,
    ctx: PublishContext,
    name: str,
    email: str,
    kind: authority.Term | None = authority.RESEARCH_INFRASTRUCTURE,
) -> URIRef:
    """An organisation with the single cv:ContactPoint HealthDCAT-AP requires."""
    node = organisation(graph, ctx.agent(name), name, kind)
    if (node, CV.contactPoint, None) not in graph:
        health_contact(graph, node, email, ctx.url("/"))
    return node


def hdab(graph: Graph, ctx: PublishContext) -> URIRef:
    """The body that decides on access requests (the Bigpicture data access committee)."""
    return health_agent(
        graph, ctx, f"{ctx.publisher_name} Data Access Committee", ctx.contact_email
    )


def counts(graph: Graph, node: URIRef, facts: DatasetFacts) -> None:
    """Numbers of records (images) and unique individuals, typical ages."""
    individuals = facts.biological_being_count or facts.case_count
    for prop, value in (
        (HEALTHDCATAP.numberOfRecords, facts.image_count),
        (HEALTHDCATAP.numberOfUniqueIndividuals, individuals),
        (HEALTHDCATAP.minTypicalAge, facts.age_min_years),
        (HEALTHDCATAP.maxTypicalAge, facts.age_max_years),
    ):
        if value is not None:
            graph.add((node, prop, Literal(value, datatype=XSD.nonNegativeInteger)))


def coding(graph: Graph, node: URIRef, facts: DatasetFacts) -> None:
    """SNOMED CT as coding system, and the codes used as healthdcatap:hasCodeValues."""
    resources.add_terms(graph, node, HEALTHDCATAP.hasCodingSystem, authority.SNOMED_CT)
    coded = facts.organs + facts.diagnoses + facts.stains + facts.species
    for code in sorted({c.code for c in coded if c.scheme == "SCT" and c.code}):
        graph.add((node, HEALTHDCATAP.hasCodeValues, Literal("SCTID:" + code)))


def health_themes(facts: DatasetFacts) -> tuple[authority.Term, ...]:
    """Health themes the diagnoses fall under."""
    labels = " ".join(c.label for c in facts.diagnoses + facts.diagnosis_groups)
    return (authority.CANCER,) if CANCER_WORDS.search(labels) else ()


def personal_data(facts: DatasetFacts) -> tuple[authority.Term, ...]:
    """Categories of (pseudonymised) personal data the dataset holds."""
    found = [authority.HEALTH_DATA]
    if facts.age_min_years is not None or facts.age_max_years is not None:
        found.append(authority.AGE_DATA)
    if facts.sexes:
        found.append(authority.GENDER_DATA)
    return tuple(found)


def population(facts: DatasetFacts) -> str:
    """A sentence on the population the dataset covers."""
    organs = ", ".join(c.label for c in facts.organs) or "various organs"
    who = ", ".join(c.label for c in facts.species) or "unspecified species"
    return f"{facts.case_count} cases ({who}); tissue from {organs}."


def health_properties(graph: Graph, node: URIRef, facts: DatasetFacts) -> None:
    """The HealthDCAT-AP dataset properties that have no DCAT-AP counterpart."""
    resources.add_terms(graph, node, HEALTHDCATAP.healthCategory, authority.BIOBANK_DATA)
    resources.add_terms(graph, node, HEALTHDCATAP.healthTheme, *health_themes(facts))
    resources.add_terms(graph, node, DCTERMS.conformsTo, authority.DICOM)
    resources.add_terms(graph, node, DPV.hasPersonalData, *personal_data(facts))
    resources.add_terms(graph, node, DPV.hasPurpose, authority.RESEARCH_PURPOSE)
    resources.add_terms(graph, node, DCTERMS.type, DATASET_TYPE)
    resources.add_terms(graph, node, DCATAP.applicableLegislation, authority.EHDS, authority.GDPR)
    graph.add((node, HEALTHDCATAP.hasStructuredData, Literal(False)))
    graph.add((node, HEALTHDCATAP.populationCoverage, Literal(population(facts), lang="en")))
    counts(graph, node, facts)
    coding(graph, node, facts)


def agents(graph: Graph, node: URIRef, facts: DatasetFacts, ctx: PublishContext) -> None:
    """Publisher, access body, custodian (the node) and contact point."""
    graph.add(
        (node, DCTERMS.publisher, health_agent(graph, ctx, ctx.publisher_name, ctx.contact_email))
    )
    graph.add((node, HEALTHDCATAP.hdab, hdab(graph, ctx)))
    email = facts.contact_email or ctx.contact_email
    holder = facts.organisation or (f"Bigpicture {facts.node} node" if facts.node else "")
    if holder:
        custodian = health_agent(graph, ctx, holder, email, kind=None)  # its kind is not known
        graph.add((node, GEODCATAP.custodian, custodian))
    name = holder or ctx.publisher_name
    graph.add(
        (node, DCAT.contactPoint, contact_point(graph, name, email, ctx.landing_page(facts.id)))
    )


def describe_dataset(graph: Graph, facts: DatasetFacts, ctx: PublishContext) -> URIRef:
    """Add one dataset version, its distribution and its agents to ``graph``."""
    node = dataset_core(graph, facts, ctx)
    health_properties(graph, node, facts)
    agents(graph, node, facts, ctx)
    dist = resources.distribution(graph, facts, ctx)
    resources.add_terms(graph, dist, DCATAP.applicableLegislation, authority.EHDS, authority.GDPR)
    graph.add((node, DCAT.distribution, dist))
    return node
