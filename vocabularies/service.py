"""The vocabulary service: lookup, free-text search, expansion and roll-up of coded values.

Used by validation (is this code known, which label, which scheme), indexing (labels,
synonyms and ancestors of a dataset's codes, for facets) and search (a researcher's words to
the codes below them). Build it with :func:`load_vocabulary`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from functools import cached_property, lru_cache
from pathlib import Path

from bigpicture.vocabularies.concepts import Concept, Expansion
from bigpicture.vocabularies.hierarchy import Hierarchy, ProjectHierarchy, closure
from bigpicture.vocabularies.matching import key, tokens
from bigpicture.vocabularies.release import SnomedRelease, release_store
from bigpicture.vocabularies.schemes import normalise_scheme
from bigpicture.vocabularies.shipped import ShippedData, load_shipped, ref
from bigpicture.vocabularies.term_index import TermIndex

_DUO_ID = re.compile(r"DUO[:_](\d+)$", re.IGNORECASE)
#: Ranks of search hits: code, exact preferred term, exact other term, all words present.
CODE, LABEL, TERM, WORDS = range(4)


def _merged(shipped: Concept, loaded: Concept) -> Concept:
    """A shipped concept with the release's other terms and active flag."""
    known = {shipped.label, *shipped.synonyms}
    extra = [term for term in (loaded.label, *loaded.synonyms) if term not in known]
    synonyms = shipped.synonyms + tuple(dict.fromkeys(extra))
    return dataclasses.replace(shipped, synonyms=synonyms, active=loaded.active)


