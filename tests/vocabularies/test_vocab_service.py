"""The vocabulary service on the real shipped vocabularies."""

from __future__ import annotations

import dataclasses

import pytest

from bigpicture.vocabularies import Vocabulary


def codes(concepts) -> list[str]:
    return [concept.code for concept in concepts]


def test_lookup_gives_label_synonyms_category_tag_and_legacy_id(vocabulary: Vocabulary) -> None:
    concept = vocabulary.lookup("59441001")
    assert concept.label == "Structure of lymph node"
    assert "Lymph Node" in concept.synonyms
    assert "Structure of lymph node" not in concept.synonyms
    assert (concept.category, concept.semantic_tag) == ("anatomy", "body structure")
    assert concept.legacy_ids == ("T-C4000",)
    assert "BP-GROUP:lymph-node" in concept.groups


def test_synonyms_come_without_semantic_tags(vocabulary: Vocabulary) -> None:
    concept = vocabulary.lookup("128462008")
    assert "Metastatic malignant neoplasm" in concept.synonyms
    assert not any(s.endswith("(disorder)") for s in concept.synonyms)


def test_concepts_are_frozen(vocabulary: Vocabulary) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        vocabulary.lookup("1338007").label = "changed"  # type: ignore[misc]


@pytest.mark.parametrize("scheme", ["SCT", "SNOMED-CT", "SNOMED CT", "SRT", "snomed"])
def test_lookup_accepts_scheme_spellings(vocabulary: Vocabulary, scheme: str) -> None:
    assert vocabulary.lookup("1338007", scheme).label == "Basal cell carcinoma"


def test_lookup_of_unknown_codes_and_other_schemes(vocabulary: Vocabulary) -> None:
    assert vocabulary.lookup("999999999") is None
    assert vocabulary.lookup("111475", "DCM").label == "Estrogen receptor"
    assert vocabulary.lookup("111475") is None  # a DCM code is not a SNOMED CT code
    assert vocabulary.lookup("Ki-67 (MIB-1)", "TEXT").category == "stain"
    assert vocabulary.lookup("BP-GROUP:nevus").scheme == "BP"


@pytest.mark.parametrize(
    ("name", "expected"),
    [("SCT", ("SCT", False)), ("SNOMED-CT", ("SCT", True)), ("SNOMED CT", ("SCT", True)),
     ("SRT", ("SCT", True)), ("snomed", ("SCT", True)), ("DCM", ("DCM", False)),
     ("DUO", ("DUO", False)), ("UMLS", ("UMLS", False)), ("ICD-O", ("ICD-O", False)),
     ("icd-o-3", ("ICD-O", True)), ("Other", ("Other", False)), ("LOINC-ish", (None, False))],
)  # fmt: skip
def test_normalise_scheme(vocabulary: Vocabulary, name: str, expected) -> None:
    assert vocabulary.normalise_scheme(name) == expected


def test_legacy_snomed_rt_ids_of_the_metaflex_1_mock_up(vocabulary: Vocabulary) -> None:
    assert vocabulary.from_legacy("C-22968").code == "12710003"  # Hematoxylin
    assert vocabulary.from_legacy("c-22921").code == "1346008"  # "Eosin stain": blue shade eosin
    assert vocabulary.from_legacy("C-2141C").code == "434162003"  # "FFPE": NBF only
    assert vocabulary.from_legacy("X-00000") is None


@pytest.mark.parametrize(
    "term", ["DUO:0000044", "DUO_0000044", "http://purl.obolibrary.org/obo/DUO_00000044", "NPOA",
             "npoa"],
)  # fmt: skip
def test_duo_by_id_iri_or_shorthand(vocabulary: Vocabulary, term: str) -> None:
    assert vocabulary.duo(term).label == "population origins or ancestry research prohibited"


def test_duo_hierarchy(vocabulary: Vocabulary) -> None:
    gru = vocabulary.duo("GRU")
    assert {"DUO:0000006", "DUO:0000007"} <= vocabulary.descendants(gru.code)
    assert vocabulary.duo("GRU-CC").obsolete
    assert vocabulary.duo("XYZ") is None


