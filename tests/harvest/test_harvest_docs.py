"""docs/harvest.md and docs/node-protocol.md describe what the code does, completely."""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import URIRef

from bigpicture.harvest.dicom.header import ALLOW_LIST
from bigpicture.harvest.dicom.rdf import BP, image_graph
from bigpicture.harvest.dicom.reference import header_from_dataset
from bigpicture.harvest.dicom.synthetic import SyntheticSlide, build_dataset
from bigpicture.harvest.nodes import _KEYS, KINDS

DOCS = Path(__file__).resolve().parents[2] / "docs"
HARVEST = (DOCS / "harvest.md").read_text()
PROTOCOL = (DOCS / "node-protocol.md").read_text()


def _tags(allow, found: set[int]) -> set[int]:
    for tag, sub in allow.items():
        found.add(tag)
        if sub:
            _tags(sub, found)
    return found


def test_every_allow_listed_tag_is_documented() -> None:
    for tag in _tags(ALLOW_LIST, set()):
        text = f"{tag >> 16:04X},{tag & 0xFFFF:04X}"
        group = f"{tag >> 16:04X},"
        assert text in HARVEST or (group in HARVEST and f"{tag & 0xFFFF:04X}" in HARVEST), text


def test_every_bp_property_is_documented() -> None:
    header = header_from_dataset(build_dataset(SyntheticSlide(optical_paths=2)))
    graph = image_graph(URIRef("http://x/datasets/d/image/I"), [("f.dcm", header, 10)])
    used = {str(p) for p in graph.predicates()} | {
        str(o) for o in graph.objects() if str(o).startswith(str(BP))
    }
    for iri in sorted(used):
        if iri.startswith(str(BP)):
            assert f"bp:{iri[len(str(BP)) :]}" in HARVEST, iri


def test_every_node_kind_and_key_and_command_is_documented() -> None:
    for kind in KINDS:
        assert f"`{kind}`" in HARVEST, kind
    for key in _KEYS:
        assert re.search(rf"^{key} = ", HARVEST, re.MULTILINE), key
    for command in (
        "bpcat nodes",
        "bpcat harvest",
        "--node NAME",
        "--status",
        "--force",
        "bpcat node serve DIR",
    ):
        assert command in HARVEST, command


def test_protocol_fields_are_documented() -> None:
    from bigpicture.harvest.node_index import IndexedDataset, IndexedFile, NodeIndex

    for field in (
        "protocol",
        "title",
        "datasets[].name",
        "datasets[].checksum",
        "datasets[].modified",
        "datasets[].size",
        "files[].path",
        "files[].size",
        "files[].sha256",
        "files[].modified",
    ):
        assert f"`{field}`" in PROTOCOL, field
    assert {"name", "checksum", "modified", "files"} <= set(IndexedDataset.__dataclass_fields__)
    assert {"path", "size", "sha256", "modified"} == set(IndexedFile.__dataclass_fields__)
    assert "title" in NodeIndex.__dataclass_fields__
