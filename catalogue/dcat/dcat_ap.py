"""The DCAT-AP 3.0.1 mapping of a dataset version (SEMIC DCAT-AP 3.0.1, sections 4.2-4.3)."""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS

from bigpicture.catalogue.dcat import authority, resources
from bigpicture.catalogue.dcat.agents import contact_point, organisation
from bigpicture.catalogue.dcat.context import PublishContext
from bigpicture.catalogue.dcat.namespaces import DCAT
from bigpicture.catalogue.facts import DatasetFacts

CONFORMS_TO = "http://data.europa.eu/r5r/"


def access_right(facts: DatasetFacts) -> authority.Term:
    """PUBLIC for open datasets, NON_PUBLIC for those behind a data access request."""
    if facts.access == "open":
        scheme = authority.ACCESS_RIGHT
        return authority.Term(
            scheme.iri + "/PUBLIC", "public", scheme, authority.NON_PUBLIC.classes
        )
    return authority.NON_PUBLIC


def publisher(graph: Graph, ctx: PublishContext) -> URIRef:
    """The catalogue's publisher (DCAT-AP: foaf:Agent with a name)."""
    return organisation(
        graph, ctx.agent(ctx.publisher_name), ctx.publisher_name, authority.ACADEMIA
    )


def dataset_core(graph: Graph, facts: DatasetFacts, ctx: PublishContext) -> URIRef:
    """The properties of a dataset version that every profile states alike; its node."""
    node = URIRef(ctx.dataset(facts.id))
    resources.identity(graph, node, facts, ctx)
    resources.other_identifiers(graph, node, facts)
    resources.keywords(graph, node, facts)
    resources.subjects(graph, node, facts)
    resources.creators(graph, node, facts)
    resources.versions(graph, node, facts, ctx)
    resources.relations(graph, node, facts, ctx)
    resources.provenance(graph, node, facts)
    resources.add_terms(graph, node, DCAT.theme, authority.HEAL)
    resources.add_terms(graph, node, DCTERMS.accessRights, access_right(facts))
    resources.add_terms(graph, node, DCTERMS.language, authority.ENGLISH)
    resources.spatial(graph, node)
    resources.add_terms(graph, node, DCTERMS.accrualPeriodicity, authority.NEVER)
    return node


def describe_dataset(graph: Graph, facts: DatasetFacts, ctx: PublishContext) -> URIRef:
    """Add one dataset version, its distribution and its agents to ``graph``."""
    node = dataset_core(graph, facts, ctx)
    graph.add((node, DCTERMS.publisher, publisher(graph, ctx)))
    email = facts.contact_email or ctx.contact_email
    name = facts.organisation or ctx.publisher_name
    graph.add(
        (node, DCAT.contactPoint, contact_point(graph, name, email, ctx.landing_page(facts.id)))
    )
    graph.add((node, DCAT.distribution, resources.distribution(graph, facts, ctx)))
    return node