@pytest.mark.parametrize(
    ("text", "first"),
    [("Basal cell carcinoma", "1338007"), ("basal CELL carcinomas", "1338007"),
     ("naevus", "BP-GROUP:nevus"), ("haematoxylin stain", "12710003"), ("tumour", "108369006"),
     ("lymph nodes", "BP-GROUP:lymph-node"), ("melanocytic lesion", "BP-GROUP:melanocytic-lesion"),
     ("H&E", "104210008"), ("1338007", "1338007"), ("C-22968", "12710003"), ("GRU", "DUO:0000042"),
     ("Lung cancer", "93880001"), ("dermatofibroma", "BP-DIAGNOSIS:dermatofibroma")],
)  # fmt: skip
def test_search_puts_the_best_match_first(vocabulary: Vocabulary, text: str, first: str) -> None:
    assert codes(vocabulary.search(text))[0] == first


def test_search_finds_every_concept_holding_the_words(vocabulary: Vocabulary) -> None:
    found = codes(vocabulary.search("naevi"))
    assert {"1163403006", "61814002", "49409001", "112681002", "25201003"} <= set(found)
    assert codes(vocabulary.search("xyzzy")) == []
    assert codes(vocabulary.search("  ")) == []


def test_search_respects_the_limit(vocabulary: Vocabulary) -> None:
    assert len(vocabulary.search("stain", limit=5)) == 5


# -- broad words researchers use, expanded to the narrow codes the datasets carry -----------

BROAD = {
    "melanocytic lesion": {"1162635006", "77986002", "61814002", "1163403006", "49409001"},
    "carcinoma": {"1338007", "1162767002", "254626006", "408643008", "254651007", "1162893000"},
    "lymph node": {"59441001", "68171009", "16051009", "443808008", "181756000"},
    "naevus": {"1163403006", "61814002", "49409001", "112681002", "25201003"},
    "melanoma": {"1162635006", "2092003", "70594002", "77986002", "189758001", "372158004"},
    "cancer": {"254626006", "408643008", "1162635006", "363406005", "254900004"},
    "skin": {"36141000", "60496002"},
    "lung cancer": {"254637007", "254626006", "254634000"},
}


@pytest.mark.parametrize("text", sorted(BROAD))
def test_broad_terms_expand_to_the_coded_concepts(vocabulary: Vocabulary, text: str) -> None:
    expansion = vocabulary.expand(text)
    assert BROAD[text] <= expansion.codes, BROAD[text] - expansion.codes


def test_expansion_keeps_unrelated_codes_out(vocabulary: Vocabulary) -> None:
    melanocytic = vocabulary.expand("melanocytic lesion").codes
    assert "1338007" not in melanocytic  # basal cell carcinoma
    assert "189758001" not in vocabulary.expand("carcinoma").codes  # melanoma in situ
    assert "1163403006" not in vocabulary.expand("melanoma").codes


def test_descendants_of_a_group_include_members_of_its_member_groups(vocabulary) -> None:
    below = vocabulary.descendants("BP-GROUP:melanocytic-lesion")
    assert {"BP-GROUP:benign-melanocytic", "1163403006", "112681002"} <= below
    assert "BP-GROUP:melanocytic-lesion" not in below


def test_descendants_follow_project_links_only(vocabulary: Vocabulary) -> None:
    assert vocabulary.descendants("1187425009") >= {"1338007", "1187332001", "25370001"}
    assert vocabulary.descendants("1338007") == frozenset()  # a leaf in the shipped grouping
    assert vocabulary.descendants("999999999") == frozenset()


def test_ancestors_and_groups_for_facet_roll_up(vocabulary: Vocabulary) -> None:
    assert {"1163403006", "BP-GROUP:melanocytic-lesion"} <= vocabulary.ancestors("61814002")
    assert "BP-GROUP:skin-lesion" in vocabulary.groups_of("61814002")
    assert all(group.startswith("BP-") for group in vocabulary.groups_of("61814002"))
    assert "39937001" in vocabulary.ancestors("36141000")  # skin of cheek part of skin


def test_without_a_release_has_full_snomed_is_false(vocabulary: Vocabulary) -> None:
    assert not vocabulary.has_full_snomed


def test_every_shipped_concept_has_a_code_scheme_and_label(vocabulary: Vocabulary) -> None:
    concepts = vocabulary.concepts()
    assert len(concepts) > 550
    assert all(c.code and c.scheme and c.label for c in concepts)
    categories = {c.category for c in concepts if c.scheme == "SCT"}
    expected = {"diagnosis", "morphology", "anatomy", "stain", "specimen", "procedure",
                "fixative", "species"}  # fmt: skip
    assert expected <= categories
