"""Generating synthetic MetaFleX 2.0.0 submissions in the preparation-guide layout (FORMAT.md 1).

Each dataset is written in one streaming pass over its cases: sample, image, observation and
annotation files grow side by side, and the dataset's references go to temporary spool files
that are copied into dataset.xml at the end. Memory stays flat however many images there are.
"""

from __future__ import annotations

import random
import tempfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from bigpicture.catalogue.synth import dataset_files, objects
from bigpicture.catalogue.synth.plan import CaseRecord, DatasetPlan, iter_cases
from bigpicture.catalogue.synth.sink import TextSink, TreeSink, XmlSink
from bigpicture.catalogue.synth.tables import Tables, load_tables

#: Node names in the order datasets rotate through them when no node is chosen.
NODE_ORDER = ("utrecht", "vienna", "leeds", "helsinki", "linkoping", "marburg")
REF_KINDS = ("IMAGE_REF", "ANNOTATION_REF", "OBSERVATION_REF")
#: Makes the sink of one file: (path, root element, seed) -> context manager of an XmlSink.
Opener = Callable[[Path, str, int], AbstractContextManager[XmlSink]] | None


@dataclass(frozen=True)
class SynthOptions:
    """What to generate."""

    datasets: int = 1
    images: tuple[int, int] = (10, 10)
    """Images per dataset: exactly ``n`` for ``(n, n)``, else drawn from the closed range."""
    seed: int = 0
    node: str | None = None
    """One node for all datasets; None rotates through ``NODE_ORDER``."""
    version: str = "1.0"
    """The dataset VERSION; the same seed and a new version give a new version of the same
    datasets (same aliases; a larger image count keeps the earlier cases)."""
    first_index: int = 1
    by_node: bool = False
    """Write ``OUT/<node>/DATASET_<alias>`` instead of ``OUT/DATASET_<alias>``."""


@dataclass(frozen=True)
class DatasetSummary:
    """What was written for one dataset."""

    alias: str
    node: str
    folder: Path
    images: int
    cases: int
    specimens: int
    blocks: int
    observations: int
    annotations: int


@dataclass
class _Tally:
    cases: int = 0
    specimens: int = 0
    blocks: int = 0
    images: int = 0
    observations: int = 0
    annotations: int = 0
    stainings: set[str] = field(default_factory=set)
    observers: set[int] = field(default_factory=lambda: {0})
    sample_images: list[str] = field(default_factory=list)


def plans(options: SynthOptions, tables: Tables) -> Iterator[DatasetPlan]:
    """The datasets to generate, in order."""
    low, high = options.images
    for index in range(options.first_index, options.first_index + options.datasets):
        node = tables.nodes[options.node or NODE_ORDER[(index - 1) % len(NODE_ORDER)]]
        count = (
            low
            if low == high
            else random.Random(f"{options.seed}/count/{index}").randint(low, high)
        )
        alias = f"BPSYN_{node.name.upper()}_{index:04d}"
        yield DatasetPlan(
            index, node, alias, f"{node.code}{index:04d}", options.version, count, options.seed
        )


def generate(out: Path, options: SynthOptions, opener: Opener = None) -> Iterator[DatasetSummary]:
    """Write every dataset under ``out``, yielding a summary as each one is finished.

    ``opener`` makes the sink of each file: the streaming ``xml_file`` (default) or the
    in-memory ``tree_file`` baseline of the benchmark.
    """
    tables = load_tables()
    for plan in plans(options, tables):
        base = out / plan.node.name if options.by_node else out
        yield write_dataset(base / f"DATASET_{plan.alias}", plan, tables, opener)


