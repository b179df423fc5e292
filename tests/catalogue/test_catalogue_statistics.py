"""The catalogue's numbers by node, organ, diagnosis group, stain and scanner."""

from __future__ import annotations

from sample_catalogue import sample_catalogue

from bigpicture.catalogue.statistics import compute


def test_totals_count_only_current_versions() -> None:
    stats = compute(sample_catalogue())
    assert stats.total.datasets == 3 and stats.total.images == 480 + 310 + 92
    assert stats.total.terabytes == 1.965


def test_a_dataset_counts_under_each_of_its_values() -> None:
    stats = compute(sample_catalogue())
    stains = dict(next(b.rows for b in stats.breakdowns if b.dimension == "stain"))
    assert stains["Hematoxylin and eosin stain"].datasets == 3
    assert stains["Ki-67 immunohistochemical stain"].images == 480
    scanners = dict(next(b.rows for b in stats.breakdowns if b.dimension == "scanner"))
    assert scanners["Leica Aperio GT 450"].images == 480 + 92


def test_rows_are_sorted_by_images_and_missing_values_are_named() -> None:
    stats = compute(sample_catalogue())
    groups = next(b for b in stats.breakdowns if b.dimension == "diagnosis_group")
    images = [totals.images for _, totals in groups.rows]
    assert images == sorted(images, reverse=True)
    assert compute([]).as_dict()["total"]["datasets"] == 0
