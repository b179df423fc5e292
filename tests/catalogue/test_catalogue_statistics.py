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


def test_images_and_terabytes_are_counted_per_image_when_known() -> None:
    from sample_catalogue import HE, KI67, LUNG

    from bigpicture.catalogue.facts import ImageFacts

    lung_v2 = sample_catalogue()[1]
    images = {
        lung_v2.id: [
            ImageFacts(
                f"I{n}",
                lung_v2.id,
                f"IMG_{n}",
                organs=(LUNG,),
                stains=(stain,),
                scanner="Scanner A" if n < 3 else "",
                size_bytes=10**12,
            )
            for n, stain in enumerate((HE, HE, HE, KI67))
        ]
    }
    stats = compute(sample_catalogue(), images)
    stains = dict(next(b.rows for b in stats.breakdowns if b.dimension == "stain"))
    assert stains["Ki-67 immunohistochemical stain"].images == 1
    assert stains["Ki-67 immunohistochemical stain"].terabytes == 1.0
    assert stains["Hematoxylin and eosin stain"].images == 3 + 310 + 92
    assert stains["Hematoxylin and eosin stain"].datasets == 3
    scanners = dict(next(b.rows for b in stats.breakdowns if b.dimension == "scanner"))
    assert scanners["Scanner A"].images == 3 and scanners["not stated"].images == 1
    assert stats.total.images == 480 + 310 + 92
