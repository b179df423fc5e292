"""The pipeline: the forked SHACL stage reports what the in-process one does; the report format."""

from __future__ import annotations

from pathlib import Path

import pytest
from validation_cases import apply_patches, load_case

from bigpicture.catalogue.validation import Severity, Stage, pipeline, validate_path

DOCS = Path(__file__).resolve().parents[2] / "docs" / "validation-report.md"


@pytest.mark.parametrize("case", ["sex-not-allowed", "age-not-iso8601", "valid-example"])
def test_forked_shacl_stage_gives_the_same_report(case, submission, monkeypatch) -> None:
    apply_patches(submission, load_case(case)["patches"])
    alone = validate_path(submission, parallel=False)
    monkeypatch.setattr(pipeline, "PARALLEL_FROM_OBJECTS", 1)
    assert validate_path(submission, parallel=True) == alone


def test_stages_can_be_chosen(submission: Path) -> None:
    apply_patches(submission, load_case("sex-not-allowed")["patches"])
    report = validate_path(submission, stages=[Stage.PARSING, Stage.XSD, Stage.REFERENCES])
    assert report.valid and report.summary()["stages"] == ["input", "parsing", "xsd", "references"]


def test_json_report_shape(submission: Path) -> None:
    apply_patches(submission, load_case("meaning-mismatch")["patches"])
    data = validate_path(submission).to_json()
    assert set(data) == {"valid", "summary", "findings"}
    assert set(data["summary"]) == {
        "format",
        "source",
        "files",
        "objects",
        "stages",
        "errors",
        "warnings",
        "infos",
        "by_rule",
    }
    assert set(data["findings"][0]) == {
        "severity",
        "stage",
        "file",
        "line",
        "column",
        "object",
        "alias",
        "rule",
        "message",
        "hint",
    }


def test_the_report_format_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    keys = [
        "valid",
        "summary",
        "findings",
        "format",
        "by_rule",
        "severity",
        "stage",
        "file",
        "line",
        "column",
        "object",
        "alias",
        "rule",
        "message",
        "hint",
    ]
    for word in keys + [s.value for s in Severity] + [s.value for s in Stage]:
        assert f"`{word}`" in text, word


def test_every_rule_of_the_cases_is_documented() -> None:
    from validation_cases import case_names

    text = DOCS.read_text(encoding="utf-8")
    for name in case_names():
        for finding in load_case(name)["findings"]:
            rule = finding["rule"]
            documented = rule if not rule.startswith("shacl:") else "shacl:"
            assert f"`{documented}" in text, rule


def test_shapes_our_engine_cannot_run_fall_back_to_pyshacl(submission, monkeypatch) -> None:
    from bigpicture.catalogue.validation import shacl_stage
    from bigpicture.catalogue.validation.shacl_engine import UnsupportedShape

    apply_patches(submission, load_case("sex-not-allowed")["patches"])
    expected = validate_path(submission, parallel=False)

    def unsupported():
        raise UnsupportedShape("sh:qualifiedValueShape")

    monkeypatch.setattr(shacl_stage, "engine", unsupported)
    fallback = validate_path(submission)
    assert fallback == expected and not fallback.valid
