"""docs/store.md names every command of the store area and its exit codes."""

from __future__ import annotations

from pathlib import Path

from bigpicture.catalogue.cli import main

DOC = Path(__file__).resolve().parents[2] / "docs" / "store.md"


def test_store_commands_are_documented() -> None:
    text = DOC.read_text()
    for name in ("ingest", "withdraw", "demo"):
        command = main.commands[name]
        assert f"`bpcat {name}" in text, f"bpcat {name} is not in docs/store.md"
        for option in command.params:
            for flag in getattr(option, "opts", ()):
                if flag.startswith("--"):
                    assert flag in text, f"bpcat {name} {flag} is not in docs/store.md"


def test_sparql_formats_are_documented() -> None:
    from bigpicture.catalogue.sparql import GRAPH_FORMATS, RESULT_FORMATS

    text = DOC.read_text()
    for name in {*RESULT_FORMATS, *GRAPH_FORMATS} - {"ttl", "ntriples"}:
        assert f"`{name}`" in text, f"format={name} is not in docs/store.md"
