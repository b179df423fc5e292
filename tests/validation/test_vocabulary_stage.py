"""Stage 5 with a full SNOMED CT release loaded (the RF2 fixture of the vocabulary tests) and
the SNOMED CT identifier checks."""

from __future__ import annotations

from pathlib import Path

import pytest
from validation_cases import apply_patches

from bigpicture.catalogue.validation import validate_path
from bigpicture.catalogue.validation.vocabulary_stage import verhoeff_ok, well_formed_sctid
from bigpicture.vocabularies import load_snapshot, load_vocabulary

RF2_FIXTURE = Path(__file__).resolve().parents[1] / "vocabularies" / "rf2_fixture"


@pytest.fixture(scope="module")
def full_vocabulary(tmp_path_factory):
    folder = tmp_path_factory.mktemp("data") / "vocabularies"
    load_snapshot(RF2_FIXTURE, folder)
    vocabulary = load_vocabulary(folder)
    assert vocabulary.has_full_snomed
    return vocabulary


def _species_code(submission: Path, code: str, meaning: str) -> None:
    apply_patches(
        submission,
        [
            {
                "file": "METADATA/sample.xml",
                "count": 1,
                "old": "<CODE>337915000</CODE>\n          <SCHEME>SCT</SCHEME>\n"
                "          <MEANING>Homo sapiens</MEANING>",
                "new": f"<CODE>{code}</CODE>\n          <SCHEME>SCT</SCHEME>\n"
                f"          <MEANING>{meaning}</MEANING>",
            }
        ],
    )


def _vocabulary_rules(report) -> list[tuple[str, str]]:
    return [(f.rule, f.severity.value) for f in report.findings if f.stage.value == "vocabularies"]


def test_unknown_code_is_an_error_with_a_full_release(submission, full_vocabulary) -> None:
    _species_code(submission, "900000008", "Something")
    assert _vocabulary_rules(validate_path(submission)) == [("code-not-in-subset", "warning")]
    report = validate_path(submission, vocabulary=full_vocabulary)
    assert _vocabulary_rules(report) == [("code-unknown", "error")] and not report.valid


def test_a_code_of_the_release_is_accepted(submission, full_vocabulary) -> None:
    concept = full_vocabulary.lookup("9000000101")
    _species_code(submission, "9000000101", concept.label)
    assert _vocabulary_rules(validate_path(submission, vocabulary=full_vocabulary)) == []


@pytest.mark.parametrize(
    "code", ["337915000", "39607008", "254626006", "86273004", "434162003", "104210008"]
)
def test_real_snomed_ids_are_well_formed(code: str) -> None:
    assert well_formed_sctid(code)


@pytest.mark.parametrize("code", ["337915001", "12345", "0123456", "337915", "33791500X"])
def test_malformed_ids(code: str) -> None:
    assert not well_formed_sctid(code)


def test_verhoeff_detects_every_single_digit_error() -> None:
    good = "254626006"
    assert verhoeff_ok(good)
    for position in range(len(good)):
        for digit in "0123456789":
            if digit != good[position]:
                assert not verhoeff_ok(good[:position] + digit + good[position + 1 :])
