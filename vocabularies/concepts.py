"""What the vocabulary service hands out: frozen concepts and expansions (SKOS Concept)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Concept:
    """One concept of a shipped vocabulary or of a loaded SNOMED CT release.

    ``code`` is the code as written in metadata: bare for SNOMED CT and DICOM (``1338007``),
    prefixed for DUO (``DUO:0000042``) and the project's groupings (``BP-GROUP:nevus``).
    """

    code: str
    scheme: str
    label: str
    synonyms: tuple[str, ...] = ()
    category: str = ""
    semantic_tag: str = ""
    legacy_ids: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    definition: str = ""
    shorthand: str = ""
    project_terms: tuple[str, ...] = ()
    """Abbreviations and common names added by the project (searchable, not SNOMED terms)."""
    obsolete: bool = False
    active: bool = True
    iri: str = ""
    origin: str = "shipped"
    """``shipped`` (vocabularies/*.ttl) or ``snomed-release`` (loaded RF2 only)."""

    @property
    def is_group(self) -> bool:
        """True for the project's groupings and diagnoses."""
        return self.scheme == "BP"

    def to_json(self) -> dict[str, object]:
        """A plain dictionary for JSON output."""
        data: dict[str, object] = {
            "code": self.code,
            "scheme": self.scheme,
            "label": self.label,
            "synonyms": list(self.synonyms),
            "category": self.category,
            "semantic_tag": self.semantic_tag,
            "legacy_ids": list(self.legacy_ids),
            "groups": list(self.groups),
        }
        optional = {
            "definition": self.definition,
            "shorthand": self.shorthand,
            "project_terms": list(self.project_terms),
            "iri": self.iri,
        }
        data.update({name: value for name, value in optional.items() if value})
        if self.obsolete or not self.active:
            data.update(obsolete=self.obsolete, active=self.active)
        data["origin"] = self.origin
        return data


@dataclass(frozen=True)
class Expansion:
    """A code or free text expanded for search: the matched concepts and every code below them."""

    query: str
    matched: tuple[Concept, ...]
    codes: frozenset[str]
