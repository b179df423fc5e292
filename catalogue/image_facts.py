"""``ImageFacts``: each image with what it shows, found by walking its references upwards.

IMAGE -> SLIDE -> BLOCK -> SPECIMEN -> BIOLOGICAL_BEING / CASE, and SLIDE -> STAINING
(MetaFleX FORMAT.md section 4). References are resolved by accession, else alias, within the
kind the reference element names. An image's diagnoses are those of the observations made on
it or on anything above it (Summary statements included: they describe its case).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from bigpicture.catalogue import facts_queries as q
from bigpicture.catalogue.facts import Concept, ImageFacts
from bigpicture.catalogue.facts_reader import concept_of, stains_of
from bigpicture.catalogue.store import NewVersion, Record

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


def _scan(db, graph: str, slot: str):
    """(subject, object) of every triple of one bp: slot in the graph (an index scan)."""
    pattern = db.quads_for_pattern(None, ox.NamedNode(q.BP + slot), None, ox.NamedNode(graph))
    return ((quad.subject.value, quad.object.value) for quad in pattern)


def _class_of_kind(kind: str) -> str:
    """``biological_being`` -> ``BiologicalBeing`` (the model's class of an IRI's kind)."""
    return "".join(part.capitalize() for part in kind.split("_"))


def object_graph(db, record: Record | NewVersion) -> ObjectGraph:
    """Objects and resolved references of a version's graph.

    Objects are found from their IRIs (``<base><kind>/<alias>``, the model I/O contract) and
    ``bp:alias``; nested reference nodes (``<object>/<slot>/<n>``) carry the alias they point
    to. Index scans per slot: on a 45,000-image version they are much faster than the joins.
    """
    objects, referenced = ObjectGraph(), {}
    graph, base = record.graph_iri, record.base_iri
    for slot in ("alias", "accession"):
        for subject, name in _scan(db, graph, slot):
            parts = subject[len(base) :].split("/") if subject.startswith(base) else []
            if len(parts) == 2:
                cls = _class_of_kind(parts[0])
                objects.classes[subject] = cls
                objects.by_name[(cls, name)] = subject
            else:
                referenced.setdefault(subject, {})["acc" if slot == "accession" else "alias"] = name
    for slot in {*TARGETS, *OBSERVED}:
        for holder, node in _scan(db, graph, slot):
            _link(objects, holder, slot, referenced.get(node, {"target": node}))
    return objects


def _link(objects: ObjectGraph, holder: str, slot: str, row: dict[str, str]) -> None:
    observation = objects.classes.get(holder) == "Observation"
    table = OBSERVED if observation else TARGETS
    if slot not in table:
        return
    if "target" in row and row["target"] not in objects.classes:
        return
    target = objects.resolve(row, table[slot])
    if target is not None:
        (objects.observed if observation else objects.up)[holder].add(target)


def _images(db, objects: ObjectGraph, graph: str) -> dict[str, dict[str, str]]:
    """Per image: alias, type, first scanner, largest magnification, bytes of its files."""
    images = {
        iri: {"i": iri, "alias": name}
        for (cls, name), iri in objects.by_name.items()
        if cls == "Image" and objects.classes.get(iri) == "Image"
    }
    for slot, key in (("image_type", "type"), ("scanner", "scanner")):
        for image, value in _scan(db, graph, slot):
            if image in images:
                images[image].setdefault(key, value)
    for image, value in _scan(db, graph, "objective_magnification"):
        if image in images:
            images[image]["magnification"] = str(
                max(float(value), float(images[image].get("magnification", 0)))
            )
    sizes = dict(_scan(db, graph, "size_bytes"))
    for image, file in _scan(db, graph, "dicom_file"):
        if image in images and file in sizes:
            images[image]["bytes"] = str(int(images[image].get("bytes", 0)) + int(sizes[file]))
    return images


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
    by_observation = _by_object(
        q.rows(db, q.diagnoses(graph, with_observation=True)), vocabulary, key="obs"
    )
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


def image_facts(db, record: Record | NewVersion, vocabulary) -> tuple[ImageFacts, ...]:
    """One ImageFacts per image of the version."""
    graph = record.graph_iri
    objects = object_graph(db, record)
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
    images = _images(db, objects, graph)
    return tuple(_one_image(images[key], record, objects, tables) for key in sorted(images))


def _one_image(
    row: dict[str, str], record: Record | NewVersion, objects: ObjectGraph, tables
) -> ImageFacts:
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
