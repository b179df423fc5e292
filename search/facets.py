"""The facets of the search API: one name per facet, in the order the page shows them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Facet:
    """One facet: its API name, its label on the page, and whether it holds coded concepts."""

    name: str
    label: str
    coded: bool = False


FACETS: tuple[Facet, ...] = (
    Facet("organ", "Organ", coded=True),
    Facet("diagnosis", "Diagnosis", coded=True),
    Facet("diagnosis_group", "Diagnosis group", coded=True),
    Facet("stain", "Stain", coded=True),
    Facet("species", "Species", coded=True),
    Facet("sex", "Sex"),
    Facet("scanner", "Scanner"),
    Facet("magnification", "Magnification"),
    Facet("node", "Node"),
    Facet("year", "Year"),
    Facet("access", "Access"),
)

#: Facets of coded concepts: a word that names a concept is matched against these.
CONCEPT_FACETS: tuple[str, ...] = ("organ", "diagnosis", "diagnosis_group", "stain", "species")
#: The filter field holding the terms of every concept facet together.
CONCEPT_FIELD = "t_concept"
FACET_NAMES: tuple[str, ...] = tuple(facet.name for facet in FACETS)
BY_NAME: dict[str, Facet] = {facet.name: facet for facet in FACETS}


def facet_field(name: str) -> str:
    """The keyword field counted for a facet (values ``code<TAB>label``)."""
    return "f_" + name


def filter_field(name: str) -> str:
    """The keyword field filtered on (codes, labels and ancestors, normalised)."""
    return "t_" + name


def normalise(value: str) -> str:
    """The form in which filter values are indexed and looked up: trimmed, lower case."""
    return " ".join(value.split()).casefold()


SEPARATOR = "\t"


def facet_term(value: str, label: str) -> str:
    """The indexed facet term of a value and its label."""
    return f"{value}{SEPARATOR}{label or value}"


def split_facet_term(term: str) -> tuple[str, str]:
    """``(value, label)`` of an indexed facet term."""
    value, _, label = str(term).partition(SEPARATOR)
    return value, label or value
