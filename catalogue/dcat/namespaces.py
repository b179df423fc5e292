"""RDF namespaces of DCAT-AP 3.0.1 (section 2, "Used prefixes") and HealthDCAT-AP Release 8."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, RDFS, SKOS, XSD

ADMS = Namespace("http://www.w3.org/ns/adms#")
#: DCAT 3 (rdflib's closed DCAT namespace lacks version and previousVersion).
DCAT = Namespace("http://www.w3.org/ns/dcat#")
CV = Namespace("http://data.europa.eu/m8g/")
DCATAP = Namespace("http://data.europa.eu/r5r/")
DPV = Namespace("https://w3id.org/dpv#")
DPV_PD = Namespace("https://w3id.org/dpv/dpv-pd#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
GEODCATAP = Namespace("http://data.europa.eu/930/")
HEALTHDCATAP = Namespace("http://healthdataportal.eu/ns/health#")
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
BP = Namespace("https://w3id.org/bigpicture/metaflex/")

#: Prefixes bound on every graph this package writes (readable Turtle, compact JSON-LD).
PREFIXES: dict[str, Namespace] = {
    "adms": ADMS,
    "bp": BP,
    "cv": CV,
    "dcat": DCAT,
    "dcatap": DCATAP,
    "dct": DCTERMS,
    "dpv": DPV,
    "dpv-pd": DPV_PD,
    "eli": ELI,
    "foaf": FOAF,
    "geodcatap": GEODCATAP,
    "healthdcatap": HEALTHDCATAP,
    "hydra": HYDRA,
    "prov": PROV,
    "skos": SKOS,
    "vcard": VCARD,
    "xsd": XSD,
}

__all__ = [
    "ADMS",
    "BP",
    "CV",
    "DCAT",
    "DCATAP",
    "DCTERMS",
    "DPV",
    "DPV_PD",
    "ELI",
    "FOAF",
    "GEODCATAP",
    "HEALTHDCATAP",
    "HYDRA",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SKOS",
    "VCARD",
    "XSD",
]
