"""Match keys: case, accents, British/American spelling and plurals map to one key."""

from __future__ import annotations

import pytest

from bigpicture.vocabularies.matching import key

SAME = [
    ("naevus", "nevus"), ("Naevi", "nevus"), ("haematoxylin", "hematoxylin"),
    ("tumour", "tumor"), ("Tumours", "tumor"), ("oesophagus", "esophagus"),
    ("oestrogen receptor", "estrogen receptor"), ("anaemia", "anemia"), ("centre", "center"),
    ("lymph nodes", "Lymph Node"), ("carcinomas", "carcinoma"), ("metastases", "metastasis"),
    ("biopsies", "biopsy"), ("Sjögren", "sjogren"), ("glomeruli", "glomerulus"),
    ("kidneys", "kidney"), ("vertebrae", "vertebra"), ("analyse", "analyze"),
    ("CARCINOMA", "carcinoma"), ("Ziehl–Neelsen", "ziehl neelsen"),
]  # fmt: skip
DIFFERENT = [("nevus", "nerve"), ("carcinoma", "sarcoma"), ("lung", "lunge"), ("colon", "colony")]


@pytest.mark.parametrize(("one", "other"), SAME)
def test_variants_share_a_key(one: str, other: str) -> None:
    assert key(one) == key(other)


@pytest.mark.parametrize(("one", "other"), DIFFERENT)
def test_different_words_keep_different_keys(one: str, other: str) -> None:
    assert key(one) != key(other)


def test_words_that_end_in_s_in_the_singular_keep_it() -> None:
    assert key("nevus") == "nevus"
    assert key("metastasis") == "metastasis"
    assert key("abscess") == "abscess"
