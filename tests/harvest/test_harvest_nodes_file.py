"""The nodes file: what it accepts, and errors that name the file and the key."""

from __future__ import annotations

import pytest

from bigpicture.harvest.errors import NodeConfigError
from bigpicture.harvest.nodes import load_nodes

GOOD = """
[nodes.utrecht]
kind = "metaflex-http"
url = "https://node.example.org/bp/"
title = "Cancer node"
country = "NL"
credentials = "BPCAT_UTRECHT_TOKEN"
schedule = "daily"

[nodes.utrecht-pacs]
kind = "dicomweb"
url = "http://127.0.0.1:8042/dicom-web"
images_of = "utrecht"

[nodes.leeds]
kind = "metaflex-dir"
path = "leeds-submissions"

[nodes.fdp]
kind = "dcat"
url = "https://fdp.example.org/catalog"
"""


def test_a_good_file(tmp_path) -> None:
    path = tmp_path / "nodes.toml"
    path.write_text(GOOD)
    nodes = load_nodes(path)
    assert list(nodes) == ["utrecht", "utrecht-pacs", "leeds", "fdp"]
    assert nodes["utrecht"].credentials == "BPCAT_UTRECHT_TOKEN"
    assert nodes["utrecht"].token({"BPCAT_UTRECHT_TOKEN": "abc"}) == "abc"
    assert nodes["leeds"].path == tmp_path / "leeds-submissions"
    assert nodes["utrecht-pacs"].images_of == "utrecht"
    with pytest.raises(NodeConfigError, match="BPCAT_UTRECHT_TOKEN"):
        nodes["utrecht"].token({})


@pytest.mark.parametrize(
    "text, key",
    [
        ('[nodes.a]\nkind = "ftp"\nurl = "ftp://x"', "kind"),
        ('[nodes.a]\nkind = "metaflex-http"\npath = "x"', "url"),
        ('[nodes.a]\nkind = "metaflex-dir"', "path"),
        ('[nodes.a]\nkind = "metaflex-dir"\npath = "x"\npassword = "oops"', "password"),
        ('[nodes.a]\nkind = "metaflex-dir"\npath = "x"\nschedule = "often"', "schedule"),
        ('[nodes.a]\nkind = "dicom-dir"\npath = "x"\nimages_of = "nobody"', "images_of"),
        ('[nodes.a]\nkind = "dicomweb"\nurl = "http://x/dicom-web"', "images_of"),
        ('[nodes.a]\nkind = "metaflex-dir"\npath = "x"\ntimeout = -1', "timeout"),
        ("[nodes.a]\nkind = 3", "kind"),
    ],
)
def test_errors_name_file_node_and_key(tmp_path, text, key) -> None:
    path = tmp_path / "nodes.toml"
    path.write_text(text)
    with pytest.raises(NodeConfigError) as error:
        load_nodes(path)
    assert str(path) in str(error.value) and "[nodes.a]" in str(error.value)
    assert key in str(error.value)


def test_unreadable_files(tmp_path) -> None:
    with pytest.raises(NodeConfigError, match="cannot read"):
        load_nodes(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[nodes.a\n")
    with pytest.raises(NodeConfigError, match="not valid TOML"):
        load_nodes(bad)
