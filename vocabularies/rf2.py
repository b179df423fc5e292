"""Load a licensed SNOMED CT RF2 snapshot into a local SQLite store.

Implements the parts of the SNOMED CT Release File Specification (RF2) the catalogue needs:
``sct2_Concept_Snapshot`` (id, active), ``sct2_Description_Snapshot`` (active terms; typeId
900000000000003001 = fully specified name, 900000000000013009 = synonym) and
``sct2_Relationship_Snapshot`` (active rows with typeId 116680003 |Is a|), and when present
``der2_cRefset_LanguageSnapshot`` (the preferred synonym, acceptabilityId 900000000000548007,
of the US English reference set 900000000000509007, else of any language reference set,
becomes the label; without it the label is the FSN without its semantic tag). The store
(``snomed.sqlite`` in the target folder) keeps concepts, terms with their match keys (and an
FTS5 index over them) and the is-a pairs; :mod:`bigpicture.vocabularies.release` reads it.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bigpicture.vocabularies.matching import key

STORE_NAME = "snomed.sqlite"
IS_A = "116680003"
FSN = "900000000000003001"
PREFERRED = "900000000000548007"
US_ENGLISH = "900000000000509007"
SYNONYM = "900000000000013009"
_COMMON = ("id", "effectiveTime", "active", "moduleId")
#: File kind -> (name pattern, first header columns). The first three are required.
_PATTERNS = {
    "concept": ("sct2_Concept_Snapshot*.txt", _COMMON),
    "description": (
        "sct2_Description_Snapshot*.txt",
        (*_COMMON, "conceptId", "languageCode", "typeId", "term"),
    ),
    "relationship": (
        "sct2_Relationship_Snapshot*.txt",
        (*_COMMON, "sourceId", "destinationId", "relationshipGroup", "typeId"),
    ),
    "language": (
        "der2_cRefset_LanguageSnapshot*.txt",
        (*_COMMON, "refsetId", "referencedComponentId", "acceptabilityId"),
    ),
}
_REQUIRED = ("concept", "description", "relationship")
#: A fresh file written once: no journal, no fsync; a 128 MB page cache for the index sorts.
_PRAGMAS = "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-131072;"
_SCHEMA = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT);
CREATE TABLE concept (id INTEGER PRIMARY KEY, active INTEGER, label TEXT, tag TEXT);
CREATE TABLE term (concept INTEGER, term TEXT, norm TEXT, fsn INTEGER);
CREATE TABLE isa (parent INTEGER, child INTEGER, PRIMARY KEY (parent, child)) WITHOUT ROWID;
"""
_INDEXES = """
CREATE INDEX isa_child ON isa (child, parent);
CREATE INDEX term_concept ON term (concept);
CREATE INDEX term_norm ON term (norm);
CREATE VIRTUAL TABLE term_fts USING fts5 (
    norm, content='term', content_rowid='rowid', detail=none, columnsize=0, tokenize='ascii');
INSERT INTO term_fts (term_fts) VALUES ('rebuild');
"""


class Rf2Error(Exception):
    """The folder is not a readable RF2 snapshot; the message names the file and the problem."""


@dataclass(frozen=True)
class Rf2Files:
    """The snapshot files found in a release folder."""

    concepts: tuple[Path, ...]
    descriptions: tuple[Path, ...]
    relationships: tuple[Path, ...]
    languages: tuple[Path, ...] = ()


@dataclass(frozen=True)
class LoadReport:
    """What ``load_snapshot`` stored."""

    store: Path
    concepts: int
    active_concepts: int
    terms: int
    isa: int
    seconds: float


def find_files(folder: Path) -> Rf2Files:
    """The Concept, Description, Relationship (and Language) snapshot files under ``folder``."""
    if not folder.is_dir():
        raise Rf2Error(f"{folder}: not a folder")
    found = {kind: tuple(sorted(folder.rglob(pattern))) for kind, (pattern, _) in _PATTERNS.items()}
    missing = [_PATTERNS[kind][0] for kind in _REQUIRED if not found[kind]]
    if missing:
        raise Rf2Error(f"{folder}: no RF2 snapshot file matching {', '.join(missing)}")
    return Rf2Files(
        found["concept"], found["description"], found["relationship"], found["language"]
    )


def _rows(path: Path, kind: str) -> Iterator[list[str]]:
    """Tab-separated rows after checking the header."""
    expected = _PATTERNS[kind][1]
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            header = handle.readline().rstrip("\r\n").split("\t")
            if tuple(header[: len(expected)]) != expected:
                raise Rf2Error(f"{path}: not an RF2 {kind} file (header {header[:4]})")
            for number, line in enumerate(handle, start=2):
                row = line.rstrip("\r\n").split("\t")
                if len(row) < len(expected):
                    raise Rf2Error(f"{path}, line {number}: {len(row)} columns, expected more")
                yield row
    except (OSError, UnicodeDecodeError) as error:
        raise Rf2Error(f"{path}: cannot read ({error})") from error


