"""``bpcat ingest`` and ``bpcat withdraw``: messages and documented exit codes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from bigpicture.catalogue.cli import main
from bigpicture.catalogue.settings import load_settings
from bigpicture.catalogue.store import Store


@pytest.fixture
def run(tmp_path: Path):
    env = {"BPCAT_DATA_DIR": str(tmp_path / "data"), "BPCAT_SEARCH_ENGINE": "embedded"}

    def invoke(*args: str):
        return CliRunner().invoke(main, list(args), env=env)

    invoke.data_dir = tmp_path / "data"  # type: ignore[attr-defined]
    return invoke


@pytest.fixture
def submission(example_submission: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(example_submission, tmp_path / "in" / example_submission.name))


def _store(run) -> Store:
    return Store.open(load_settings(environ={}, data_dir=run.data_dir).store_dir)


def test_ingest_then_again(run, submission: Path) -> None:
    first = run("ingest", str(submission), "--node", "helsinki")
    assert first.exit_code == 0, first.output
    assert "added BP_LUNG_ADC_EXAMPLE-v1-0" in first.output and "10.99999/" in first.output
    again = run("ingest", str(submission))
    assert again.exit_code == 0 and "unchanged" in again.output


def test_an_invalid_submission_exits_1_with_the_report(run, submission: Path) -> None:
    dataset = submission / "METADATA" / "dataset.xml"
    dataset.write_text(re.sub(r"<TITLE>[^<]*</TITLE>", "", dataset.read_text(), count=1))
    result = run("ingest", str(submission))
    assert result.exit_code == 1
    assert "dataset.xml" in result.output and "error" in result.output
    assert "Traceback" not in result.output
    assert _store(run).all_records() == ()


def test_changed_content_under_an_existing_version_exits_1(run, submission: Path) -> None:
    assert run("ingest", str(submission)).exit_code == 0
    dataset = submission / "METADATA" / "dataset.xml"
    dataset.write_text(dataset.read_text().replace("<TITLE>Example:", "<TITLE>Changed:", 1))
    result = run("ingest", str(submission))
    assert result.exit_code == 1 and "immutable" in result.output


def test_an_unreadable_path_exits_2(run, tmp_path: Path) -> None:
    result = run("ingest", str(tmp_path / "nowhere"))
    assert result.exit_code == 2 and "nowhere" in result.output and "Traceback" not in result.output


def test_withdraw(run, submission: Path) -> None:
    assert run("ingest", str(submission)).exit_code == 0
    result = run("withdraw", "BP_LUNG_ADC_EXAMPLE-v1-0", "--reason", "consent withdrawn")
    assert result.exit_code == 0 and "withdrew BP_LUNG_ADC_EXAMPLE-v1-0" in result.output
    record = _store(run).require("BP_LUNG_ADC_EXAMPLE-v1-0")
    assert record.status == "withdrawn" and record.withdrawn_reason == "consent withdrawn"
    assert run("withdraw", "BP_LUNG_ADC_EXAMPLE-v1-0", "--reason", "x").exit_code == 0


def test_withdraw_unknown_or_without_reason_exits_2(run) -> None:
    assert run("withdraw", "NOPE-v1", "--reason", "x").exit_code == 2
    assert run("withdraw", "NOPE-v1").exit_code == 2
