"""docs/cli.md names every bpcat command and every one of its options."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click

from bigpicture.catalogue.cli import main

DOCS = Path(__file__).resolve().parents[3] / "docs" / "cli.md"


def _commands(command: click.Command, path: str) -> Iterator[tuple[str, click.Command]]:
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            yield from _commands(sub, f"{path} {name}")
    else:
        yield path, command


def test_every_command_and_option_is_documented() -> None:
    page = DOCS.read_text()
    commands = list(_commands(main, "bpcat"))
    assert len(commands) >= 15
    for path, command in commands:
        section = page.split(f"## `{path}`\n", 1)
        assert len(section) == 2, f"docs/cli.md has no section for {path}"
        body = section[1].split("\n## ", 1)[0]
        for param in command.params:
            if isinstance(param, click.Option):
                assert f"`{param.opts[0]}`" in body, f"{path} {param.opts[0]} is not documented"
