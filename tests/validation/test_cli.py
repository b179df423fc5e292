"""``bpcat validate``: exit codes, formats and the output file."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from rdflib import Graph, Literal
from rdflib.namespace import RDF, SH
from validation_cases import apply_patches, load_case

from bigpicture.catalogue.cli import main


def run(*args: str):
    return CliRunner().invoke(main, ["validate", *args], env={"BPCAT_DATA_DIR": "/nonexistent"})


def test_valid_submission_exits_0(submission: Path) -> None:
    result = run(str(submission))
    assert result.exit_code == 0
    assert "VALID — 0 error(s)" in result.output


def test_invalid_submission_exits_1_in_every_format(submission: Path, tmp_path: Path) -> None:
    apply_patches(submission, load_case("reference-unresolved")["patches"])
    text = run(str(submission))
    assert text.exit_code == 1 and "INVALID" in text.output
    assert "METADATA/image.xml:" in text.output and "reference-unresolved" in text.output
    report = json.loads(run(str(submission), "--format", "json").output)
    assert report["valid"] is False and report["summary"]["errors"] == 1
    html = run(str(submission), "--format", "html").output
    assert html.startswith("<!DOCTYPE html>") and "<h2>METADATA/image.xml</h2>" in html
    assert "LUNGEX_IMG_01_HE" in html and "How to fix" in html
    out = tmp_path / "report.ttl"
    assert run(str(submission), "--format", "turtle", "-o", str(out)).exit_code == 1
    graph = Graph().parse(out, format="turtle")
    root = graph.value(None, RDF.type, SH.ValidationReport)
    assert graph.value(root, SH.conforms) == Literal(False)
    assert len(list(graph.objects(root, SH.result))) == len(report["findings"])


def test_one_xml_file(submission: Path) -> None:
    result = run(str(submission / "METADATA" / "image.xml"), "--format", "json")
    report = json.loads(result.output)
    assert result.exit_code == 0 and report["summary"]["files"] == 1
    assert {f["rule"] for f in report["findings"]} == {"reference-not-checked"}


def test_unreadable_input_exits_2(tmp_path: Path) -> None:
    result = run(str(tmp_path / "missing"))
    assert result.exit_code == 2
    assert "no such file or folder" in result.output


def test_unknown_format_is_a_usage_error(submission: Path) -> None:
    assert run(str(submission), "--format", "pdf").exit_code == 2


def test_command_and_options_are_documented() -> None:
    text = (Path(__file__).resolve().parents[2] / "docs" / "validation-report.md").read_text()
    assert "`bpcat validate" in text or "bpcat validate PATH" in text
    for option in main.commands["validate"].params:
        for flag in getattr(option, "opts", ()):
            if flag.startswith("--"):
                assert flag in text, flag
