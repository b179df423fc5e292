"""The shipped demo submissions are exactly what the commands in their README produce."""

from __future__ import annotations

import shlex
from pathlib import Path

from click.testing import CliRunner

from bigpicture.catalogue.cli import main

DEMO = Path(__file__).resolve().parents[2] / "catalogue" / "demo"


def _commands() -> list[list[str]]:
    lines = (DEMO / "README.md").read_text("utf-8").splitlines()
    return [shlex.split(line)[1:] for line in lines if line.startswith("bpcat synth ")]


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.xml"))}


def test_demo_is_reproduced_by_its_readme_commands(tmp_path: Path) -> None:
    commands = _commands()
    assert len(commands) == 2
    for args in commands:
        args[-1] = str(tmp_path / Path(args[-1]).relative_to("catalogue/demo"))
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
    assert _files(tmp_path) == _files(DEMO)


def test_demo_is_small_and_has_one_dataset_per_node_and_a_second_version() -> None:
    assert sum(len(data) for data in _files(DEMO).values()) < 2_000_000
    first = sorted(p.parent.name + "/" + p.name for p in DEMO.glob("round-1/*/DATASET_*"))
    assert len(first) == 6 and len({name.split("/")[0] for name in first}) == 6
    [second] = DEMO.glob("round-2/*/DATASET_*")
    assert second.name in {name.split("/")[1] for name in first}
