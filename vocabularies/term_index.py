"""An in-memory index of terms by match key and by word key (for the shipped vocabularies)."""

from __future__ import annotations

from collections import defaultdict

from bigpicture.vocabularies.matching import key, tokens


class TermIndex:
    """Terms of concepts: whole-term keys (exact) and word keys (all words present)."""

    def __init__(self) -> None:
        self._exact: dict[str, dict[str, bool]] = defaultdict(dict)
        self._words: dict[str, set[str]] = defaultdict(set)

    def add(self, ref: str, term: str, is_label: bool) -> None:
        """Index one term of the concept ``ref``."""
        whole = key(term)
        if not whole:
            return
        self._exact[whole][ref] = self._exact[whole].get(ref, False) or is_label
        for word in whole.split():
            self._words[word].add(ref)

    def exact(self, text: str) -> dict[str, bool]:
        """Concepts with a term equal to ``text`` (normalised) -> whether it is the label."""
        return dict(self._exact.get(key(text), {}))

    def containing(self, text: str) -> set[str]:
        """Concepts with terms that together hold every word of ``text``."""
        words = tokens(text)
        if not words:
            return set()
        sets = sorted((self._words.get(word, set()) for word in set(words)), key=len)
        return set.intersection(*sets) if sets[0] else set()
