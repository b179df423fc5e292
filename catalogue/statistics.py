"""The catalogue's numbers: datasets, images, cases and terabytes, in total and by node, organ,
diagnosis group, stain and scanner, counted over the current (not superseded, not withdrawn)
dataset versions.

Images and terabytes are counted image by image where the catalogue has image-level facts
(``ImageFacts``: organ, stain and scanner of each slide scan); otherwise, and for node and
diagnosis group, a dataset counts fully under each of its values. Datasets and cases count each
dataset under every value it has. Rows of one dimension can therefore add up to more datasets
or cases than the total.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from bigpicture.catalogue.facts import Concept, DatasetFacts, ImageFacts

MEASURES = ("datasets", "images", "cases", "terabytes")
NOT_STATED = "not stated"


@dataclass(frozen=True)
class Totals:
    """The four measures for one group of dataset versions or images."""

    datasets: int = 0
    images: int = 0
    cases: int = 0
    terabytes: float = 0.0

    def measure(self, name: str) -> float:
        """One measure by name."""
        return float(getattr(self, name))

    def as_dict(self) -> dict[str, float]:
        """The measures as a mapping."""
        return {name: getattr(self, name) for name in MEASURES}


@dataclass
class Tally:
    """Running counts of one value of a dimension."""

    datasets: set[str] = field(default_factory=set)
    cases: int = 0
    images: int = 0
    size: int = 0

    def add_dataset(self, facts: DatasetFacts) -> None:
        """Count a dataset (once) and its cases."""
        if facts.id not in self.datasets:
            self.datasets.add(facts.id)
            self.cases += facts.case_count

    def totals(self) -> Totals:
        """The tally as ``Totals``."""
        return Totals(len(self.datasets), self.images, self.cases, round(self.size / 1e12, 6))


@dataclass(frozen=True)
class Dimension:
    """A way to group: the values of a dataset and, where it makes sense, of an image."""

    name: str
    label: str
    of_dataset: Callable[[DatasetFacts], Sequence[str]]
    of_image: Callable[[ImageFacts], Sequence[str]] | None = None


@dataclass(frozen=True)
class Breakdown:
    """Totals per value of one dimension, most images first."""

    dimension: str
    label: str
    rows: tuple[tuple[str, Totals], ...]


def labels(concepts: Iterable[Concept]) -> list[str]:
    """Distinct labels of concepts, in order."""
    return list(dict.fromkeys(c.label for c in concepts if c.label))


DIMENSIONS: tuple[Dimension, ...] = (
    Dimension("node", "Node", lambda f: [f.node] if f.node else []),
    Dimension("organ", "Organ", lambda f: labels(f.organs), lambda i: labels(i.organs)),
    Dimension("diagnosis_group", "Diagnosis group", lambda f: labels(f.diagnosis_groups)),
    Dimension("stain", "Stain", lambda f: labels(f.stains), lambda i: labels(i.stains)),
    Dimension(
        "scanner",
        "Scanner",
        lambda f: list(dict.fromkeys(f.scanners)),
        lambda i: [i.scanner] if i.scanner else [],
    ),
)


@dataclass(frozen=True)
class Statistics:
    """Totals and breakdowns of the current dataset versions."""

    total: Totals
    breakdowns: tuple[Breakdown, ...]

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready form."""
        return {
            "total": self.total.as_dict(),
            "by": {
                b.dimension: [{"value": value, **totals.as_dict()} for value, totals in b.rows]
                for b in self.breakdowns
            },
        }


def count_dataset(
    tallies: dict[str, Tally],
    dimension: Dimension,
    facts: DatasetFacts,
    images: Sequence[ImageFacts],
) -> None:
    """Add one dataset version (and its images) to the tallies of ``dimension``."""
    for value in dimension.of_dataset(facts) or [NOT_STATED]:
        tallies.setdefault(value, Tally()).add_dataset(facts)
    if images and dimension.of_image is not None:
        for image in images:
            for value in dimension.of_image(image) or [NOT_STATED]:
                tally = tallies.setdefault(value, Tally())
                tally.add_dataset(facts)
                tally.images += 1
                tally.size += image.size_bytes
        return
    for value in dimension.of_dataset(facts) or [NOT_STATED]:
        tallies[value].images += facts.image_count
        tallies[value].size += facts.size_bytes


def breakdown(
    dimension: Dimension, facts: Sequence[DatasetFacts], images: Mapping[str, Sequence[ImageFacts]]
) -> Breakdown:
    """Totals per value of one dimension."""
    tallies: dict[str, Tally] = {}
    for item in facts:
        count_dataset(tallies, dimension, item, images.get(item.id, ()))
    rows = sorted(
        ((v, t.totals()) for v, t in tallies.items()),
        key=lambda row: (-row[1].images, -row[1].datasets, row[0]),
    )
    return Breakdown(dimension.name, dimension.label, tuple(rows))


def current(facts: Iterable[DatasetFacts]) -> list[DatasetFacts]:
    """The current versions among ``facts``."""
    return [f for f in facts if f.status == "current"]


def compute(
    facts: Iterable[DatasetFacts], images: Mapping[str, Sequence[ImageFacts]] | None = None
) -> Statistics:
    """The statistics of the current versions among ``facts`` (``images`` by version id)."""
    chosen = current(facts)
    images = images or {}
    total = Tally()
    for item in chosen:
        total.add_dataset(item)
        total.images += item.image_count
        total.size += item.size_bytes
    return Statistics(total.totals(), tuple(breakdown(d, chosen, images) for d in DIMENSIONS))
