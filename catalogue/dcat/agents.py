"""Agents and contact points: DCAT-AP 3.0.1 classes Agent (foaf:Agent) and Kind (vcard:Kind),
and the HealthDCAT-AP Release 8 contact point of health agents (cv:ContactPoint)."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF

from bigpicture.catalogue.dcat.authority import Term, declare
from bigpicture.catalogue.dcat.namespaces import CV, VCARD
from bigpicture.catalogue.facts import Person


def organisation(graph: Graph, iri: str, name: str, kind: Term | None = None) -> URIRef:
    """A foaf:Organization with its name and, when known, its publisher type."""
    node = URIRef(iri)
    graph.add((node, RDF.type, FOAF.Agent))
    graph.add((node, RDF.type, FOAF.Organization))
    graph.add((node, FOAF.name, Literal(name)))
    if kind is not None:
        graph.add((node, DCTERMS.type, declare(graph, kind)))
    return node


def health_contact(graph: Graph, agent: URIRef, email: str, page: str) -> BNode:
    """The one cv:ContactPoint HealthDCAT-AP requires of publishers, HDABs and custodians."""
    point = BNode()
    graph.add((agent, CV.contactPoint, point))
    graph.add((point, RDF.type, CV.ContactPoint))
    if email:
        graph.add((point, CV.email, Literal(email)))
    graph.add((point, CV.contactPage, URIRef(page)))
    return point


def contact_point(graph: Graph, name: str, email: str, page: str) -> BNode:
    """A vcard:Organization contact point (dcat:contactPoint) with e-mail or web page."""
    node = BNode()
    graph.add((node, RDF.type, VCARD.Kind))
    graph.add((node, RDF.type, VCARD.Organization))
    graph.add((node, VCARD.fn, Literal(name)))
    if email:
        graph.add((node, VCARD.hasEmail, URIRef("mailto:" + email)))
    else:
        graph.add((node, VCARD.hasURL, URIRef(page)))
    return node


def person(graph: Graph, who: Person) -> URIRef | BNode:
    """A creator as foaf:Person (its ORCID iD as IRI when known)."""
    node: URIRef | BNode = URIRef(orcid_iri(who.orcid)) if who.orcid else BNode()
    graph.add((node, RDF.type, FOAF.Agent))
    graph.add((node, RDF.type, FOAF.Person))
    graph.add((node, FOAF.name, Literal(who.name)))
    return node


def orcid_iri(orcid: str) -> str:
    """An ORCID iD as its https IRI, whether given bare or as a URL."""
    return orcid if orcid.startswith("http") else "https://orcid.org/" + orcid
