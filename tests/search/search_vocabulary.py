"""A small implementation of the vocabulary contract, read from ../shared/vocab-facts.

The search suite runs with it so that its expectations follow from files it can read
(concept labels and the project's is-a / group links), whatever the full vocabulary
service adds later.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class TinyConcept:
    code: str
    label: str
    synonyms: tuple[str, ...] = ()


def _group_label(code: str) -> str:
    return code.split(":", 1)[1].replace("-", " ").capitalize()


class TinyVocabulary:
    """``lookup``, ``search``, ``ancestors``, ``descendants``, ``groups_of`` over the CSVs."""

    def __init__(self, folder: Path) -> None:
        self.concepts: dict[str, TinyConcept] = {}
        with (folder / "snomed_concepts.csv").open(newline="") as handle:
            for row in csv.DictReader(handle):
                terms = [t.strip() for t in row["all_terms_seen"].split("||") if t.strip()]
                self.concepts[row["code"]] = TinyConcept(
                    row["code"], row["preferred_term"], tuple(terms)
                )
        self.parents: dict[str, list[str]] = {}
        with (folder / "snomed_isa.csv").open(newline="") as handle:
            for row in csv.DictReader(handle):
                self.parents.setdefault(row["child"], []).append(row["parent"])
                for code in (row["child"], row["parent"]):
                    if code.startswith("BP-GROUP:") and code not in self.concepts:
                        self.concepts[code] = TinyConcept(code, _group_label(code))

    def lookup(self, code: str, scheme: str = "SCT") -> TinyConcept | None:
        return self.concepts.get(code)

    def search(self, text: str) -> list[TinyConcept]:
        key = text.casefold()
        return [
            c
            for c in self.concepts.values()
            if any(key in term.casefold() for term in (c.label, *c.synonyms))
        ]

    def ancestors(self, code: str) -> list[str]:
        found: list[str] = []
        todo = list(self.parents.get(code, ()))
        while todo:
            parent = todo.pop()
            if parent not in found:
                found.append(parent)
                todo.extend(self.parents.get(parent, ()))
        return found

    def descendants(self, code: str) -> list[str]:
        return [child for child in self.parents if code in self.ancestors(child)]

    def groups_of(self, code: str) -> list[str]:
        return [c for c in self.ancestors(code) if c.startswith("BP-GROUP:")]