class Vocabulary:
    """The shipped vocabularies, plus a licensed SNOMED CT release when one is loaded."""

    def __init__(self, shipped: ShippedData, release: SnomedRelease | None = None) -> None:
        self._concepts = shipped.concepts
        self._parents = shipped.parents
        self._release = release
        self._hierarchies: list[Hierarchy] = [ProjectHierarchy(shipped.parents)]
        if release is not None:
            self._hierarchies.append(release)
        self._index = TermIndex()
        self._legacy: dict[str, str] = {}
        self._shorthands: dict[str, str] = {}
        for code, concept in self._concepts.items():
            self._register(code, concept)
        self.descendants = lru_cache(maxsize=8192)(self._descendants)  # type: ignore[method-assign]
        self.ancestors = lru_cache(maxsize=8192)(self._ancestors)  # type: ignore[method-assign]

    def _register(self, code: str, concept: Concept) -> None:
        self._index.add(code, concept.label, True)
        for term in (*concept.synonyms, *concept.project_terms):
            self._index.add(code, term, False)
        for legacy in concept.legacy_ids:
            self._legacy[legacy.upper()] = code
        if concept.shorthand:
            self._shorthands[concept.shorthand.upper()] = code

    @cached_property
    def fingerprint(self) -> str:
        """A digest that changes with the concepts, their links or the loaded release (a key
        for values derived with this vocabulary and kept on disk)."""
        digest = hashlib.sha256(repr(sorted(self._concepts.items())).encode())
        digest.update(repr(sorted(self._parents.items())).encode())
        if self._release is not None:
            stat = self._release.path.stat()
            digest.update(
                f"{self._release.path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode()
            )
        return digest.hexdigest()[:16]

    @property
    def has_full_snomed(self) -> bool:
        """True when a licensed SNOMED CT release is loaded (full is-a hierarchy)."""
        return self._release is not None

    # -- lookup ---------------------------------------------------------------------------

    def _resolve(self, code: str, scheme: str = "SCT") -> str:
        """The hierarchy key of a code given with a scheme name (or self-prefixed)."""
        code = code.strip()
        if code.upper().startswith(("BP-GROUP:", "BP-DIAGNOSIS:")) or _DUO_ID.match(code):
            return self._duo_key(code) or code
        canonical = normalise_scheme(scheme)[0] or scheme
        if canonical == "SCT" and code.upper().startswith("SCT:"):
            code = code[4:]
        if canonical == "DUO":
            return self._duo_key(code) or code
        return ref(canonical, code)

    def _with_groups(self, code: str, concept: Concept) -> Concept:
        return dataclasses.replace(concept, groups=self.groups_of(code))

    def _plain(self, code: str) -> Concept | None:
        """The concept of a hierarchy key without its groups: shipped facts, then the release."""
        shipped = self._concepts.get(code)
        loaded = self._release.concept(code) if self._release is not None else None
        if shipped is not None and loaded is not None:
            return _merged(shipped, loaded)
        return shipped or loaded

    def _concept(self, code: str) -> Concept | None:
        """The concept of a hierarchy key, with its groups."""
        found = self._plain(code)
        return self._with_groups(code, found) if found is not None else None

    def lookup(self, code: str, scheme: str = "SCT") -> Concept | None:
        """The concept of a code in a scheme ("SCT", "SNOMED CT", "DCM", "DUO", ...)."""
        return self._concept(self._resolve(code, scheme))

    def from_legacy(self, rt_id: str) -> Concept | None:
        """The SNOMED CT concept of a legacy SNOMED-RT id (e.g. "C-22968", used by MetaFleX 1.x)."""
        code = self._legacy.get(rt_id.strip().upper())
        return self._concept(code) if code else None

    def _duo_key(self, term: str) -> str | None:
        term = term.strip()
        match = _DUO_ID.search(term)
        if match:
            candidate = f"DUO:{int(match[1]):07d}"
            return candidate if candidate in self._concepts else None
        return self._shorthands.get(term.upper())

    def duo(self, term: str) -> Concept | None:
        """A DUO term by id ("DUO:0000042"), IRI (also DUO_00000044) or shorthand ("GRU")."""
        code = self._duo_key(term)
        return self._concept(code) if code else None

    @staticmethod
    def normalise_scheme(name: str) -> tuple[str | None, bool]:
        """(canonical scheme designator or None, whether the name had to be changed)."""
        return normalise_scheme(name)

    def concepts(self) -> list[Concept]:
        """Every shipped concept (without a release's concepts)."""
        return [self._with_groups(code, c) for code, c in sorted(self._concepts.items())]

    # -- hierarchy ------------------------------------------------------------------------

    def _descendants(self, code: str) -> frozenset[str]:
        """Every code below ``code`` (transitive; for a grouping its members and theirs)."""
        return closure(self._resolve(code), self._hierarchies, downwards=True)

    def _ancestors(self, code: str) -> frozenset[str]:
        """Every code above ``code``, groupings included (for facet roll-up)."""
        return closure(self._resolve(code), self._hierarchies, downwards=False)

    def groups_of(self, code: str) -> tuple[str, ...]:
        """The project groupings and diagnoses above ``code``, sorted."""
        return tuple(sorted(c for c in self.ancestors(code) if c.startswith("BP-")))

    # -- search ---------------------------------------------------------------------------

    def _code_hits(self, text: str) -> list[str]:
        stripped = text.strip()
        hits = [self._legacy.get(stripped.upper()), self._duo_key(stripped)]
        if stripped.upper().startswith("BP-") and stripped in self._concepts:
            hits.append(stripped)
        if stripped.isdigit() and (stripped in self._concepts or self._concept(stripped)):
            hits.append(stripped)
        return [hit for hit in hits if hit]

    def _ranked(self, text: str, limit: int) -> dict[str, int]:
        ranks: dict[str, int] = {code: CODE for code in self._code_hits(text)}
        for code, is_label in self._index.exact(text).items():
            ranks.setdefault(code, LABEL if is_label else TERM)
        if self._release is not None:
            for code in self._release.exact(key(text)):
                ranks.setdefault(code, TERM)
        for code in self._index.containing(text):
            ranks.setdefault(code, WORDS)
        if self._release is not None and len(ranks) < limit:
            for code in self._release.containing(tokens(text), limit):
                ranks.setdefault(code, WORDS)
        return ranks

    def search(self, text: str, limit: int = 50) -> list[Concept]:
        """Concepts matching free text, best first: code, exact term, then all words present.

        Case, accents, British/American spelling and plurals do not matter.
        """
        ranks = self._ranked(text, limit)
        found = [(rank, code, self._plain(code)) for code, rank in ranks.items()]
        hits = [(rank, code, concept) for rank, code, concept in found if concept is not None]
        hits.sort(key=lambda hit: (hit[0], len(hit[2].label), hit[2].label, hit[1]))
        return [self._with_groups(code, concept) for _, code, concept in hits[:limit]]

    def expand(self, code_or_text: str, scheme: str = "SCT") -> Expansion:
        """The concepts a code or text names and every code below them (for query expansion).

        Exact matches (code, preferred term, other term) are used when there are any;
        otherwise every concept holding all the words.
        """
        ranks = self._ranked(code_or_text, 200)
        best = min(ranks.values(), default=WORDS)
        chosen = [code for code, rank in ranks.items() if rank == best or rank < WORDS]
        matched = [c for c in (self._concept(code) for code in sorted(chosen)) if c is not None]
        keys = {self._resolve(c.code, c.scheme) for c in matched}
        codes = set(keys).union(*(self.descendants(k) for k in keys))
        return Expansion(code_or_text, tuple(matched), frozenset(codes))


def load_vocabulary(snomed_dir: Path | None = None) -> Vocabulary:
    """The shipped vocabularies, plus the SNOMED CT release loaded into ``snomed_dir`` if any.

    ``snomed_dir`` is the folder ``bpcat vocab load-snomed`` writes to
    (``settings.data_dir / "vocabularies"``); without a release there, only the shipped
    project groupings give the hierarchy (``has_full_snomed`` is False).
    """
    release = None
    if snomed_dir is not None and release_store(snomed_dir).is_file():
        release = SnomedRelease(release_store(snomed_dir))
    return Vocabulary(load_shipped(), release)
