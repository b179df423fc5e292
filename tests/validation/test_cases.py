"""Data-driven conformance cases: each folder of cases/ mutates the example submission and says
which findings validation must report (tests/validation/cases/*/case.json)."""

from __future__ import annotations

from pathlib import Path

import pytest
from validation_cases import apply_patches, case_names, copy_example, load_case

from bigpicture.catalogue.validation import Severity, validate_path


def _matches(finding, expected: dict) -> bool:
    data = finding.to_json()
    return all(data.get(key) == value for key, value in expected.items())


@pytest.mark.parametrize("name", case_names())
def test_case(name: str, example_submission: Path, tmp_path: Path) -> None:
    case = load_case(name)
    folder = copy_example(example_submission, tmp_path)
    apply_patches(folder, case["patches"])
    report = validate_path(folder)
    assert report.valid is case["valid"], [f.to_json() for f in report.findings]
    for expected in case["findings"]:
        assert any(_matches(f, expected) for f in report.findings), (expected, report.to_json())
    if case["complete"]:
        unexpected = [
            f.to_json()
            for f in report.findings
            if not any(_matches(f, e) for e in case["findings"])
        ]
        assert not unexpected


@pytest.mark.parametrize("name", case_names())
def test_every_finding_is_located_and_explained(
    name: str, example_submission: Path, tmp_path: Path
) -> None:
    folder = copy_example(example_submission, tmp_path)
    apply_patches(folder, load_case(name)["patches"])
    for finding in validate_path(folder).findings:
        assert finding.message and finding.rule and finding.file
        if finding.severity is not Severity.INFO:
            assert finding.hint
