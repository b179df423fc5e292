"""Match keys: case, accents, British/American spelling and plurals map to one key."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

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


@given(
    st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12), min_size=1)
)
def test_keys_ignore_case_accents_and_spacing(words: list[str]) -> None:
    text = " ".join(words)
    assert key(text.upper()) == key(text)
    assert key("  " + "  -  ".join(words) + " ") == key(text)
    accented = text.replace("e", "é").replace("a", "à")
    assert key(accented) == key(text)
