"""Formatted citation, BibTeX and RIS of a dataset version."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sample_catalogue import kidney, lung

from bigpicture.catalogue import citation
from bigpicture.catalogue.dcat import PublishContext
from bigpicture.catalogue.facts import Person

CTX = PublishContext("https://cat.example.org", "Bigpicture", "bp@example.org")


@pytest.mark.parametrize(
    ("name", "family", "given"),
    [
        ("Alice Andersson", "Andersson", "Alice"),
        ("van Dijk, Anna Maria", "van Dijk", "Anna Maria"),
        ("Plato", "Plato", ""),
    ],
)
def test_split_name(name: str, family: str, given: str) -> None:
    assert citation.split_name(name) == (family, given)


def test_formatted_citation_follows_datacite() -> None:
    text = citation.formatted(lung("2"), CTX)
    assert text == (
        "Andersson, A.; Bianchi, B. (2026). Lung adenocarcinoma whole-slide images with "
        "immunohistochemistry (Version 2) [Data set]. Bigpicture. "
        "https://doi.org/10.99999/bp.lung-adc.2"
    )


def test_without_doi_the_landing_page_is_cited() -> None:
    assert citation.formatted(kidney(), CTX).endswith(
        "https://cat.example.org/datasets/BP_KIDNEY_IGA-1"
    )


def test_bibtex_escapes_text_but_not_identifiers() -> None:
    facts = replace(
        lung("2"), title="Ki-67 & H_E {lung}", doi="10.99999/a_b", creators=(Person("Zoë Ørsted"),)
    )
    entry = citation.bibtex(facts, CTX)
    assert "title = {Ki-67 \\& H\\_E \\{lung\\}}" in entry
    assert "doi = {10.99999/a_b}" in entry and "author = {Ørsted, Zoë}" in entry
    assert entry.startswith("@misc{rsted2026LUNG-ADC,")
    key = citation.bibtex_key(replace(facts, creators=(Person("Zoë Müller"),)))
    assert key == "Muller2026LUNG-ADC"


def test_ris_record() -> None:
    lines = citation.ris(lung("2"), CTX).split("\r\n")
    assert lines[0] == "TY  - DATA" and "AU  - Andersson, Alice" in lines
    assert "ET  - 2" in lines and "KW  - Lung structure" in lines and lines[-2] == "ER  - "
