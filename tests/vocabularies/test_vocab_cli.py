"""``bpcat vocab``: output, JSON and exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from bigpicture.catalogue.cli import main
from tests.vocabularies.conftest import RF2_FIXTURE


@pytest.fixture
def run(tmp_path: Path):
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, ["vocab", *args], env={"BPCAT_DATA_DIR": str(tmp_path)})

    return invoke


def test_lookup_prints_the_concept(run) -> None:
    result = run("lookup", "1338007")
    assert result.exit_code == 0
    assert "Basal cell carcinoma" in result.output and "BP-GROUP:skin-lesion" in result.output


@pytest.mark.parametrize(
    ("args", "first"),
    [(("lookup", "C-22968"), "12710003"), (("lookup", "GRU"), "DUO:0000042"),
     (("lookup", "111475", "--scheme", "DCM"), "111475"), (("search", "naevus"), "BP-GROUP:nevus"),
     (("expand", "melanocytic lesion"), "BP-GROUP:melanocytic-lesion")],
)  # fmt: skip
def test_json_is_a_list_of_concepts(run, args, first: str) -> None:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows[0]["code"] == first
    assert all({"code", "scheme", "label"} <= set(row) for row in rows)


def test_expand_lists_the_narrower_codes(run) -> None:
    rows = json.loads(run("expand", "carcinoma", "--json").output)
    by_code = {row["code"]: row for row in rows}
    assert by_code["1187425009"]["matched"] and not by_code["1338007"]["matched"]
    assert "254626006" in by_code


@pytest.mark.parametrize("command", ["lookup", "search", "expand"])
def test_nothing_found_exits_1(run, command: str) -> None:
    result = run(command, "xyzzy-not-a-term")
    assert result.exit_code == 1
    assert json.loads(run(command, "xyzzy-not-a-term", "--json").output) == []


def test_load_snomed_then_expand_uses_the_release(run, tmp_path: Path) -> None:
    result = run("load-snomed", str(RF2_FIXTURE))
    assert result.exit_code == 0, result.output
    assert "18 concepts" in result.output
    assert (tmp_path / "vocabularies" / "snomed.sqlite").is_file()
    codes = {row["code"] for row in json.loads(run("expand", "363346000", "--json").output)}
    assert "9000000101" in codes


def test_load_snomed_with_missing_files_exits_2_with_one_line(run, tmp_path: Path) -> None:
    broken = tmp_path / "rf2"
    shutil.copytree(RF2_FIXTURE, broken)
    next(broken.rglob("sct2_Relationship_Snapshot*.txt")).unlink()
    result = run("load-snomed", str(broken))
    assert result.exit_code == 2
    assert "sct2_Relationship_Snapshot" in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1
