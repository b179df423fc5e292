"""Reading ``DatasetFacts`` and ``ImageFacts`` from the store (SPARQL over a version's graph).

Counts, organs, diagnoses (Diagnosis statements' CODE_ATTRIBUTES) and their project groups,
stains, species, sexes, ages, specimen types, scanners, magnifications, size, access terms and
sample images come from the version's named graph; id, DOI, dates, node, status and version
links from its catalogue record. Labels are the vocabulary's preferred terms when it knows the
code, else the submission's MEANING.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

from bigpicture.catalogue import facts_queries as q
from bigpicture.catalogue.facts import SNOMED_IRI, Concept, DatasetFacts, ImageFacts
from bigpicture.catalogue.settings import Settings
from bigpicture.catalogue.store import Record, Store

#: Objects counted, by model class -> DatasetFacts field.
COUNTED = {
    "Case": "case_count",
    "BiologicalBeing": "biological_being_count",
    "Specimen": "specimen_count",
    "Block": "block_count",
    "Slide": "slide_count",
    "Image": "image_count",
    "Annotation": "annotation_count",
    "Observation": "observation_count",
}
LICENCE_TAGS = ("licence", "license", "data_licence", "data_license", "licence_spdx")
ACCESS_TAGS = ("type_of_access", "access_type", "access", "access_rights")
GROUP_SCHEME = "BP-GROUP"


@functools.lru_cache(maxsize=2)
def default_vocabulary():  # -> bigpicture.vocabularies.Vocabulary
    """The shipped vocabulary (loaded once per process)."""
    from bigpicture.vocabularies import load_vocabulary

    return load_vocabulary()


@functools.lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """A digest of the modules that compute facts: kept facts of older code are not used."""
    from bigpicture.catalogue import facts, facts_queries, image_facts

    digest = hashlib.sha256()
    for module in (facts, facts_queries, image_facts):
        digest.update(Path(module.__file__).read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:16]


def derived_name(kind: str, vocabulary) -> str:
    """The store's name for facts of ``kind`` made by this code with this vocabulary."""
    return f"{kind}/{_code_fingerprint()}/{vocabulary.fingerprint}"


def remember_facts(
    store: Store, graph_iri: str, graph_values: dict, images: tuple[ImageFacts, ...], vocabulary
) -> None:
    """Hand the store what :func:`graph_facts` and ``image_facts`` gave for a new version's
    graph before it was written (``bigpicture.catalogue.ingest_facts``)."""
    store.remember(graph_iri, derived_name("dataset-facts", vocabulary), graph_values)
    store.remember(graph_iri, derived_name("image-facts", vocabulary), images)


# -- concepts ----------------------------------------------------------------------------------
def _scheme(name: str, vocabulary) -> str:
    normalised, _ = vocabulary.normalise_scheme(name)
    return normalised or name.strip() or "TEXT"


def _label(code: str, scheme: str, meaning: str, vocabulary) -> str:
    known = vocabulary.lookup(code, scheme) if code else None
    return known.label if known is not None else (meaning or code)


def concept_of(row: dict[str, str], vocabulary) -> Concept | None:
    """A Concept from a row with code/scheme/meaning, or with free text (or an IRI) only."""
    code, text = row.get("code", ""), row.get("text", "")
    if code:
        scheme = _scheme(row.get("scheme", ""), vocabulary)
        return Concept(code, scheme, _label(code, scheme, row.get("meaning", ""), vocabulary))
    if text.startswith(SNOMED_IRI):
        code = text[len(SNOMED_IRI) :]
        return Concept(code, "SCT", _label(code, "SCT", "", vocabulary))
    if text.startswith("http"):
        text = re.split(r"[#/]", text)[-1]
    return Concept("", "TEXT", text) if text.strip() else None


def _concepts(rows: Iterable[dict[str, str]], vocabulary) -> tuple[Concept, ...]:
    found = {concept_of(row, vocabulary) for row in rows}
    return tuple(
        sorted((c for c in found if c is not None), key=lambda c: (c.label.lower(), c.code))
    )


STAIN_PREFERENCE = ("staining_target", "staining_procedure", "staining_compound")


def stains_of(rows: Iterable[dict[str, str]], vocabulary) -> dict[str, Concept]:
    """Per STAIN / PROCEDURE_INFORMATION node, the stain it names: target, procedure, compound."""
    by_node: dict[str, dict[str, Concept]] = {}
    for row in rows:
        concept = concept_of(row, vocabulary)
        if concept is not None:
            by_node.setdefault(row["n"], {}).setdefault(row["tag"], concept)
    return {
        node: next(tags[tag] for tag in STAIN_PREFERENCE if tag in tags)
        for node, tags in by_node.items()
    }