@contextmanager
def tree_file(path: Path, root: str, seed: int) -> Iterator[XmlSink]:
    """The naive baseline: the whole document as an lxml tree in memory, written at the end."""
    sink = TreeSink()
    sink.start(root)
    sink.comment(_comment(seed))
    yield sink
    sink.end(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(sink.tostring())


def _comment(seed: int) -> str:
    return (
        f"Synthetic MetaFleX 2.0.0 data made by bpcat synth (seed {seed}); "
        "everything here is made up."
    )


@contextmanager
def xml_file(path: Path, root: str, seed: int) -> Iterator[XmlSink]:
    """A streaming XML file with an ``X_SET`` root element."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n", buffering=1 << 16) as handle:
        sink = TextSink(handle)
        sink.start(root)
        sink.comment(_comment(seed))
        yield sink
        sink.end(root)


def write_dataset(
    folder: Path, plan: DatasetPlan, tables: Tables, opener: Opener = None
) -> DatasetSummary:
    """Write one dataset folder in a single pass over its cases."""
    opener = opener or xml_file
    meta, tally = folder / "METADATA", _Tally()
    with ExitStack() as stack:
        spools = {kind: stack.enter_context(_spool()) for kind in REF_KINDS}
        samples = stack.enter_context(opener(meta / "sample.xml", "SAMPLE_SET", plan.seed))
        images = stack.enter_context(opener(meta / "image.xml", "IMAGE_SET", plan.seed))
        observations = stack.enter_context(
            opener(meta / "observation.xml", "OBSERVATION_SET", plan.seed)
        )
        annotations = _Lazy(
            lambda: stack.enter_context(
                opener(meta / "annotation.xml", "ANNOTATION_SET", plan.seed)
            )
        )
        for case in iter_cases(plan, tables):
            objects.write_samples(samples, plan, case)
            objects.write_observations(observations, plan, case)
            _write_case_images(images, annotations, plan, case, spools, tally)
        with opener(meta / "dataset.xml", "DATASET_SET", plan.seed) as sink:
            dataset_files.write_dataset(sink, plan, _refs(spools))
    _write_small_files(folder, plan, tables, tally, opener)
    return DatasetSummary(
        plan.alias,
        plan.node.name,
        folder,
        tally.images,
        tally.cases,
        tally.specimens,
        tally.blocks,
        tally.observations,
        tally.annotations,
    )


class _Lazy:
    """A sink opened on first use (annotation.xml exists only when there are annotations)."""

    def __init__(self, opener: Callable[[], XmlSink]) -> None:
        self._opener, self._sink = opener, None

    def get(self) -> XmlSink:
        if self._sink is None:
            self._sink = self._opener()
        return self._sink


@contextmanager
def _spool() -> Iterator[TextIO]:
    with tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n") as handle:
        yield handle


def _write_case_images(
    images: XmlSink,
    annotations: _Lazy,
    plan: DatasetPlan,
    case: CaseRecord,
    spools: dict[str, TextIO],
    tally: _Tally,
) -> None:
    tally.cases += 1
    tally.specimens += len(case.specimens)
    tally.blocks += sum(len(s.blocks) for s in case.specimens)
    for slide in case.slides:
        objects.write_image(images, slide)
        spools["IMAGE_REF"].write(slide.image_alias + "\n")
        tally.images += 1
        tally.stainings.add(slide.staining.key)
        if len(tally.sample_images) < 3:
            tally.sample_images.append(slide.image_alias)
        if slide.image_diagnosis_observer is not None:
            tally.observers.add(slide.image_diagnosis_observer)
        if slide.annotated:
            objects.write_annotation(annotations.get(), plan, slide)
            spools["ANNOTATION_REF"].write(objects.annotation_alias(slide) + "\n")
            tally.annotations += 1
    if any(s.size_mm is not None for s in case.specimens):
        tally.observers.add(1)
    for alias in objects.case_observation_aliases(plan, case):
        spools["OBSERVATION_REF"].write(alias + "\n")
        tally.observations += 1


def _refs(spools: dict[str, TextIO]) -> Iterator[tuple[str, str]]:
    for kind in REF_KINDS:
        spools[kind].seek(0)
        for line in spools[kind]:
            yield kind, line.rstrip("\n")


def _write_small_files(
    folder: Path, plan: DatasetPlan, tables: Tables, tally: _Tally, opener: Opener
) -> None:
    meta = folder / "METADATA"
    with opener(meta / "staining.xml", "STAINING_SET", plan.seed) as sink:
        for key in sorted(tally.stainings):
            objects.write_staining(sink, objects.staining_alias(plan, key), tables.stainings[key])
    with opener(meta / "observer.xml", "OBSERVER_SET", plan.seed) as sink:
        for index in sorted(tally.observers):
            dataset_files.write_observer(sink, plan, index)
    with opener(meta / "policy.xml", "POLICY_SET", plan.seed) as sink:
        dataset_files.write_policy(sink, plan)
    with opener(
        folder / "LANDING_PAGE" / "landing_page.xml", "LANDING_PAGE_SET", plan.seed
    ) as sink:
        dataset_files.write_landing_page(sink, plan, tally.sample_images)
    with opener(folder / "PRIVATE" / "rems.xml", "REMS_SET", plan.seed) as sink:
        dataset_files.write_rems(sink, plan)
    with opener(folder / "PRIVATE" / "organisation.xml", "ORGANISATION_SET", plan.seed) as sink:
        dataset_files.write_organisation(sink, plan)
