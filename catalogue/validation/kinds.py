"""The MetaFleX 2.0.0 object kinds and reference elements (FORMAT.md sections 2 and 4)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    """One object kind: its XML element, model class and conventional file."""

    element: str
    model_class: str
    schema_file: str
    conventional_file: str

    @property
    def iri_segment(self) -> str:
        """Lower-case element name used in object IRIs (``image/IMG_1``)."""
        return self.element.lower()


def _kinds() -> dict[str, Kind]:
    rows = (
        ("DATASET", "Dataset", "dataset", "METADATA/dataset.xml"),
        ("POLICY", "Policy", "policy", "METADATA/policy.xml"),
        ("BIOLOGICAL_BEING", "BiologicalBeing", "sample", "METADATA/sample.xml"),
        ("CASE", "Case", "sample", "METADATA/sample.xml"),
        ("SPECIMEN", "Specimen", "sample", "METADATA/sample.xml"),
        ("BLOCK", "Block", "sample", "METADATA/sample.xml"),
        ("SLIDE", "Slide", "sample", "METADATA/sample.xml"),
        ("STAINING", "Staining", "staining", "METADATA/staining.xml"),
        ("IMAGE", "Image", "image", "METADATA/image.xml"),
        ("ANNOTATION", "Annotation", "annotation", "METADATA/annotation.xml"),
        ("OBSERVATION", "Observation", "observation", "METADATA/observation.xml"),
        ("OBSERVER", "Observer", "observer", "METADATA/observer.xml"),
        ("LANDING_PAGE", "LandingPage", "landing_page", "LANDING_PAGE/landing_page.xml"),
        ("REMS", "Rems", "rems", "PRIVATE/rems.xml"),
        ("ORGANISATION", "Organisation", "organisation", "PRIVATE/organisation.xml"),
    )
    return {e: Kind(e, c, f"BP.{s}.xsd", f) for e, c, s, f in rows}


#: Object kinds by XML element name.
KINDS: dict[str, Kind] = _kinds()

SAMPLE_KINDS = ("SLIDE", "BLOCK", "SPECIMEN", "CASE", "BIOLOGICAL_BEING")

#: Root elements (X and X_SET) -> schema file.
ROOT_SCHEMAS: dict[str, str] = {
    **{k.element: k.schema_file for k in KINDS.values()},
    **{
        f"{k.element}_SET": k.schema_file
        for k in KINDS.values()
        if k.schema_file != "BP.sample.xsd"
    },
    "SAMPLE_SET": "BP.sample.xsd",
}

#: Reference element -> kinds it may point to (FORMAT.md section 4).
REFERENCE_TARGETS: dict[str, tuple[str, ...]] = {
    "BIOLOGICAL_BEING_REF": ("BIOLOGICAL_BEING",),
    "EXTRACTED_FROM_REF": ("BIOLOGICAL_BEING",),
    "PART_OF_CASE_REF": ("CASE",),
    "SAMPLED_FROM_REF": ("SPECIMEN",),
    "CREATED_FROM_REF": ("BLOCK",),
    "STAINING_INFORMATION_REF": ("STAINING",),
    "IMAGE_OF": SAMPLE_KINDS,
    "IMAGE_REF": ("IMAGE",),
    "ANNOTATION_REF": ("ANNOTATION",),
    "CASE_REF": ("CASE",),
    "SPECIMEN_REF": ("SPECIMEN",),
    "BLOCK_REF": ("BLOCK",),
    "SLIDE_REF": ("SLIDE",),
    "OBSERVER_REF": ("OBSERVER",),
    "OBSERVATION_REF": ("OBSERVATION",),
    "DATASET_REF": ("DATASET",),
    "COMPLEMENTS_DATASET_REF": ("DATASET",),
}

#: Files a complete submission folder is expected to hold (annotation.xml is optional).
EXPECTED_FILES = (
    "METADATA/dataset.xml",
    "METADATA/policy.xml",
    "METADATA/sample.xml",
    "METADATA/staining.xml",
    "METADATA/image.xml",
    "LANDING_PAGE/landing_page.xml",
    "PRIVATE/rems.xml",
    "PRIVATE/organisation.xml",
)
