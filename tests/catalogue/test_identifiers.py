"""Identifiers: safe, deterministic version ids and DOIs (docs/design.md, "Identifiers")."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from bigpicture.catalogue.identifiers import VersionIris, is_doi, version_doi, version_id

names = st.text(min_size=1, max_size=40)


@given(names, names)
def test_version_ids_are_url_safe_and_deterministic(key: str, version: str) -> None:
    identifier = version_id(key, version)
    assert re.fullmatch(r"[A-Za-z0-9_-]+-v[A-Za-z0-9_-]+", identifier)
    assert identifier == version_id(key, version)


@given(names, names)
def test_dois_are_doi_names_under_the_prefix(key: str, version: str) -> None:
    doi = version_doi("10.99999", key, version)
    assert is_doi(doi) and doi.startswith("10.99999/bp.") and doi == doi.lower()


def test_examples() -> None:
    assert version_id("BP_LUNG_ADC_EXAMPLE", "1.0") == "BP_LUNG_ADC_EXAMPLE-v1-0"
    assert version_doi("10.99999/", "BP_LUNG", "2.0") == "10.99999/bp.bp_lung.v2-0"
    iris = VersionIris("https://cat.example.org", "BP_LUNG-v2-0", "BP_LUNG")
    assert iris.base == "https://cat.example.org/datasets/BP_LUNG-v2-0/"
    assert (
        iris.object("image", "IMG_1") == "https://cat.example.org/datasets/BP_LUNG-v2-0/image/IMG_1"
    )
    assert iris.series == "https://cat.example.org/datasets/BP_LUNG"
    assert not is_doi("https://doi.org/10.1/x") and is_doi("10.1234/abc")
