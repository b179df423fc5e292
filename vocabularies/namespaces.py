"""IRIs of the shipped vocabularies (SKOS, W3C Recommendation 2009; OBO PURLs for DUO)."""

from __future__ import annotations

SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
DCTERMS = "http://purl.org/dc/terms/"
#: Terms of the project's vocabulary files (properties, groupings, concept schemes).
BPV = "https://w3id.org/bigpicture/vocab/"
SCT = "http://snomed.info/id/"
DCM = "http://dicom.nema.org/resources/ontology/DCM/"
OBO = "http://purl.obolibrary.org/obo/"

PREFIXES: dict[str, str] = {
    "bpv": BPV,
    "dcm": DCM,
    "dcterms": DCTERMS,
    "obo": OBO,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "sct": SCT,
    "skos": SKOS,
}

#: Short scheme name -> IRI of its skos:ConceptScheme in the shipped files.
SCHEME_IRIS: dict[str, str] = {
    "SCT": BPV + "scheme/SCT",
    "DCM": BPV + "scheme/DCM",
    "DUO": BPV + "scheme/DUO",
    "BP": BPV + "scheme/BP",
    "TEXT": BPV + "scheme/TEXT",
}


def project_iri(code: str) -> str:
    """IRI of a project concept: ``BP-GROUP:x`` -> bpv:group/x (``BP-DIAGNOSIS``: diagnosis/x)."""
    kind, _, slug = code.partition(":")
    return f"{BPV}{kind.removeprefix('BP-').lower()}/{slug}"


def text_iri(text: str) -> str:
    """IRI of a substance known only by its text (no code), e.g. an IHC antibody."""
    slug = "".join(ch if ch.isalnum() else "-" for ch in text.lower()).strip("-")
    while "--" in slug:
        slug = slug.replace("--", "-")
    return f"{BPV}text/{slug}"