def groups_of(concepts: Iterable[Concept], vocabulary) -> tuple[Concept, ...]:
    """The project diagnosis groups of SNOMED CT concepts."""
    codes = {group for c in concepts if c.scheme == "SCT" for group in vocabulary.groups_of(c.code)}
    groups = []
    for code in codes:
        known = vocabulary.lookup(code, GROUP_SCHEME)
        groups.append(Concept(code, GROUP_SCHEME, known.label if known else code))
    return tuple(sorted(groups, key=lambda c: c.label.lower()))


# -- ages --------------------------------------------------------------------------------------
_YEARS = re.compile(r"^P(?:(\d+)Y)?")


def years(duration: str) -> int | None:
    """Whole years of an ISO 8601 duration (``P65Y`` -> 65; ``PT0S`` -> 0)."""
    match = _YEARS.match(duration.strip())
    if not match:
        return None
    return int(match.group(1)) if match.group(1) else 0


def age_range(rows: Iterable[dict[str, str]]) -> tuple[int | None, int | None]:
    """Youngest start and oldest end of the specimens' age intervals (unknown starts skipped)."""
    starts, ends = [], []
    for row in rows:
        start = years(row.get("start", ""))
        if not start:  # PT0S or P0Y start: unknown (FORMAT.md section 7)
            continue
        starts.append(start)
        ends.append(start + (years(row.get("length", "")) or 0))
    return (min(starts), max(ends)) if starts else (None, None)


# -- one version -------------------------------------------------------------------------------
def _counts(db, graph: str) -> dict[str, int]:
    found = {}
    for row in q.rows(db, q.counts(graph)):
        name = row["type"].removeprefix(q.BP)
        if name in COUNTED:
            found[COUNTED[name]] = int(row["n"])
    return found


def _values(db, graph: str, cls: str, tag: str, vocabulary) -> tuple[Concept, ...]:
    return _concepts(q.rows(db, q.values(graph, cls, tag)), vocabulary)


def _texts(db, graph: str, cls: str, tag: str, vocabulary) -> tuple[str, ...]:
    return tuple(sorted({c.label for c in _values(db, graph, cls, tag, vocabulary)}))


def _policy(db, graph: str, vocabulary) -> dict[str, object]:
    terms, licence, access = set(), "", "restricted"
    for row in q.rows(db, q.policy(graph)):
        if row.get("scheme", "").upper() == "DUO" and row.get("code"):
            known = vocabulary.duo(row["code"])
            terms.add(Concept(row["code"], "DUO", known.label if known else row.get("meaning", "")))
        tag, text = row.get("tag", "").lower(), row.get("text", "")
        if tag in LICENCE_TAGS and text:
            licence = text
        if tag in ACCESS_TAGS and "open" in text.lower():
            access = "open"
    return {"access_terms": tuple(sorted(terms)), "licence": licence, "access": access}


def _technical(db, graph: str) -> dict[str, object]:
    scanners = {row["value"] for row in q.rows(db, q.technical(graph, "scanner"))}
    powers = q.rows(db, q.technical(graph, "objective_magnification"))
    size = q.rows(db, q.size(graph))
    return {
        "scanners": tuple(sorted(scanners)),
        "magnifications": tuple(sorted({float(row["value"]) for row in powers})),
        "size_bytes": int(size[0].get("n", 0)) if size else 0,
    }


def _landing(db, graph: str) -> dict[str, object]:
    rows = q.rows(db, q.landing_page(graph))
    return {
        "rems_access_link": next((r["rems"] for r in rows if r.get("rems")), ""),
        "sample_images": tuple(sorted({r["file"] for r in rows if r.get("file")})),
    }


def _diagnoses(db, graph: str, vocabulary) -> dict[str, object]:
    concepts = _concepts(q.rows(db, q.diagnoses(graph)), vocabulary)
    snomed = tuple(c for c in concepts if c.scheme == "SCT")
    return {
        "diagnoses": snomed,
        "diagnosis_codes": tuple(c for c in concepts if c.scheme != "SCT"),
        "diagnosis_groups": groups_of(snomed, vocabulary),
    }


def _stains(db, graph: str, vocabulary) -> tuple[Concept, ...]:
    found = set(stains_of(q.rows(db, q.stains(graph)), vocabulary).values())
    return tuple(sorted(found, key=lambda c: (c.label.lower(), c.code)))


