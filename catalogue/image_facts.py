"""``ImageFacts``: each image with what it shows, found by walking its references upwards.

IMAGE -> SLIDE -> BLOCK -> SPECIMEN -> BIOLOGICAL_BEING / CASE, and SLIDE -> STAINING
(MetaFleX FORMAT.md section 4). References are resolved by accession, else alias, within the
kind the reference element names. An image's diagnoses are those of the observations made on
it or on anything above it (Summary statements included: they describe its case).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from bigpicture.catalogue import facts_queries as q
from bigpicture.catalogue.facts import Concept, ImageFacts
from bigpicture.catalogue.facts_reader import concept_of, stains_of
from bigpicture.catalogue.store import Record

#: Reference slot -> the classes it may point to; the "upward" ones are walked from an image.
TARGETS: dict[str, tuple[str, ...]] = {
    "image_of": ("Slide", "Specimen", "Block"),
    "created_from_ref": ("Block",),
    "sampled_from_refs": ("Specimen",),
    "sampled_from_ref": ("Specimen",),
    "extracted_from_ref": ("BiologicalBeing",),
    "part_of_case_ref": ("Case",),
    "biological_being_ref": ("BiologicalBeing",),
    "staining_information_ref": ("Staining",),
}
OBSERVED = {
    "case_ref": ("Case",),
    "biological_being_ref": ("BiologicalBeing",),
    "specimen_ref": ("Specimen",),
    "block_ref": ("Block",),
    "slide_ref": ("Slide",),
    "image_ref": ("Image",),
    "annotation_ref": ("Annotation",),
}


@dataclass
class ObjectGraph:
    """The objects of one version and the resolved references between them."""

    classes: dict[str, str] = field(default_factory=dict)
    by_name: dict[tuple[str, str], str] = field(default_factory=dict)
    up: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    observed: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def resolve(self, row: dict[str, str], classes: tuple[str, ...]) -> str | None:
        """The object a reference row points to."""
        if row.get("target"):
            return row["target"]
        for cls in classes:
            for name in (row.get("acc"), row.get("alias")):
                if name and (cls, name) in self.by_name:
                    return self.by_name[(cls, name)]
        return None

    def ancestors(self, start: str) -> set[str]:
        """Everything reachable upwards from ``start`` (itself included)."""
        seen, todo = {start}, [start]
        while todo:
            for parent in self.up.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return seen


def object_graph(db, graph: str) -> ObjectGraph:
    """Objects and resolved references of a version's graph."""
    objects = ObjectGraph()
    for row in q.rows(db, q.objects(graph)):
        cls = row["type"].removeprefix(q.BP)
        objects.classes[row["s"]] = cls
        objects.by_name[(cls, row["alias"])] = row["s"]
        if row.get("acc"):
            objects.by_name[(cls, row["acc"])] = row["s"]
    for row in q.rows(db, q.references(graph)):
        slot = row["p"].removeprefix(q.BP)
        holder_is_observation = objects.classes.get(row["s"]) == "Observation"
        table = OBSERVED if holder_is_observation else TARGETS
        target = objects.resolve(row, table.get(slot, ())) if slot in table else None
        if target is not None:
            (objects.observed if holder_is_observation else objects.up)[row["s"]].add(target)
    return objects


def _by_object(rows, vocabulary, key: str = "o") -> dict[str, set[Concept]]:
    found: dict[str, set[Concept]] = defaultdict(set)
    for row in rows:
        concept = concept_of(row, vocabulary)
        if concept is not None:
            found[row[key]].add(concept)
    return found


def _diagnoses_by_target(
    db, graph: str, objects: ObjectGraph, vocabulary
) -> dict[str, set[Concept]]:
    by_observation = _by_object(q.rows(db, q.diagnoses(graph)), vocabulary, key="obs")
    found: dict[str, set[Concept]] = defaultdict(set)
    for observation, concepts in by_observation.items():
        for target in objects.observed.get(observation, ()):
            found[target] |= {c for c in concepts if c.scheme == "SCT"}
    return found


def _stains_by_staining(db, graph: str, vocabulary) -> dict[str, set[Concept]]:
    rows = q.rows(db, q.stains(graph))
    per_node = stains_of(rows, vocabulary)
    found: dict[str, set[Concept]] = defaultdict(set)
    for row in rows:
        if row["n"] in per_node:
            found[row["staining"]].add(per_node[row["n"]])
    return found


def _sorted(concepts: set[Concept]) -> tuple[Concept, ...]:
    return tuple(sorted(concepts, key=lambda c: (c.label.lower(), c.code)))


def image_facts(db, record: Record, vocabulary) -> tuple[ImageFacts, ...]:
    """One ImageFacts per image of the version."""
    graph = record.graph_iri
    objects = object_graph(db, graph)
    tables = {
        "organs": _by_object(
            q.rows(db, q.values(graph, "Specimen", "anatomical_site", True)), vocabulary
        ),
        "species": _by_object(
            q.rows(db, q.values(graph, "BiologicalBeing", "animal_species", True)), vocabulary
        ),
        "sex": _by_object(q.rows(db, q.values(graph, "BiologicalBeing", "sex", True)), vocabulary),
        "stains": _stains_by_staining(db, graph, vocabulary),
        "diagnoses": _diagnoses_by_target(db, graph, objects, vocabulary),
    }
    found = {}
    for row in q.rows(db, q.images(graph)):
        if row["i"] not in found:
            found[row["i"]] = _one_image(row, record, objects, tables)
    return tuple(found[key] for key in sorted(found))


def _one_image(row: dict[str, str], record: Record, objects: ObjectGraph, tables) -> ImageFacts:
    above = objects.ancestors(row["i"])
    gathered = {
        name: set().union(*(table.get(o, set()) for o in above)) for name, table in tables.items()
    }
    sexes = sorted(c.label for c in gathered["sex"])
    return ImageFacts(
        id=f"{record.id}/image/{row['alias']}",
        dataset_id=record.id,
        alias=row["alias"],
        image_type=row.get("type", "WSI_IMAGE").rsplit("/", 1)[-1],
        organs=_sorted(gathered["organs"]),
        diagnoses=_sorted(gathered["diagnoses"]),
        stains=_sorted(gathered["stains"]),
        species=_sorted(gathered["species"]),
        sex=sexes[0] if len(sexes) == 1 else "",
        scanner=row.get("scanner", ""),
        magnification=float(row["magnification"]) if row.get("magnification") else None,
        size_bytes=int(row.get("bytes") or 0),
    )
