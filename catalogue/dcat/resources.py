"""Shared building blocks of the dataset descriptions: DCAT-AP 3.0.1 section 4.2 (Dataset) and
4.3 (Distribution) properties, each added by one small function that both profiles call."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, GEO, RDF, RDFS, SKOS, XSD

from bigpicture.catalogue.dcat import authority
from bigpicture.catalogue.dcat.agents import person
from bigpicture.catalogue.dcat.authority import Term, declare
from bigpicture.catalogue.dcat.context import PublishContext
from bigpicture.catalogue.dcat.namespaces import ADMS, DCAT, DCATAP
from bigpicture.catalogue.facts import Concept, DatasetFacts

SPDX_LICENCES = "https://spdx.org/licenses/"
SNOMED_SCHEME = "http://snomed.info/sct"


def date_literal(value: str) -> Literal:
    """An ISO date or date-time as a typed literal."""
    return Literal(value, datatype=XSD.dateTime if "T" in value else XSD.date)


def identity(graph: Graph, node: URIRef, facts: DatasetFacts, ctx: PublishContext) -> None:
    """Class, title, description, identifier, version, dates and landing page."""
    graph.add((node, RDF.type, DCAT.Dataset))
    graph.add((node, DCTERMS.title, Literal(facts.title, lang="en")))
    graph.add((node, DCTERMS.description, Literal(facts.description or facts.title, lang="en")))
    graph.add((node, DCTERMS.identifier, Literal(doi_url(facts.doi) if facts.doi else facts.id)))
    if facts.short_name:
        graph.add((node, DCTERMS.alternative, Literal(facts.short_name)))
    graph.add((node, DCAT.version, Literal(facts.version)))
    for prop, value in ((DCTERMS.issued, facts.issued), (DCTERMS.modified, facts.modified)):
        if value:
            graph.add((node, prop, date_literal(value)))
    page = URIRef(ctx.landing_page(facts.id))
    graph.add((node, DCAT.landingPage, page))
    graph.add((page, RDF.type, FOAF.Document))
    if facts.doi:
        resolver = URIRef(doi_url(facts.doi))
        graph.add((node, FOAF.page, resolver))
        graph.add((resolver, RDF.type, FOAF.Document))


def other_identifiers(graph: Graph, node: URIRef, facts: DatasetFacts) -> None:
    """The catalogue identifier as adms:Identifier when the DOI is the primary one."""
    if not facts.doi:
        return
    ident = BNode()
    graph.add((node, ADMS.identifier, ident))
    graph.add((ident, RDF.type, ADMS.Identifier))
    graph.add((ident, SKOS.notation, Literal(facts.id)))


def doi_url(doi: str) -> str:
    """The resolvable form of a DOI."""
    return doi if doi.startswith("http") else "https://doi.org/" + doi


def keywords(graph: Graph, node: URIRef, facts: DatasetFacts) -> None:
    """Organs, diagnoses, stains and species as free-text keywords."""
    concepts = facts.organs + facts.diagnoses + facts.stains + facts.species
    for label in sorted({concept.label for concept in concepts if concept.label}):
        graph.add((node, DCAT.keyword, Literal(label, lang="en")))
    graph.add((node, DCAT.keyword, Literal("whole-slide imaging", lang="en")))


def subjects(graph: Graph, node: URIRef, facts: DatasetFacts) -> None:
    """Coded organs, diagnoses and stains as dct:subject (SNOMED CT concepts)."""
    for concept in facts.organs + facts.diagnoses + facts.stains:
        if concept.scheme == "SCT" and concept.iri:
            graph.add((node, DCTERMS.subject, snomed_concept(graph, concept)))


def snomed_concept(graph: Graph, concept: Concept) -> URIRef:
    """A SNOMED CT concept with its label, in the SNOMED CT scheme."""
    node = URIRef(concept.iri or "")
    graph.add((node, RDF.type, SKOS.Concept))
    graph.add((node, SKOS.prefLabel, Literal(concept.label or concept.code, lang="en")))
    graph.add((node, SKOS.notation, Literal(concept.code)))
    scheme = URIRef(SNOMED_SCHEME)
    graph.add((node, SKOS.inScheme, scheme))
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    graph.add((scheme, DCTERMS.title, Literal("SNOMED CT", lang="en")))
    return node


def spatial(graph: Graph, node: URIRef) -> None:
    """Europe as spatial coverage, with its bounding box and centroid."""
    place = declare(graph, authority.EUROPE)
    graph.add((node, DCTERMS.spatial, place))
    graph.add((place, DCAT.bbox, Literal(authority.EUROPE_BBOX, datatype=GEO.wktLiteral)))
    graph.add((place, DCAT.centroid, Literal(authority.EUROPE_CENTROID, datatype=GEO.wktLiteral)))


def add_terms(graph: Graph, node: URIRef, prop: URIRef, *terms: Term) -> None:
    """``node prop term`` for each term, declaring each term."""
    for term in terms:
        graph.add((node, prop, declare(graph, term)))


def creators(graph: Graph, node: URIRef, facts: DatasetFacts) -> None:
    """The authors as dct:creator."""
    for who in facts.creators:
        graph.add((node, DCTERMS.creator, person(graph, who)))


def versions(graph: Graph, node: URIRef, facts: DatasetFacts, ctx: PublishContext) -> None:
    """Links between the versions of a dataset (DCAT 3 section 11, versioning)."""
    if facts.previous_version:
        previous = URIRef(ctx.dataset(facts.previous_version))
        graph.add((node, DCAT.previousVersion, previous))
        graph.add((node, DCTERMS.relation, previous))
    if facts.next_version:
        following = URIRef(ctx.dataset(facts.next_version))
        graph.add((node, DCTERMS.isReplacedBy, following))
        graph.add((node, DCTERMS.relation, following))


def relations(graph: Graph, node: URIRef, facts: DatasetFacts, ctx: PublishContext) -> None:
    """The datasets this one complements, as dct:relation."""
    for other in facts.complements:
        graph.add((node, DCTERMS.relation, URIRef(ctx.dataset(other))))


def provenance(graph: Graph, node: URIRef, facts: DatasetFacts) -> None:
    """How the description came to be, as a dct:ProvenanceStatement."""
    statement = BNode()
    origin = f" by the {facts.node} node" if facts.node else ""
    text = (
        f"Submitted{origin} as Bigpicture MetaFleX metadata with DICOM whole-slide images; "
        "validated against the MetaFleX schemas and shapes before publication."
    )
    graph.add((node, DCTERMS.provenance, statement))
    graph.add((statement, RDF.type, DCTERMS.ProvenanceStatement))
    graph.add((statement, RDFS.label, Literal(text, lang="en")))


def licence(graph: Graph, facts: DatasetFacts) -> URIRef | None:
    """The licence as a dct:LicenseDocument typed with ADMS licence types, if any."""
    if not facts.licence:
        return None
    iri = facts.licence if "://" in facts.licence else SPDX_LICENCES + facts.licence
    node = URIRef(iri)
    graph.add((node, RDF.type, DCTERMS.LicenseDocument))
    graph.add((node, RDFS.label, Literal(facts.licence)))
    for name in authority.LICENCE_TYPES.get(facts.licence, ()):
        graph.add((node, DCTERMS.type, declare(graph, authority.licence_type(name))))
    return node


def access_url(facts: DatasetFacts, ctx: PublishContext) -> str:
    """Where access to the images is requested: the REMS application, else the landing page."""
    return facts.rems_access_link or ctx.landing_page(facts.id)


def distribution(graph: Graph, facts: DatasetFacts, ctx: PublishContext) -> URIRef:
    """The DICOM whole-slide images of the dataset, reachable after an access request."""
    node = URIRef(ctx.distribution(facts.id))
    graph.add((node, RDF.type, DCAT.Distribution))
    graph.add((node, DCTERMS.title, Literal(f"DICOM images of {facts.title}", lang="en")))
    graph.add((node, DCTERMS.description, Literal(distribution_text(facts), lang="en")))
    graph.add((node, DCAT.accessURL, URIRef(access_url(facts, ctx))))
    if facts.size_bytes:
        graph.add((node, DCAT.byteSize, Literal(facts.size_bytes, datatype=XSD.nonNegativeInteger)))
    add_terms(graph, node, DCAT.mediaType, authority.DICOM_MEDIA_TYPE)
    add_terms(graph, node, DCTERMS.conformsTo, authority.DICOM)
    add_terms(graph, node, DCATAP.availability, authority.STABLE)
    add_terms(graph, node, ADMS.status, authority.COMPLETED)
    licence_node = licence(graph, facts)
    if licence_node is not None:
        graph.add((node, DCTERMS.license, licence_node))
    return node


def distribution_text(facts: DatasetFacts) -> str:
    """One sentence describing the distribution."""
    size = f" ({facts.size_bytes} bytes)" if facts.size_bytes else ""
    return (
        f"{facts.image_count} DICOM whole-slide images{size} with their "
        "MetaFleX metadata; access is granted through a data access request."
    )
