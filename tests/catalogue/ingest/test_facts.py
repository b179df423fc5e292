"""DatasetFacts and ImageFacts read back from the store match the example submission."""

from __future__ import annotations

from pathlib import Path

import pytest

from bigpicture.catalogue.facts import Concept

EXAMPLE_ID = "BP_LUNG_ADC_EXAMPLE-v1-0"


@pytest.fixture
def ingested(catalogue, submission: Path):
    catalogue.ingest(submission, node="helsinki")
    return catalogue


def test_counts(ingested) -> None:
    facts = ingested.facts(EXAMPLE_ID)
    counts = (
        facts.case_count,
        facts.biological_being_count,
        facts.specimen_count,
        facts.block_count,
        facts.slide_count,
        facts.image_count,
        facts.annotation_count,
        facts.observation_count,
    )
    assert counts == (2, 2, 2, 2, 4, 4, 0, 5)


def test_coded_facts_with_vocabulary_labels(ingested) -> None:
    facts = ingested.facts(EXAMPLE_ID)
    assert facts.organs == (Concept("39607008", "SCT", "Lung structure"),)
    assert {c.code for c in facts.diagnoses} == {"254626006", "254637007"}
    assert {c.code for c in facts.diagnosis_groups} >= {"BP-GROUP:carcinoma"}
    assert all(g.label and g.label != g.code for g in facts.diagnosis_groups)
    assert [c.label for c in facts.stains] == [
        "Hematoxylin and eosin stain method",
        "TTF-1 (NKX2-1)",
    ]
    assert facts.species == (Concept("337915000", "SCT", "Homo sapiens"),)
    assert facts.sexes == ("Female", "Male")
    assert (facts.age_min_years, facts.age_max_years) == (65, 75)
    assert {c.code for c in facts.extraction_methods} == {"173171007", "86273004"}
    assert {c.code for c in facts.fixations} == {"434162003"}


def test_record_and_landing_page_facts(ingested) -> None:
    facts = ingested.facts(EXAMPLE_ID)
    assert facts.title.startswith("Example: whole slide images")
    assert facts.short_name == "BP-LUNG-ADC-EXAMPLE"
    assert (facts.status, facts.node, facts.year) == ("current", "helsinki", int(facts.issued[:4]))
    assert facts.rems_access_link == "https://rems.example.org/application?items=lungex-demo"
    assert facts.sample_images == (
        "LUNGEX_IMG_01_HE_thumbnail.jpg",
        "LUNGEX_IMG_01_TTF1_thumbnail.jpg",
    )
    assert facts.access == "restricted" and facts.versions == (EXAMPLE_ID,)


def test_image_facts_follow_the_references(ingested) -> None:
    images = {image.alias: image for image in ingested.image_facts(EXAMPLE_ID)}
    assert set(images) == {
        "LUNGEX_IMG_01_HE",
        "LUNGEX_IMG_01_TTF1",
        "LUNGEX_IMG_02_HE",
        "LUNGEX_IMG_02_TTF1",
    }
    he, ttf1 = images["LUNGEX_IMG_01_HE"], images["LUNGEX_IMG_02_TTF1"]
    assert [c.label for c in he.stains] == ["Hematoxylin and eosin stain method"]
    assert [c.label for c in ttf1.stains] == ["TTF-1 (NKX2-1)"]
    assert (he.sex, ttf1.sex) == ("Male", "Female")
    assert [c.code for c in he.diagnoses] == ["254626006"]
    assert [c.code for c in ttf1.diagnoses] == ["254637007"]
    assert he.organs[0].label == "Lung structure" and he.dataset_id == EXAMPLE_ID
