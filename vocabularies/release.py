"""Read a SNOMED CT release loaded by :mod:`bigpicture.vocabularies.rf2` (SQLite, read-only).

One of the two :class:`~bigpicture.vocabularies.hierarchy.Hierarchy` implementations: it
answers transitive closures from the release's active |Is a| relationships.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from bigpicture.vocabularies.concepts import Concept
from bigpicture.vocabularies.rf2 import STORE_NAME

_CHUNK = 500
#: Category of a release-only concept, from its semantic tag (the shipped files state theirs).
CATEGORIES = {
    "disorder": "diagnosis",
    "finding": "diagnosis",
    "morphologic abnormality": "morphology",
    "body structure": "anatomy",
    "cell structure": "anatomy",
    "procedure": "procedure",
    "specimen": "specimen",
    "organism": "species",
    "substance": "substance",
}


def release_store(folder: Path) -> Path:
    """Where ``bpcat vocab load-snomed`` keeps the release inside a data folder."""
    return folder / STORE_NAME


def _ints(codes: Iterable[str]) -> list[int]:
    return [int(code) for code in codes if code.isdigit()]


class SnomedRelease:
    """A loaded SNOMED CT release: concepts, terms and the full is-a hierarchy."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._uri = f"file:{path.resolve()}?mode=ro"
        self._pid = -1
        self._connection: sqlite3.Connection | None = None

    @property
    def _db(self) -> sqlite3.Connection:
        """This process's read-only connection (a forked worker opens its own)."""
        if self._connection is None or self._pid != os.getpid():
            self._connection = sqlite3.connect(self._uri, uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._connection

    def close(self) -> None:
        """Close the connection."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def reach(self, codes: Iterable[str], downwards: bool) -> set[str]:
        """Every code below (or above) any of the codes: one recursive SQL query per chunk."""
        ids, found = _ints(codes), set()
        start, step = ("parent", "child") if downwards else ("child", "parent")
        for first in range(0, len(ids), _CHUNK):
            chunk = ids[first : first + _CHUNK]
            seeds = ",".join("(?)" for _ in chunk)
            sql = (  # CROSS JOIN keeps the small side outside, so the isa index is used
                f"WITH RECURSIVE seed(id) AS (VALUES {seeds}), reach(id) AS ("
                f"SELECT isa.{step} FROM seed CROSS JOIN isa WHERE isa.{start} = seed.id UNION "
                f"SELECT isa.{step} FROM reach CROSS JOIN isa WHERE isa.{start} = reach.id) "
                "SELECT id FROM reach"
            )
            found.update(str(row[0]) for row in self._db.execute(sql, chunk))
        return found

    def concept(self, code: str) -> Concept | None:
        """The concept with its FSN-derived label, semantic tag and synonyms."""
        if not code.isdigit():
            return None
        row = self._db.execute("SELECT active, label, tag FROM concept WHERE id = ?", (int(code),))
        found = row.fetchone()
        if found is None:
            return None
        terms = self._db.execute("SELECT term FROM term WHERE concept = ?", (int(code),))
        synonyms = tuple(sorted({t for (t,) in terms if t != found[1]}))
        return Concept(
            code=code,
            scheme="SCT",
            label=found[1],
            synonyms=synonyms,
            semantic_tag=found[2],
            category=CATEGORIES.get(found[2], ""),
            active=bool(found[0]),
            origin="snomed-release",
            iri=f"http://snomed.info/id/{code}",
        )

    def exact(self, norm: str) -> list[str]:
        """Codes with a term whose match key is ``norm``."""
        rows = self._db.execute("SELECT DISTINCT concept FROM term WHERE norm = ?", (norm,))
        return [str(concept) for (concept,) in rows]

    def containing(self, words: tuple[str, ...], limit: int) -> list[str]:
        """Codes with a term containing every word key (shortest terms first)."""
        if not words:
            return []
        match = " ".join('"' + word.replace('"', "") + '"' for word in words)
        sql = (
            "SELECT t.concept FROM term_fts JOIN term t ON t.rowid = term_fts.rowid "
            "WHERE term_fts MATCH ? ORDER BY length(t.norm) LIMIT ?"
        )
        seen: dict[str, None] = {}
        for (concept,) in self._db.execute(sql, (match, limit * 4)):
            seen.setdefault(str(concept), None)
        return list(seen)[:limit]

    def info(self) -> dict[str, str]:
        """The release's metadata (source files, load time)."""
        return dict(self._db.execute("SELECT name, value FROM meta"))
