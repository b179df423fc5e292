"""schema.org ``Dataset`` JSON-LD for a landing page (schema.org/Dataset, with the properties
Google Dataset Search reads: name, description, identifier, creator, license, keywords,
isAccessibleForFree, includedInDataCatalog, distribution with encodingFormat).

The JSON-LD context is inlined (no remote ``@context`` to fetch), so processors that work
offline expand it to the same triples.
"""

from __future__ import annotations

from bigpicture.catalogue.citation import split_name
from bigpicture.catalogue.dcat.agents import orcid_iri
from bigpicture.catalogue.dcat.context import PublishContext
from bigpicture.catalogue.dcat.resources import access_url, doi_url
from bigpicture.catalogue.facts import Concept, DatasetFacts, Person
from bigpicture.catalogue.signposting import licence_url

#: The inlined JSON-LD context: schema.org terms, IRIs where schema.org expects URLs.
CONTEXT: dict[str, object] = {
    "@vocab": "https://schema.org/",
    "url": {"@type": "@id"},
    "sameAs": {"@type": "@id"},
    "license": {"@type": "@id"},
    "contentUrl": {"@type": "@id"},
    "isBasedOn": {"@type": "@id"},
    "isPartOf": {"@type": "@id"},
    "image": {"@type": "@id"},
}
STATUS = {"current": "Published", "superseded": "Superseded", "withdrawn": "Withdrawn"}
IMI = {"@type": "Organization", "name": "Innovative Medicines Initiative 2 Joint Undertaking"}


def person(who: Person) -> dict[str, object]:
    """A creator as schema.org Person."""
    family, given = split_name(who.name)
    node: dict[str, object] = {"@type": "Person", "name": who.name, "familyName": family}
    if given:
        node["givenName"] = given
    if who.orcid:
        node["@id"] = node["identifier"] = orcid_iri(who.orcid)
    if who.affiliation:
        node["affiliation"] = {"@type": "Organization", "name": who.affiliation}
    return node


def defined_term(concept: Concept) -> dict[str, object]:
    """A coded value as schema.org DefinedTerm."""
    node: dict[str, object] = {"@type": "DefinedTerm", "name": concept.label}
    if concept.code:
        node["termCode"] = concept.code
    if concept.iri:
        node["@id"] = concept.iri
    if concept.scheme == "SCT":
        node["inDefinedTermSet"] = "http://snomed.info/sct"
    return node


def distribution(facts: DatasetFacts, ctx: PublishContext) -> dict[str, object]:
    """The DICOM images, reachable after a data access request."""
    node: dict[str, object] = {
        "@type": "DataDownload",
        "name": f"DICOM images of {facts.short_name or facts.title}",
        "encodingFormat": "application/dicom",
        "contentUrl": access_url(facts, ctx),
    }
    if facts.size_bytes:
        node["contentSize"] = f"{facts.size_bytes} B"
    return node


def identifiers(facts: DatasetFacts) -> list[object]:
    """The DOI (as URL and PropertyValue) and the catalogue identifier."""
    found: list[object] = []
    if facts.doi:
        found += [
            doi_url(facts.doi),
            {"@type": "PropertyValue", "propertyID": "DOI", "value": facts.doi},
        ]
    found.append(facts.id)
    return found


def keywords(facts: DatasetFacts) -> list[str]:
    """Organs, diagnoses, groups, stains and species, without repeats."""
    concepts = facts.organs + facts.diagnoses + facts.diagnosis_groups + facts.stains
    return sorted({c.label for c in concepts + facts.species if c.label})


def catalogue(ctx: PublishContext) -> dict[str, object]:
    """The catalogue the dataset is part of."""
    return {"@type": "DataCatalog", "name": f"{ctx.publisher_name} Catalogue", "url": ctx.url("/")}


def dataset(facts: DatasetFacts, ctx: PublishContext) -> dict[str, object]:
    """The schema.org Dataset description of one dataset version, context inlined."""
    node: dict[str, object] = {
        "@context": CONTEXT,
        "@type": "Dataset",
        "@id": ctx.dataset(facts.id),
        "name": facts.title,
        "alternateName": facts.short_name,
        "description": facts.description or facts.title,
        "url": ctx.landing_page(facts.id),
        "identifier": identifiers(facts),
        "version": facts.version,
        "creator": [person(p) for p in facts.creators],
        "publisher": {"@type": "Organization", "name": ctx.publisher_name},
        "funder": IMI,
        "keywords": keywords(facts),
        "about": [defined_term(c) for c in facts.organs + facts.diagnoses],
        "measurementTechnique": ["Whole-slide imaging", *(c.label for c in facts.stains)],
        "isAccessibleForFree": facts.access == "open",
        "conditionsOfAccess": conditions(facts),
        "creativeWorkStatus": STATUS.get(facts.status, facts.status),
        "includedInDataCatalog": catalogue(ctx),
        "distribution": [distribution(facts, ctx)] if facts.status != "withdrawn" else [],
    }
    optional = {
        "sameAs": doi_url(facts.doi) if facts.doi else "",
        "license": licence_url(facts),
        "datePublished": facts.issued,
        "dateModified": facts.modified,
        "isBasedOn": ctx.dataset(facts.previous_version) if facts.previous_version else "",
    }
    node.update({key: value for key, value in optional.items() if value})
    return node


def conditions(facts: DatasetFacts) -> str:
    """Access conditions in words: DUO terms, policy and how to apply."""
    parts = [facts.policy_text] if facts.policy_text else []
    if facts.access_terms:
        parts.append("Data use conditions: " + "; ".join(t.label for t in facts.access_terms) + ".")
    if facts.rems_access_link:
        parts.append(f"Apply for access at {facts.rems_access_link}.")
    return " ".join(parts) or "Access is granted through a data access request."
