"""Text keys for matching free text to terms: case, accents, British/American spelling, plurals.

Both the terms and the query go through :func:`tokens`, so a rule only has to map the two
spellings onto one key ("naevus" and "nevus" -> "nevus"; "tumours" and "tumor" -> "tumor";
"haematoxylin" -> "hematoxylin"; "oesophagus" -> "esophagus"; "lymph nodes" -> "lymph node").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"[a-z0-9]+")
#: Plurals no suffix rule gets right (Latin and Greek forms common in pathology).
_IRREGULAR = {
    "naevi": "nevus", "nevi": "nevus", "bronchi": "bronchus", "nuclei": "nucleus",
    "fungi": "fungus", "carcinomata": "carcinoma", "sarcomata": "sarcoma",
    "lymphomata": "lymphoma", "metastases": "metastasis", "diagnoses": "diagnosis",
    "analyses": "analysis", "mitoses": "mitosis", "necroses": "necrosis", "criteria": "criterion",
    "glomeruli": "glomerulus", "alveoli": "alveolus", "calculi": "calculus",
    "bacilli": "bacillus", "tubuli": "tubulus", "mice": "mouse", "teeth": "tooth",
    "feet": "foot", "women": "woman", "men": "man",
}  # fmt: skip
#: Word endings, British -> American (applied after the plural ending is removed).
_SUFFIXES = (
    ("isation", "ization"), ("ising", "izing"), ("ised", "ized"), ("ise", "ize"),
    ("yse", "yze"), ("ysed", "yzed"), ("ogue", "og"), ("our", "or"), ("tre", "ter"),
)  # fmt: skip
_KEEP_S = ("ss", "us", "is")


def fold(text: str) -> str:
    """Lower case without accents: 'Sjögren' -> 'sjogren'."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _singular(word: str) -> str:
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("ae") and len(word) > 4:  # vertebrae, fistulae
        return word[:-1]
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(_KEEP_S):
        return word[:-1]
    return word


def _american(word: str) -> str:
    if len(word) <= 4:
        return word
    word = word.replace("ae", "e").replace("oe", "e").replace("sulph", "sulf")
    for british, american in _SUFFIXES:
        if word.endswith(british):
            return word[: -len(british)] + american
    return word


@lru_cache(maxsize=65536)
def normalise_word(word: str) -> str:
    """One folded word to its key: singular, American spelling."""
    return _american(_singular(word))


def tokens(text: str) -> tuple[str, ...]:
    """The word keys of a text, in order."""
    return tuple(normalise_word(word) for word in _WORD.findall(fold(text)))


def key(text: str) -> str:
    """The match key of a whole term: its word keys joined by single spaces."""
    return " ".join(tokens(text))
