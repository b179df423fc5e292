"""SNOMED-aware matching: which codes and words a record stands for, and what words mean.

A record is indexed under its own codes and labels *and* those of every ancestor and group
the vocabulary service knows (``ancestors``, ``groups_of``), so a filter or a word that names a
broad concept ("melanocytic lesion", "carcinoma", "lymph node") matches everything below it
without expanding the query. Words are turned into concepts with ``search`` and exact
label/synonym matching (British and American spellings, plurals and "... structure" folded).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Protocol

from bigpicture.catalogue.facts import Concept
from bigpicture.search.facets import normalise


class ConceptSource(Protocol):
    """The part of the vocabulary service (``bigpicture.vocabularies``) that search uses."""

    def lookup(self, code: str, scheme: str = "SCT") -> Any: ...

    def search(self, text: str) -> Any: ...

    def ancestors(self, code: str) -> Any: ...

    def groups_of(self, code: str) -> Any: ...


_SPELLING = ((r"ae", "e"), (r"oe", "e"), (r"our\b", "or"), (r"tumour", "tumor"))
_NOISE = re.compile(
    r"\s*\((disorder|morphologic abnormality|body structure|finding|any|any site)\)$"
)


def fold(text: str) -> str:
    """A spelling-insensitive key: lower case, American spelling, no plural, no tag."""
    key = _NOISE.sub("", normalise(text))
    key = re.sub(r"^structure of |\s+structure$", "", key)
    for pattern, replacement in _SPELLING:
        key = re.sub(pattern, replacement, key)
    words = [word[:-1] if len(word) > 3 and word.endswith("s") else word for word in key.split()]
    return " ".join(words)


def code_of(item: Any) -> str:
    """The code of a vocabulary answer (a string, a concept object or a search match)."""
    if isinstance(item, str):
        return item
    concept = getattr(item, "concept", None)
    return str(getattr(concept, "code", None) or getattr(item, "code", "") or "")


def labels_of(item: Any) -> tuple[str, ...]:
    """Preferred label and synonyms of a vocabulary concept (or match)."""
    concept = getattr(item, "concept", None) or item
    labels = [getattr(concept, name, "") for name in ("label", "preferred_term", "meaning")]
    for name in ("synonyms", "project_terms", "terms", "all_terms"):
        labels.extend(getattr(concept, name, ()) or ())
    return tuple(dict.fromkeys(str(label) for label in labels if label))


def _codes(answer: Any) -> list[str]:
    if not answer:
        return []
    return [code_of(item) for item in answer if code_of(item)]


def broader(vocabulary: ConceptSource | None, code: str) -> list[str]:
    """Codes of every ancestor and group of ``code`` (empty without a vocabulary)."""
    if vocabulary is None or not code:
        return []
    found = _codes(_safe(vocabulary.ancestors, code)) + _codes(_safe(vocabulary.groups_of, code))
    more = [group for ancestor in found for group in _codes(_safe(vocabulary.groups_of, ancestor))]
    return list(dict.fromkeys(found + more))


def _safe(method: Any, *args: Any) -> Any:
    """A vocabulary answer, or nothing for a code it does not know."""
    try:
        return method(*args)
    except (KeyError, LookupError, ValueError):
        return None


def concept_labels(vocabulary: ConceptSource | None, code: str) -> tuple[str, ...]:
    """Labels and synonyms of ``code`` from the vocabulary (empty when unknown)."""
    if vocabulary is None or not code:
        return ()
    scheme = code.split(":", 1)[0] if ":" in code else "SCT"
    found = _safe(vocabulary.lookup, code, scheme) or _safe(vocabulary.lookup, code)
    return labels_of(found) if found else ()


def filter_terms(vocabulary: ConceptSource | None, concepts: Iterable[Concept]) -> list[str]:
    """Normalised codes and labels of concepts and of everything above them."""
    terms: list[str] = []
    for concept in concepts:
        terms += [concept.code, concept.label]
        for code in broader(vocabulary, concept.code):
            terms.append(code)
            terms.extend(concept_labels(vocabulary, code)[:1])
    return list(dict.fromkeys(normalise(term) for term in terms if term))


def concept_words(
    vocabulary: ConceptSource | None, concepts: Iterable[Concept], *, ancestors: bool = True
) -> list[str]:
    """Labels and synonyms of concepts (and of their ancestors), for free-text matching."""
    words: list[str] = []
    for concept in concepts:
        words.append(concept.label)
        words.extend(concept_labels(vocabulary, concept.code))
        for code in broader(vocabulary, concept.code) if ancestors else ():
            words.extend(concept_labels(vocabulary, code))
    return list(dict.fromkeys(word for word in words if word))


def _candidates(vocabulary: ConceptSource, text: str) -> dict[str, tuple[str, ...]]:
    """``code -> labels`` of what the vocabulary finds for ``text`` and its folded form."""
    found: dict[str, tuple[str, ...]] = {}
    for asked in dict.fromkeys([text, fold(text)]):
        for item in _safe(vocabulary.search, asked) or ():
            code = code_of(item)
            if code and code not in found:
                found[code] = labels_of(item) or concept_labels(vocabulary, code)
    return found


def resolve_words(vocabulary: ConceptSource | None, text: str) -> tuple[tuple[str, str], ...]:
    """``(code, label)`` of the concepts ``text`` names.

    A label or synonym equal to the words (spelling folded) wins; otherwise the words name
    every concept whose label ends with them ("naevus": pigmented, compound, dysplastic
    nevus ...), as a pathologist's broad word does.
    """
    if vocabulary is None or len(fold(text)) < 3:
        return ()
    key = fold(text)
    candidates = _candidates(vocabulary, text)
    for matches in (
        lambda label: fold(label) == key,
        lambda label: fold(label).endswith(" " + key),
    ):
        found = {
            code: labels[0]
            for code, labels in candidates.items()
            if labels and any(matches(label) for label in labels)
        }
        if found:
            return tuple(found.items())
    return ()


def resolve_value(vocabulary: ConceptSource | None, value: str) -> tuple[str, ...]:
    """Normalised terms a filter value may be indexed under: itself, or the codes it names."""
    terms = [normalise(value)]
    terms += [normalise(code) for code, _ in resolve_words(vocabulary, value)]
    return tuple(dict.fromkeys(terms))
