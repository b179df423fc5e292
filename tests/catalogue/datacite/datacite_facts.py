"""A fully populated DatasetFacts for the DataCite tests."""

from __future__ import annotations

from bigpicture.catalogue.facts import Concept, DatasetFacts, Person


def lung_facts(**changes: object) -> DatasetFacts:
    """A second version of a lung adenocarcinoma dataset with every field DataCite uses."""
    values: dict[str, object] = dict(
        id="BP_LUNG-v2",
        dataset_key="BP_LUNG",
        version="2",
        title="Lung adenocarcinoma whole slide images",
        short_name="BP_LUNG",
        description="H&E and TTF-1 slides of lung adenocarcinoma resections & biopsies.",
        doi="10.99999/bp.bp_lung.v2",
        issued="2026-11-27",
        year=2026,
        organs=(Concept("39607008", "SCT", "Lung structure"),),
        diagnoses=(Concept("254626006", "SCT", "Adenocarcinoma of lung"),),
        diagnosis_groups=(Concept("BP-GROUP:lung-cancer", "BP-GROUP", "Lung cancer"),),
        stains=(Concept("104210008", "SCT", "Hematoxylin and eosin stain method"),),
        species=(Concept("337915000", "SCT", "Homo sapiens"),),
        case_count=2,
        slide_count=4,
        image_count=4,
        size_bytes=12_500_000_000,
        licence="CC-BY-NC-4.0",
        access_terms=(Concept("DUO:0000007", "DUO", "disease specific research"),),
        rems_access_link="https://rems.example.org/application?items=7",
        creators=(Person("Doe, Jane", orcid="0000-0001-5727-2427", affiliation="Uppsala"),),
        organisation="Example University Hospital",
        previous_version="BP_LUNG-v1",
        previous_version_doi="10.99999/bp.bp_lung.v1",
        complement_dois=("10.99999/bp.bp_lung_ihc.v1",),
    )
    values.update(changes)
    return DatasetFacts(**values)  # type: ignore[arg-type]
