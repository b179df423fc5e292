"""Controlled-vocabulary terms the exports use, declared so the export is self-contained.

DCAT-AP 3.0.1 section 5 ("Controlled vocabularies") and the HealthDCAT-AP Release 8 lists
(``hdeu-dcat.data.health.europa.eu/resource/authority/...``) require each coded value to be a
``skos:Concept`` with a ``skos:prefLabel`` that is ``skos:inScheme`` its authority list; harvesters
do not fetch those lists, so every export states, for each term it uses, its label, its scheme
(a titled ``skos:ConceptScheme``) and the classes the range shapes expect.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from bigpicture.catalogue.dcat.namespaces import DPV, DPV_PD, ELI

EU = "http://publications.europa.eu/resource/authority/"
HDEU = "https://hdeu-dcat.data.health.europa.eu/resource/authority/"
ADMS_TYPES = "http://purl.org/adms/"


@dataclass(frozen=True)
class Scheme:
    """An authority list (``skos:ConceptScheme``)."""

    iri: str
    title: str


@dataclass(frozen=True)
class Term:
    """One term of an authority list, with the extra classes its range shapes expect."""

    iri: str
    label: str
    scheme: Scheme | None = None
    classes: tuple[URIRef, ...] = ()


ACCESS_RIGHT = Scheme(EU + "access-right", "Access right")
DATA_THEME = Scheme(EU + "data-theme", "Data theme")
LANGUAGE = Scheme(EU + "language", "Language")
FREQUENCY = Scheme(EU + "frequency", "Frequency")
CONTINENT = Scheme(EU + "continent", "Continent")
AVAILABILITY = Scheme(EU + "planned-availability", "Planned availability")
DISTRIBUTION_STATUS = Scheme(EU + "distribution-status", "Distribution status")
HEALTH_CATEGORY = Scheme(HDEU + "healthcategories", "Health categories")
HEALTH_THEME = Scheme(HDEU + "health-theme", "Health themes")
CODING_SYSTEM = Scheme(HDEU + "coding-system", "Coding Systems")
STANDARD = Scheme(HDEU + "standard", "Standards")
PUBLISHER_TYPE = Scheme(HDEU + "publisher-type", "Publisher types")
ADMS_PUBLISHER_TYPE = Scheme(ADMS_TYPES + "publishertype/1.0", "ADMS publisher type")
LICENCE_TYPE = Scheme(ADMS_TYPES + "licencetype/1.0", "ADMS licence type")

NON_PUBLIC = Term(
    ACCESS_RIGHT.iri + "/NON_PUBLIC", "non-public", ACCESS_RIGHT, (DCTERMS.RightsStatement,)
)
HEAL = Term(DATA_THEME.iri + "/HEAL", "Health", DATA_THEME)
ENGLISH = Term(LANGUAGE.iri + "/ENG", "English", LANGUAGE, (DCTERMS.LinguisticSystem,))
NEVER = Term(FREQUENCY.iri + "/NEVER", "never", FREQUENCY, (DCTERMS.Frequency,))
EUROPE = Term(CONTINENT.iri + "/EUROPE", "Europe", CONTINENT, (DCTERMS.Location,))
STABLE = Term(AVAILABILITY.iri + "/STABLE", "stable", AVAILABILITY)
COMPLETED = Term(DISTRIBUTION_STATUS.iri + "/COMPLETED", "Completed", DISTRIBUTION_STATUS)
BIOBANK_DATA = Term(
    HEALTH_CATEGORY.iri + "/EINS",
    "Health data from biobanks and associated databases",
    HEALTH_CATEGORY,
)
CANCER = Term(HEALTH_THEME.iri + "/CANCER_DISEASE", "Cancer", HEALTH_THEME)
SNOMED_CT = Term(
    CODING_SYSTEM.iri + "/SNOMED-CT",
    "Systematized Nomenclature of Medicine — Clinical Terms",
    CODING_SYSTEM,
    (DCTERMS.Standard,),
)
DICOM = Term(
    STANDARD.iri + "/DICOM",
    "Digital Imaging and Communications in Medicine",
    STANDARD,
    (DCTERMS.Standard,),
)
RESEARCH_INFRASTRUCTURE = Term(
    PUBLISHER_TYPE.iri + "/research-infra", "Research Infrastructures", PUBLISHER_TYPE
)
ACADEMIA = Term(
    ADMS_TYPES + "publishertype/Academia-ScientificOrganisation",
    "Academia/Scientific organisation",
    ADMS_PUBLISHER_TYPE,
)
DICOM_MEDIA_TYPE = Term(
    "https://www.iana.org/assignments/media-types/application/dicom",
    "application/dicom",
    None,
    (DCTERMS.MediaType,),
)
#: Regulation (EU) 2025/327, the European Health Data Space, and the GDPR.
EHDS = Term(
    "http://data.europa.eu/eli/reg/2025/327/oj",
    "Regulation (EU) 2025/327 on the European Health Data Space",
    None,
    (ELI.LegalResource,),
)
GDPR = Term(
    "http://data.europa.eu/eli/reg/2016/679/oj",
    "Regulation (EU) 2016/679 (General Data Protection Regulation)",
    None,
    (ELI.LegalResource,),
)
RESEARCH_PURPOSE = Term(
    DPV + "ResearchAndDevelopment", "Research and development", None, (DPV.Purpose,)
)
HEALTH_DATA = Term(DPV_PD + "HealthRecord", "Health record", None, (DPV.PersonalData,))
AGE_DATA = Term(DPV_PD + "Age", "Age", None, (DPV.PersonalData,))
GENDER_DATA = Term(DPV_PD + "Gender", "Gender", None, (DPV.PersonalData,))

#: ADMS licence types of the SPDX licences datasets use (dct:LicenseDocument dct:type).
LICENCE_TYPES: dict[str, tuple[str, ...]] = {
    "CC0-1.0": ("PublicDomain",),
    "CC-BY-4.0": ("Attribution",),
    "CC-BY-SA-4.0": ("Attribution", "ShareAlike"),
    "CC-BY-NC-4.0": ("Attribution", "NonCommercialUseOnly"),
    "CC-BY-NC-SA-4.0": ("Attribution", "NonCommercialUseOnly", "ShareAlike"),
    "CC-BY-NC-ND-4.0": ("Attribution", "NonCommercialUseOnly", "NoDerivativeWork"),
    "CC-BY-ND-4.0": ("Attribution", "NoDerivativeWork"),
}


#: A rough bounding box and centroid of Europe (WKT, CRS84), for dct:Location.
EUROPE_BBOX = "POLYGON((-25 34,45 34,45 72,-25 72,-25 34))"
EUROPE_CENTROID = "POINT(10 52)"


def licence_type(name: str) -> Term:
    """The ADMS licence-type term ``name`` (``Attribution``, ``PublicDomain`` …)."""
    return Term(ADMS_TYPES + "licencetype/" + name, name, LICENCE_TYPE)


def declare_scheme(graph: Graph, scheme: Scheme) -> URIRef:
    """State that ``scheme`` is a titled concept scheme."""
    node = URIRef(scheme.iri)
    graph.add((node, RDF.type, SKOS.ConceptScheme))
    graph.add((node, DCTERMS.title, Literal(scheme.title, lang="en")))
    return node


def declare(graph: Graph, term: Term) -> URIRef:
    """Add ``term`` (its classes, label and scheme) to ``graph``; return its IRI."""
    node = URIRef(term.iri)
    if term.scheme is not None:
        graph.add((node, RDF.type, SKOS.Concept))
        graph.add((node, SKOS.prefLabel, Literal(term.label, lang="en")))
        graph.add((node, SKOS.inScheme, declare_scheme(graph, term.scheme)))
    else:
        graph.add(
            (
                node,
                DCTERMS.title if ELI.LegalResource in term.classes else SKOS.prefLabel,
                Literal(term.label, lang="en"),
            )
        )
    for kind in term.classes:
        graph.add((node, RDF.type, kind))
    return node