def _read_concepts(files: Rf2Files) -> dict[int, int]:
    return {int(r[0]): int(r[2] == "1") for p in files.concepts for r in _rows(p, "concept")}


def _split_fsn(fsn: str) -> tuple[str, str]:
    """'Carcinoma (morphologic abnormality)' -> ('Carcinoma', 'morphologic abnormality')."""
    if fsn.endswith(")") and " (" in fsn:
        term, _, tag = fsn[:-1].rpartition(" (")
        return term, tag
    return fsn, ""


def _preferred(files: Rf2Files) -> set[str]:
    """Ids of the preferred descriptions: of US English when present, else of any language."""
    by_refset: dict[str, set[str]] = {}
    for path in files.languages:
        for row in _rows(path, "language"):
            if row[2] == "1" and row[6] == PREFERRED:
                by_refset.setdefault(row[4], set()).add(row[5])
    if US_ENGLISH in by_refset:
        return by_refset[US_ENGLISH]
    return set().union(*by_refset.values())


def _terms(
    files: Rf2Files, fsns: dict[int, str], labels: dict[int, str]
) -> Iterator[tuple[int, str, str, int]]:
    """Active FSNs and synonyms as (concept, term, match key, is FSN); records each concept's
    FSN in ``fsns`` and its preferred synonym in ``labels``."""
    preferred = _preferred(files)
    for path in files.descriptions:
        for row in _rows(path, "description"):
            if row[2] != "1" or row[6] not in (FSN, SYNONYM):
                continue
            concept, is_fsn = int(row[4]), row[6] == FSN
            term = _split_fsn(row[7])[0] if is_fsn else row[7]
            if is_fsn:
                fsns[concept] = row[7]
            elif row[0] in preferred:
                labels[concept] = term
            yield concept, term, key(term), int(is_fsn)


def _concept_rows(
    active: dict[int, int], fsns: dict[int, str], labels: dict[int, str]
) -> Iterator[tuple[int, int, str, str]]:
    """(id, active, label, semantic tag): the preferred term, else the FSN without its tag."""
    for concept, flag in active.items():
        fsn_term, tag = _split_fsn(fsns.get(concept, str(concept)))
        yield concept, flag, labels.get(concept, fsn_term), tag


def _isa(files: Rf2Files) -> Iterator[tuple[int, int]]:
    for path in files.relationships:
        for row in _rows(path, "relationship"):
            if row[2] == "1" and row[7] == IS_A:
                yield int(row[5]), int(row[4])


def _fill(db: sqlite3.Connection, files: Rf2Files) -> None:
    active = _read_concepts(files)
    fsns: dict[int, str] = {}
    labels: dict[int, str] = {}
    db.executemany("INSERT INTO term VALUES (?, ?, ?, ?)", _terms(files, fsns, labels))
    db.executemany("INSERT INTO concept VALUES (?, ?, ?, ?)", _concept_rows(active, fsns, labels))
    db.executemany("INSERT OR IGNORE INTO isa VALUES (?, ?)", _isa(files))
    sources = "; ".join(
        p.name
        for p in (*files.concepts, *files.descriptions, *files.relationships, *files.languages)
    )
    db.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [("files", sources), ("loaded", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))],
    )


def _count(db: sqlite3.Connection, sql: str) -> int:
    return db.execute(sql).fetchone()[0]


def load_snapshot(rf2_dir: Path, target_dir: Path) -> LoadReport:
    """Read the RF2 snapshot in ``rf2_dir`` into ``target_dir/snomed.sqlite`` (replacing it)."""
    started = time.perf_counter()
    files = find_files(rf2_dir)
    target_dir.mkdir(parents=True, exist_ok=True)
    store, partial = target_dir / STORE_NAME, target_dir / (STORE_NAME + ".partial")
    partial.unlink(missing_ok=True)
    db = sqlite3.connect(partial)
    try:
        db.executescript(_PRAGMAS + _SCHEMA)
        _fill(db, files)
        db.executescript(_INDEXES)
        db.commit()
        counts = [_count(db, f"SELECT count(*) FROM {t}") for t in ("concept", "term", "isa")]
        active = _count(db, "SELECT count(*) FROM concept WHERE active = 1")
    except BaseException:
        db.close()
        partial.unlink(missing_ok=True)
        raise
    db.close()
    os.replace(partial, store)
    seconds = time.perf_counter() - started
    return LoadReport(store, counts[0], active, counts[1], counts[2], seconds)
