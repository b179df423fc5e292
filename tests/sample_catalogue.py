"""A realistic small catalogue as ``DatasetFacts``, for the publishing tests.

Five dataset versions from three nodes: a lung adenocarcinoma dataset in two versions (the first
superseded), a skin dataset that complements it, a kidney dataset with an open licence, and a
withdrawn one. Values follow the MetaFleX example submission and the Bigpicture dataset table.
"""

from __future__ import annotations

from bigpicture.catalogue.facts import Concept, DatasetFacts, Person

LUNG = Concept("39607008", "SCT", "Lung structure")
SKIN = Concept("39937001", "SCT", "Skin structure")
KIDNEY = Concept("64033007", "SCT", "Kidney structure")
ADENOCARCINOMA = Concept("254626006", "SCT", "Adenocarcinoma of lung")
NEVUS = Concept("400096001", "SCT", "Melanocytic naevus")
MELANOMA = Concept("372244006", "SCT", "Malignant melanoma")
NEPHROPATHY = Concept("236403004", "SCT", "IgA nephropathy")
HE = Concept("12710003", "SCT", "Hematoxylin and eosin stain")
KI67 = Concept("406512008", "SCT", "Ki-67 immunohistochemical stain")
PAS = Concept("104210008", "SCT", "Periodic acid Schiff stain")
HUMAN = Concept("337915000", "SCT", "Homo sapiens")
LUNG_GROUP = Concept("BP-GROUP:lung-cancer", "BP-GROUP", "Lung cancer")
MELANOCYTIC = Concept("BP-GROUP:melanocytic", "BP-GROUP", "Melanocytic lesions")
KIDNEY_GROUP = Concept("BP-GROUP:glomerular", "BP-GROUP", "Glomerular disease")
DUO_GRU = Concept("DUO:0000042", "DUO", "general research use")
DUO_NPU = Concept("DUO:0000045", "DUO", "not for profit organisation use only")
DUO_PUB = Concept("DUO:0000019", "DUO", "publication required")

ALICE = Person("Alice Andersson", "alice@example.org", "Uppsala University", "0000-0002-1825-0097")
BRUNO = Person("Bruno Bianchi", "", "Radboud University Medical Center")


def lung(version: str, **changes: object) -> DatasetFacts:
    """The lung adenocarcinoma dataset in ``version``."""
    values: dict[str, object] = dict(
        id=f"BP_LUNG_ADC-{version}",
        dataset_key="BP_LUNG_ADC",
        version=version,
        title="Lung adenocarcinoma whole-slide images with immunohistochemistry",
        short_name="LUNG-ADC",
        description="Resection specimens of primary lung adenocarcinoma, stained with H&E "
        "and Ki-67, scanned at 40x.",
        doi=f"10.99999/bp.lung-adc.{version}",
        node="Uppsala",
        issued="2026-03-01",
        modified="2026-03-01",
        year=2026,
        organs=(LUNG,),
        diagnoses=(ADENOCARCINOMA,),
        diagnosis_groups=(LUNG_GROUP,),
        stains=(HE, KI67),
        species=(HUMAN,),
        sexes=("female", "male"),
        age_min_years=41,
        age_max_years=83,
        scanners=("Hamamatsu NanoZoomer S360", "Leica Aperio GT 450"),
        magnifications=(20.0, 40.0),
        case_count=120,
        biological_being_count=118,
        specimen_count=130,
        block_count=240,
        slide_count=480,
        image_count=480,
        annotation_count=35,
        size_bytes=1_250_000_000_000,
        access="restricted",
        access_terms=(DUO_GRU, DUO_NPU, DUO_PUB),
        rems_access_link="https://rems.example.org/application?items=urn:bp:lung-adc",
        licence="CC-BY-NC-4.0",
        policy_text="Data are available for non-commercial research after a data access request.",
        creators=(ALICE, BRUNO),
        organisation="Uppsala University",
        contact_email="lung@example.org",
        sample_images=("overview_he.png", "ki67_hotspot.png"),
    )
    values.update(changes)
    return DatasetFacts(**values)  # type: ignore[arg-type]


def skin() -> DatasetFacts:
    """A skin dataset that complements the lung one (same stains, other organ)."""
    return DatasetFacts(
        id="BP_SKIN_MEL-1",
        dataset_key="BP_SKIN_MEL",
        version="1",
        title="Melanocytic skin lesions",
        short_name="SKIN-MEL",
        description="Excisions of naevi and melanomas from a dermatopathology archive.",
        doi="10.99999/bp.skin-mel.1",
        node="Nijmegen",
        issued="2026-05-10",
        modified="2026-06-01",
        year=2026,
        organs=(SKIN,),
        diagnoses=(NEVUS, MELANOMA),
        diagnosis_groups=(MELANOCYTIC,),
        stains=(HE,),
        species=(HUMAN,),
        sexes=("female",),
        age_min_years=18,
        age_max_years=90,
        scanners=("3DHISTECH Pannoramic 1000",),
        magnifications=(40.0,),
        case_count=300,
        biological_being_count=300,
        slide_count=310,
        image_count=310,
        size_bytes=620_000_000_000,
        access="restricted",
        access_terms=(DUO_GRU,),
        rems_access_link="https://rems.example.org/application?items=urn:bp:skin-mel",
        licence="CC-BY-4.0",
        creators=(BRUNO,),
        organisation="Radboud University Medical Center",
        complements=("BP_LUNG_ADC-2",),
    )


def kidney() -> DatasetFacts:
    """A kidney biopsy dataset, no DOI yet, no contact of its own."""
    return DatasetFacts(
        id="BP_KIDNEY_IGA-1",
        dataset_key="BP_KIDNEY_IGA",
        version="1",
        title="IgA nephropathy kidney biopsies",
        short_name="KIDNEY-IGA",
        node="Oslo",
        issued="2026-08-20",
        year=2026,
        organs=(KIDNEY,),
        diagnoses=(NEPHROPATHY,),
        diagnosis_groups=(KIDNEY_GROUP,),
        stains=(HE, PAS),
        species=(HUMAN,),
        scanners=("Leica Aperio GT 450",),
        magnifications=(40.0,),
        case_count=45,
        slide_count=90,
        image_count=92,
        size_bytes=95_000_000_000,
        access="restricted",
        creators=(Person("Chidi Okafor"),),
    )


def withdrawn() -> DatasetFacts:
    """A dataset withdrawn after publication."""
    return DatasetFacts(
        id="BP_LIVER_X-1",
        dataset_key="BP_LIVER_X",
        version="1",
        title="Liver steatosis",
        short_name="LIVER-X",
        doi="10.99999/bp.liver-x.1",
        node="Oslo",
        issued="2026-02-02",
        year=2026,
        status="withdrawn",
        access="withdrawn",
        withdrawn_reason="Consent for a subset of the cases was revoked.",
        creators=(Person("Dana Dahl"),),
    )


def sample_catalogue() -> list[DatasetFacts]:
    """Every dataset version of the sample catalogue."""
    return [
        lung(
            "1",
            status="superseded",
            next_version="BP_LUNG_ADC-2",
            case_count=100,
            image_count=400,
            slide_count=400,
            doi="10.99999/bp.lung-adc.1",
        ),
        lung(
            "2",
            previous_version="BP_LUNG_ADC-1",
            issued="2026-09-15",
            modified="2026-09-15",
            complements=("BP_SKIN_MEL-1",),
        ),
        skin(),
        kidney(),
        withdrawn(),
    ]
