"""The seeded plan of a synthetic dataset: cases drawn one at a time, never held all at once.

A dataset is a sequence of cases (biological being -> case -> specimens -> blocks -> slides ->
images, MetaFleX BP.sample.xsd and BP.image.xsd). Each case has its own random generator seeded
by (seed, dataset alias, case number), so the same seed gives the same cases, a larger image
count only appends cases, and the writers can walk the cases in a single streaming pass.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass

from bigpicture.catalogue.synth.tables import (
    Code,
    Diagnosis,
    Node,
    Organ,
    SpecimenKind,
    Staining,
    Tables,
)

HUMAN_SPECIES_CODE = "337915000"
BLOCK_LETTERS = "ABCD"


@dataclass(frozen=True)
class DatasetPlan:
    """One dataset to generate."""

    index: int
    node: Node
    alias: str
    prefix: str
    """Prefix of every alias in the dataset (unique per dataset)."""
    version: str
    image_count: int
    seed: int


@dataclass(frozen=True)
class DataFile:
    """A FILE entry with made-up but well-formed checksums."""

    filename: str
    checksum: str
    unencrypted_checksum: str


@dataclass(frozen=True)
class SlideRecord:
    """A slide, its one image, and what is observed or annotated on it."""

    alias: str
    image_alias: str
    staining: Staining
    files: tuple[DataFile, ...]
    image_diagnosis_observer: int | None
    """Index of the observer of a Distinct image-level diagnosis, or None (no such statement)."""
    finding_percent: int | None
    """Percentage of positive cells reported on an IHC slide, or None."""
    annotated: bool


@dataclass(frozen=True)
class BlockRecord:
    """A block and the slides cut from it."""

    alias: str
    preparation: Code
    slides: tuple[SlideRecord, ...]


@dataclass(frozen=True)
class SpecimenRecord:
    """A specimen and the blocks sampled from it."""

    alias: str
    kind: SpecimenKind
    fixation: Code
    age: tuple[str, str]
    """ISO-8601 ``interval_start`` and ``interval_length``."""
    blocks: tuple[BlockRecord, ...]
    size_mm: int | None
    """Greatest dimension of a resection specimen, reported macroscopically, or None."""


@dataclass(frozen=True)
class CaseRecord:
    """One biological being with one case and its specimens."""

    number: int
    being_alias: str
    case_alias: str
    species: Code
    sex: str
    organ: Organ
    diagnosis: Diagnosis
    specimens: tuple[SpecimenRecord, ...]
    trial: tuple[tuple[str, str], ...] = ()
    """Clinical-trial attributes of the case (TAG, value), for the clinical-trials node."""

    @property
    def slides(self) -> Iterator[SlideRecord]:
        """Every slide of the case, in order."""
        for specimen in self.specimens:
            for block in specimen.blocks:
                yield from block.slides


def iter_cases(plan: DatasetPlan, tables: Tables) -> Iterator[CaseRecord]:
    """The cases of a dataset until it has exactly ``plan.image_count`` images."""
    remaining, number = plan.image_count, 0
    while remaining > 0:
        number += 1
        case = make_case(plan, tables, number, remaining)
        remaining -= sum(1 for _ in case.slides)
        yield case


def make_case(plan: DatasetPlan, tables: Tables, number: int, budget: int) -> CaseRecord:
    """Case ``number`` of the dataset, with at most ``budget`` images."""
    rng = random.Random(f"{plan.seed}/{plan.alias}/{number}")
    organ = _pick(rng, plan.node.organs)
    species = _pick(rng, plan.node.species)
    tag = f"{plan.prefix}_%s_{number:06d}"
    specimens: list[SpecimenRecord] = []
    for index in range(1, 1 + (1 if rng.random() < 0.8 else 2)):
        if budget <= 0:
            break
        specimen = _specimen(rng, plan, tables, organ, species, f"{tag}_{index}", budget)
        budget -= sum(len(block.slides) for block in specimen.blocks)
        specimens.append(specimen)
    return CaseRecord(
        number,
        tag % "BB",
        tag % "CASE",
        species,
        _pick(rng, organ.sexes),
        organ,
        _pick(rng, organ.diagnoses),
        tuple(specimens),
        _trial(rng, plan) if plan.node.domain == "clinical trials" else (),
    )


def _trial(rng: random.Random, plan: DatasetPlan) -> tuple[tuple[str, str], ...]:
    """Custom case attributes of a clinical-trial dataset (TAGs outside the known profile)."""
    return (
        ("clinical_trial", f"BPSYN-CT-{plan.index:04d}"),
        ("trial_arm", rng.choice(("A", "B"))),
        ("trial_timepoint", rng.choice(("baseline", "on treatment", "after treatment"))),
    )


def _pick(rng: random.Random, weighted):
    """A weighted choice from ``(item, weight)`` pairs or from objects with a ``weight``."""
    items = list(weighted)
    if isinstance(items[0], tuple):
        return rng.choices([item for item, _ in items], [weight for _, weight in items])[0]
    return rng.choices(items, [item.weight for item in items])[0]


def _age(rng: random.Random, species: Code) -> tuple[str, str]:
    if species.code == HUMAN_SPECIES_CODE:
        return f"P{5 * rng.randint(5, 17)}Y", "P5Y"
    return f"P{4 * rng.randint(2, 6)}W", "P4W"


def _specimen(
    rng: random.Random,
    plan: DatasetPlan,
    tables: Tables,
    organ: Organ,
    species: Code,
    tag: str,
    budget: int,
) -> SpecimenRecord:
    kind = _pick(rng, organ.specimens)
    block_count = rng.randint(1, 4) if kind.resection else 1
    blocks = []
    for letter in BLOCK_LETTERS[:block_count]:
        if budget <= 0:
            break
        block = _block(rng, plan, tables, organ, tag + letter, budget)
        budget -= len(block.slides)
        blocks.append(block)
    size = rng.randint(4, 60) if kind.resection and rng.random() < 0.3 else None
    return SpecimenRecord(
        tag % "SPEC", kind, _pick(rng, tables.fixatives), _age(rng, species), tuple(blocks), size
    )


def _block(
    rng: random.Random, plan: DatasetPlan, tables: Tables, organ: Organ, tag: str, budget: int
) -> BlockRecord:
    keys = ["HE"] + [key for key, chance in organ.stains if rng.random() < chance]
    slides = tuple(_slide(rng, plan, tables.stainings[key], tag, key) for key in keys[:budget])
    return BlockRecord(tag % "BLK", _pick(rng, tables.block_preparations), slides)


def _slide(
    rng: random.Random, plan: DatasetPlan, staining: Staining, tag: str, key: str
) -> SlideRecord:
    image_alias = f"{tag % 'IMG'}_{key}"
    levels = ("level0", "level1", "label")[: rng.randint(1, 3)]
    files = tuple(_file(plan.seed, f"{image_alias}_{level}.dcm") for level in levels)
    chemical = staining.method == "chemical"
    observer = None
    if chemical and rng.random() < 0.12:
        observer = 2 if rng.random() < 0.25 else rng.randint(0, 1)
    finding = rng.randint(1, 95) if not chemical and rng.random() < 0.5 else None
    annotated = key == "HE" and rng.random() < 0.05
    return SlideRecord(
        f"{tag % 'SLD'}_{key}", image_alias, staining, files, observer, finding, annotated
    )


def _file(seed: int, filename: str) -> DataFile:
    plain = hashlib.sha256(f"{seed}/{filename}".encode()).hexdigest()
    return DataFile(filename, hashlib.sha256(f"{plain}.c4gh".encode()).hexdigest(), plain)


def checksum_file(seed: int, filename: str) -> DataFile:
    """A FILE entry for any other file of the submission (annotations, thumbnails)."""
    return _file(seed, filename)