def graph_facts(db, graph: str, vocabulary) -> dict[str, object]:
    """Every DatasetFacts field that comes from a version's graph."""
    described = q.rows(db, q.dataset(graph))
    first = described[0] if described else {}
    youngest, oldest = age_range(q.rows(db, q.ages(graph)))
    return {
        "short_name": first.get("short", ""),
        "description": first.get("description", ""),
        **_counts(db, graph),
        "organs": _values(db, graph, "Specimen", "anatomical_site", vocabulary),
        "specimen_types": _values(db, graph, "Specimen", "specimen_type", vocabulary),
        "extraction_methods": _values(db, graph, "Specimen", "extraction_method", vocabulary),
        "fixations": _values(db, graph, "Specimen", "fixation_type", vocabulary),
        "species": _values(db, graph, "BiologicalBeing", "animal_species", vocabulary),
        "sexes": _texts(db, graph, "BiologicalBeing", "sex", vocabulary),
        "age_min_years": youngest,
        "age_max_years": oldest,
        "stains": _stains(db, graph, vocabulary),
        **_diagnoses(db, graph, vocabulary),
        **_policy(db, graph, vocabulary),
        **_technical(db, graph),
        **_landing(db, graph),
        "complements": tuple(r["key"] for r in q.rows(db, q.complements(graph))),
    }


def record_facts(store: Store, record: Record) -> dict[str, object]:
    """Every DatasetFacts field that comes from the catalogue record and its versions."""
    versions = store.versions(record.dataset_key)
    by_id = {r.id: r for r in versions}
    previous, following = by_id.get(record.previous_version), by_id.get(record.next_version)
    return {
        "id": record.id,
        "dataset_key": record.dataset_key,
        "version": record.version,
        "title": record.title,
        "doi": record.doi,
        "status": record.status,
        "node": record.node,
        "issued": record.issued,
        "modified": record.withdrawn_date or record.issued,
        "year": int(record.issued[:4]) if record.issued[:4].isdigit() else None,
        "organisation": record.organisation,
        "previous_version": record.previous_version,
        "next_version": record.next_version,
        "previous_version_doi": previous.doi if previous else "",
        "next_version_doi": following.doi if following else "",
        "versions": tuple(r.id for r in versions),
        "withdrawn_reason": record.withdrawn_reason,
        "citation": record.citation,
        "extra": {"withdrawn_date": record.withdrawn_date} if record.withdrawn else {},
    }


def facts_of(
    store: Store, record: Record, settings: Settings | None, vocabulary=None
) -> DatasetFacts:
    """The facts of one record (a withdrawn one keeps only its record)."""
    vocabulary = vocabulary or default_vocabulary()
    values = record_facts(store, record)
    if record.withdrawn:
        values["access"] = "withdrawn"
    else:
        read = lambda: graph_facts(store.committed(), record.graph_iri, vocabulary)  # noqa: E731
        name = derived_name("dataset-facts", vocabulary)
        values.update(store.derived(record.graph_iri, name, read))
        values["title"] = values["title"] or record.title
    values["short_name"] = values.get("short_name") or record.dataset_key
    keys = values.get("complements", ())
    values["complement_dois"] = tuple(
        found.doi for found in (store.get_record(key) for key in keys) if found is not None
    )
    if settings is not None:
        values["contact_email"] = settings.contact_email
    return DatasetFacts(**values)  # type: ignore[arg-type]


def read_dataset_facts(
    store: Store, id: str, settings: Settings | None = None, vocabulary=None
) -> DatasetFacts:
    """The facts of version ``id`` (or the latest version of a dataset key, or a DOI)."""
    return facts_of(store, store.require(id), settings, vocabulary)


def read_all_facts(
    store: Store, settings: Settings | None = None, vocabulary=None
) -> tuple[DatasetFacts, ...]:
    """The facts of every version, withdrawn ones included, in ingestion order."""
    return tuple(facts_of(store, record, settings, vocabulary) for record in store.all_records())


def read_image_facts(store: Store, id: str, vocabulary=None) -> tuple[ImageFacts, ...]:
    """The images of version ``id`` with what search needs of each (empty when withdrawn)."""
    from bigpicture.catalogue.image_facts import image_facts

    record = store.require(id)
    if record.withdrawn:
        return ()
    vocabulary = vocabulary or default_vocabulary()
    read = lambda: image_facts(store.committed(), record, vocabulary)  # noqa: E731
    return store.derived(record.graph_iri, derived_name("image-facts", vocabulary), read)
