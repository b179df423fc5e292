"""A small catalogue of dataset versions and images for the search suite."""

from __future__ import annotations

from bigpicture.catalogue.facts import Concept, DatasetFacts, ImageFacts


def sct(code: str, label: str) -> Concept:
    return Concept(code, "SCT", label)


SKIN = sct("39937001", "Skin structure")
LUNG = sct("39607008", "Lung structure")
BREAST = sct("76752008", "Breast structure")
AXILLARY_NODE = sct("68171009", "Axillary lymph node structure")
LIVER = sct("10200004", "Liver structure")
COMPOUND_NEVUS = sct("49409001", "Compound nevus")
DYSPLASTIC_NEVUS = sct("61814002", "Dysplastic nevus")
MELANOMA = sct("1162635006", "Malignant melanoma")
BCC = sct("1338007", "Basal cell carcinoma")
LUNG_ADC = sct("254626006", "Adenocarcinoma of lung")
DUCT_CARCINOMA = sct("408643008", "Infiltrating duct carcinoma of breast")
HCC = sct("25370001", "Hepatocellular carcinoma")
HE = sct("12710003", "hematoxylin stain")
EOSIN = sct("36879007", "water soluble eosin stain")
KI67 = Concept("", "TEXT", "Ki-67")
HUMAN = sct("337915000", "Homo sapiens")
MOUSE = sct("447612001", "Mus musculus")


def dataset(
    id: str,
    title: str,
    short_name: str,
    *,
    organs,
    diagnoses,
    stains=(HE,),
    species=(HUMAN,),
    node="Uppsala",
    year=2024,
    issued="2024-05-01",
    status="current",
    access="restricted",
    description="",
    sexes=("female", "male"),
    scanners=("Hamamatsu NanoZoomer S360",),
    magnifications=(40.0,),
    images=2,
    doi: str | None = None,
    key: str | None = None,
) -> DatasetFacts:
    return DatasetFacts(
        id=id,
        dataset_key=key or id.split("-v")[0],
        version=id.rsplit("-v", 1)[-1],
        title=title,
        short_name=short_name,
        description=description,
        doi=f"10.99999/{id}" if doi is None else doi,
        status=status,
        node=node,
        issued=issued,
        year=year,
        organs=tuple(organs),
        diagnoses=tuple(diagnoses),
        stains=tuple(stains),
        species=tuple(species),
        sexes=tuple(sexes),
        scanners=tuple(scanners),
        magnifications=tuple(magnifications),
        image_count=images,
        case_count=images,
        access=access,
    )


DATASETS: tuple[DatasetFacts, ...] = (
    dataset(
        "SKIN-NEVI-v1",
        "Benign naevi of the back",
        "BP_SKIN_NEVI",
        organs=[SKIN],
        diagnoses=[COMPOUND_NEVUS],
        node="Leiden",
        year=2023,
        issued="2023-02-10",
        access="open",
        images=3,
    ),
    dataset(
        "SKIN-DYSP-v1",
        "Atypical pigmented lesions",
        "BP_SKIN_DYSP",
        organs=[SKIN],
        diagnoses=[DYSPLASTIC_NEVUS, MELANOMA],
        node="Leiden",
        year=2024,
        issued="2024-09-01",
        stains=[HE, EOSIN],
    ),
    dataset(
        "SKIN-BCC-v1",
        "Basal cell carcinoma excisions",
        "BP_SKIN_BCC",
        organs=[SKIN],
        diagnoses=[BCC],
        node="Nijmegen",
        year=2025,
        issued="2025-01-15",
    ),
    dataset(
        "LUNG-ADC-v2",
        "Lung adenocarcinoma resections",
        "BP_LUNG_ADC",
        organs=[LUNG],
        diagnoses=[LUNG_ADC],
        node="Uppsala",
        year=2025,
        issued="2025-06-30",
        description="Resections scanned at two magnifications.",
        magnifications=(20.0, 40.0),
        images=4,
    ),
    dataset(
        "BREAST-NODES-v1",
        "Breast cancer with axillary lymph nodes",
        "BP_BREAST_LN",
        organs=[BREAST, AXILLARY_NODE],
        diagnoses=[DUCT_CARCINOMA],
        stains=[HE, KI67],
        node="Uppsala",
        year=2024,
        issued="2024-11-11",
        sexes=("female",),
        images=4,
    ),
    dataset(
        "MOUSE-LIVER-v1",
        "Mouse liver toxicity study",
        "BP_MOUSE_LIVER",
        organs=[LIVER],
        diagnoses=[HCC],
        species=[MOUSE],
        node="Basel",
        year=2022,
        issued="2022-03-03",
        description="Lung metastases were not examined.",
        scanners=("Leica Aperio GT 450",),
        magnifications=(20.0,),
    ),
)

SUPERSEDED = dataset(
    "LUNG-ADC-v1",
    "Lung adenocarcinoma resections (first version)",
    "BP_LUNG_ADC",
    organs=[LUNG],
    diagnoses=[LUNG_ADC],
    status="superseded",
    year=2024,
    issued="2024-01-01",
)


def images_of(facts: DatasetFacts) -> tuple[ImageFacts, ...]:
    """Images of a dataset: one per stain, cycling through its organs and diagnoses."""
    images = []
    for i in range(facts.image_count):
        stain = facts.stains[i % len(facts.stains)]
        images.append(
            ImageFacts(
                id=f"{facts.id}/IMG_{i}",
                dataset_id=facts.id,
                alias=f"IMG_{i}",
                organs=(facts.organs[i % len(facts.organs)],),
                diagnoses=(facts.diagnoses[i % len(facts.diagnoses)],),
                stains=(stain,),
                species=facts.species,
                sex=facts.sexes[i % len(facts.sexes)],
                scanner=facts.scanners[0],
                magnification=facts.magnifications[0],
            )
        )
    return tuple(images)


#: 14 images in two kinds: even ones H&E of female patients, odd ones Ki-67 of male ones.
ALIKE = dataset(
    "LIVER-HCC-v1",
    "Hepatocellular carcinoma resections",
    "BP_LIVER_HCC",
    organs=[LIVER],
    diagnoses=[HCC],
    stains=(HE, KI67),
    images=14,
)
