"""The docs of bpcat synth and of the model I/O name every option and public function."""

from __future__ import annotations

from pathlib import Path

from bigpicture.catalogue.cli.synth import command
from bigpicture.model import rdf_io, xml_io

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_every_synth_option_is_documented() -> None:
    text = (DOCS / "synth.md").read_text("utf-8")
    options = [opt for param in command.params for opt in param.opts if opt.startswith("--")]
    assert len(options) >= 8
    for option in options:
        assert f"`{option}" in text or f" {option}" in text, option


def test_every_public_io_function_is_documented() -> None:
    text = (DOCS / "model-io.md").read_text("utf-8")
    for module in (xml_io, rdf_io):
        names = [n for n in ("read_submission", "read_document", "write_file", "write_document",
                             "to_ntriples", "triples", "serialize", "to_graph", "from_ntriples",
                             "from_graph", "from_triples") if hasattr(module, n)]  # fmt: skip
        for name in names:
            assert f"`{name}(" in text or f"`{name}`" in text, name
