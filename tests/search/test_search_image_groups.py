"""Many images alike: counts, pages and hits are per image in both engines.

The embedded engine indexes images of a dataset that agree in every indexed field as one
document standing for all of them (docs/search.md, "Scale"); these tests run against both
engines, so the grouped index must answer exactly as the per-image one.
"""

from __future__ import annotations

from collections import Counter

import pytest
from search_corpus import ALIKE, images_of

from bigpicture.search.documents import image_hit
from bigpicture.search.model import SearchQuery
from bigpicture.search.service import SearchService

IMAGES = images_of(ALIKE)


@pytest.fixture
def alike(backend, builder, vocabulary) -> SearchService:  # noqa: ANN001
    """The search service over one dataset of alike images."""
    backend.replace(ALIKE.id, builder.records(ALIKE, IMAGES))
    return SearchService(backend, vocabulary)


def images(service: SearchService, **changes: object) -> object:
    return service.search(SearchQuery(kind="image", **changes))


def test_totals_and_facets_count_images(alike) -> None:  # noqa: ANN001
    result = images(alike)
    assert result.total == len(IMAGES)
    stains = {value.label: value.count for value in result.facets["stain"]}
    sexes = {value.label: value.count for value in result.facets["sex"]}
    assert stains == {"hematoxylin stain": 7, "Ki-67": 7}
    assert sexes == {"female": 7, "male": 7}
    ki67 = images(alike, filters=(("stain", ("Ki-67",)),))
    assert ki67.total == 7 and {v.label for v in ki67.facets["sex"]} == {"male"}


def test_pages_split_alike_images_and_cover_each_once(alike) -> None:  # noqa: ANN001
    for sort in ("relevance", "title"):
        pages = [images(alike, size=5, page=page, sort=sort) for page in (1, 2, 3, 4)]
        seen = [hit["id"] for page in pages for hit in page.hits]
        assert [len(page.hits) for page in pages] == [5, 5, 4, 0]
        assert sorted(seen) == sorted(image.id for image in IMAGES)


def test_each_hit_is_its_own_image(alike, builder) -> None:  # noqa: ANN001
    hits = images(alike, size=100).hits
    by_id = {image.id: image for image in IMAGES}
    assert Counter(hit["id"] for hit in hits) == Counter(by_id.keys())
    for hit in hits:
        image = by_id[hit["id"]]
        expected = image_hit(image, ALIKE, builder.groups(image.diagnoses, ()))
        assert {key: hit[key] for key in expected} == expected


def test_words_and_highlights_reach_every_alike_image(alike) -> None:  # noqa: ANN001
    result = images(alike, text="hepatocellular", size=100)
    assert result.total == len(IMAGES)
    assert all("<b>" in hit["highlights"]["title"] for hit in result.hits)


def test_replacing_and_removing_the_dataset_counts_again(alike, builder) -> None:  # noqa: ANN001
    fewer = IMAGES[:3]
    alike.backend.replace(ALIKE.id, builder.records(ALIKE, fewer))
    assert images(alike).total == 3
    assert {hit["id"] for hit in images(alike).hits} == {image.id for image in fewer}
    alike.backend.remove(ALIKE.id)
    assert images(alike).total == 0


def test_a_changed_version_under_the_same_id_changes_its_image_hits(alike, builder) -> None:  # noqa: ANN001
    from dataclasses import replace

    renamed = replace(ALIKE, title="Liver cancer resections")
    alike.backend.replace(ALIKE.id, builder.records(renamed, IMAGES))
    assert {hit["title"] for hit in images(alike, size=100).hits} == {renamed.title}
