"""What the catalogue knows about one dataset version, in plain Python.

``DatasetFacts`` is the hand-over between the RDF store and everything that shows or indexes a
dataset: landing pages, DataCite and DCAT exports, and search documents. It is read from the
store (the model RDF of the submission plus the DICOM technical metadata of its images), never
from the XML directly, so every consumer sees the same numbers. ``ImageFacts`` serves the
slide-level questions of search ("Ki-67 slides of lymph nodes").
"""

from __future__ import annotations

from dataclasses import dataclass, field

SNOMED_IRI = "http://snomed.info/id/"


@dataclass(frozen=True, order=True)
class Concept:
    """A coded value: a SNOMED CT concept, a DUO term, a project group or free text."""

    code: str
    """The code (``39607008``, ``DUO:0000007``, ``BP-GROUP:benign-melanocytic``); free text: ''."""
    scheme: str
    """Normalised scheme: ``SCT``, ``DUO``, ``BP-GROUP``, ``DCM``, ``TEXT`` …"""
    label: str
    """Preferred label (the vocabulary's, else the submission's MEANING, else the text)."""

    @property
    def iri(self) -> str | None:
        """A resolvable IRI for the concept, when the scheme has one."""
        if self.scheme == "SCT" and self.code:
            return SNOMED_IRI + self.code
        if self.scheme == "DUO" and self.code:
            return "http://purl.obolibrary.org/obo/" + self.code.replace(":", "_")
        return None


@dataclass(frozen=True)
class Person:
    """A creator or contact of a dataset."""

    name: str
    email: str = ""
    affiliation: str = ""
    orcid: str = ""


@dataclass(frozen=True)
class ImageFacts:
    """One image (slide scan) of a dataset version, for slide-level search."""

    id: str
    dataset_id: str
    alias: str
    image_type: str = "WSI_IMAGE"
    organs: tuple[Concept, ...] = ()
    diagnoses: tuple[Concept, ...] = ()
    stains: tuple[Concept, ...] = ()
    species: tuple[Concept, ...] = ()
    sex: str = ""
    scanner: str = ""
    magnification: float | None = None
    size_bytes: int = 0


@dataclass(frozen=True)
class DatasetFacts:
    """One dataset version as the catalogue shows and indexes it."""

    id: str
    """Identifier of this version in the catalogue (``/datasets/<id>``)."""
    dataset_key: str
    """Identifier shared by all versions (the DATASET accession, else its alias)."""
    version: str
    title: str
    short_name: str
    description: str = ""
    doi: str = ""
    status: str = "current"
    """``current``, ``superseded`` (a newer version exists) or ``withdrawn``."""
    node: str = ""
    issued: str = ""
    """ISO date of first publication of this version."""
    modified: str = ""
    year: int | None = None
    organs: tuple[Concept, ...] = ()
    diagnoses: tuple[Concept, ...] = ()
    diagnosis_groups: tuple[Concept, ...] = ()
    stains: tuple[Concept, ...] = ()
    species: tuple[Concept, ...] = ()
    sexes: tuple[str, ...] = ()
    age_min_years: int | None = None
    age_max_years: int | None = None
    specimen_types: tuple[Concept, ...] = ()
    extraction_methods: tuple[Concept, ...] = ()
    fixations: tuple[Concept, ...] = ()
    scanners: tuple[str, ...] = ()
    magnifications: tuple[float, ...] = ()
    case_count: int = 0
    biological_being_count: int = 0
    specimen_count: int = 0
    block_count: int = 0
    slide_count: int = 0
    image_count: int = 0
    annotation_count: int = 0
    observation_count: int = 0
    size_bytes: int = 0
    access: str = "restricted"
    """``open``, ``restricted`` (REMS application) or ``withdrawn``."""
    access_terms: tuple[Concept, ...] = ()
    """DUO terms of the data-use conditions."""
    rems_access_link: str = ""
    licence: str = ""
    """SPDX identifier or licence URL."""
    policy_text: str = ""
    creators: tuple[Person, ...] = ()
    organisation: str = ""
    contact_email: str = ""
    sample_images: tuple[str, ...] = ()
    """File names of the LANDING_PAGE sample images."""
    complements: tuple[str, ...] = ()
    """Identifiers of datasets this one complements."""
    previous_version: str = ""
    next_version: str = ""
    previous_version_doi: str = ""
    next_version_doi: str = ""
    complement_dois: tuple[str, ...] = ()
    """DOIs of the datasets this one complements, where the catalogue knows them."""
    withdrawn_reason: str = ""
    citation: str = ""
    """Formatted citation kept with a withdrawn version (its RDF is gone)."""
    versions: tuple[str, ...] = ()
    """Ids of every version of this dataset, oldest first (this one included)."""
    diagnosis_codes: tuple[Concept, ...] = ()
    """Codes in other schemes given beside the diagnoses (ICD-O, TNM …), as submitted."""
    extra: dict[str, str] = field(default_factory=dict, compare=False)
