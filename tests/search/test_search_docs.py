"""docs/search.md names every facet, sort, parameter and command-line option of search."""

from __future__ import annotations

from pathlib import Path

from bigpicture.catalogue.cli.index import command as index_command
from bigpicture.catalogue.cli.search import command as search_command
from bigpicture.search.facets import FACET_NAMES
from bigpicture.search.model import KINDS, SORTS
from bigpicture.search.openapi import PATHS

DOC = Path(__file__).resolve().parents[2] / "docs" / "search.md"


def test_facets_sorts_kinds_and_parameters_are_documented() -> None:
    text = DOC.read_text()
    for word in (*FACET_NAMES, *SORTS, *KINDS):
        assert f"`{word}`" in text, f"{word} is not in docs/search.md"
    for parameter in PATHS["/api/search"]["get"]["parameters"]:
        assert parameter["name"] in text


def test_command_line_options_are_documented() -> None:
    text = DOC.read_text()
    for command in (search_command, index_command):
        assert f"bpcat {command.name}" in text
        for option in command.params:
            for flag in getattr(option, "opts", ()):
                if flag.startswith("--"):
                    assert flag in text, f"{flag} of bpcat {command.name} is not documented"
