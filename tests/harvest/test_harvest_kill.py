"""A harvest killed with SIGKILL at any moment leaves the catalogue exactly as it was."""

from __future__ import annotations

import hashlib
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from harvest_nodes import DATASET, make_node, set_version

from bigpicture.catalogue.store import Store
from bigpicture.harvest import node_server

pytestmark = pytest.mark.slow


def _catalogue_state(data_dir: Path) -> tuple[str, str]:
    """The store's quads and the search index's files, as two digests."""
    store = Store.open(data_dir / "store")
    rows = store.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    quads = sorted(" ".join(str(term) for term in row) for row in rows)
    index = hashlib.sha256()
    for path in sorted((data_dir / "index").rglob("*")):
        if path.is_file():
            index.update(path.relative_to(data_dir).as_posix().encode() + path.read_bytes())
    return hashlib.sha256("\n".join(quads).encode()).hexdigest(), index.hexdigest()


def _harvest(env: dict[str, str]) -> subprocess.Popen:
    bpcat = Path(sys.executable).with_name("bpcat")
    return subprocess.Popen(
        [str(bpcat), "harvest"],
        env=env,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )


def _kill_after(process: subprocess.Popen, marker: str, delay: float) -> bool:
    """Kill once ``marker`` was logged and ``delay`` passed; False if it finished first."""
    deadline = time.monotonic() + 60
    seen = ""
    while marker not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([process.stderr], [], [], 0.5)
        if ready:
            line = process.stderr.readline()
            if not line:
                break
            seen += line
    time.sleep(delay)
    finished = process.poll() is not None
    process.send_signal(signal.SIGKILL)
    process.wait()
    process.stderr.close()
    return marker in seen and not finished


def test_killed_harvests_leave_the_catalogue_as_it_was(
    tmp_path, serve_node, example_submission, monkeypatch
) -> None:
    monkeypatch.setattr(node_server, "INDEX_TTL", 0.0)
    original = node_server.NodeHandler._file

    def slow_file(self, *args, **kwargs):
        time.sleep(0.05)  # a slow node, so that there is a middle to kill in
        return original(self, *args, **kwargs)

    monkeypatch.setattr(node_server.NodeHandler, "_file", slow_file)
    root = make_node(tmp_path / "node", example_submission)
    nodes_file = tmp_path / "nodes.toml"
    nodes_file.write_text(f'[nodes.lung]\nkind = "metaflex-http"\nurl = "{serve_node(root)}"\n')
    data_dir = tmp_path / "data"
    env = {**os.environ, "BPCAT_DATA_DIR": str(data_dir), "BPCAT_NODES": str(nodes_file)}
    first = _harvest(env)
    assert first.wait(120) == 0, first.stderr.read()
    first.stderr.close()
    before = _catalogue_state(data_dir)

    set_version(root / DATASET, "2.0")
    killed_mid_way = 0
    for marker, delay in [
        ("harvesting", 0.0),
        ("harvesting", 0.3),
        (f"{DATASET}: 19/19", 0.0),
        (f"{DATASET}: 19/19", 0.5),
        (f"{DATASET}: 19/19", 1.0),
    ]:
        in_the_middle = _kill_after(_harvest(env), marker, delay)
        state = _catalogue_state(data_dir)
        if state != before:  # only a finished store write may change it; nothing half-way
            break
        killed_mid_way += in_the_middle
    assert killed_mid_way >= 3

    last = _harvest(env)
    assert last.wait(120) == 0, last.stderr.read()
    last.stderr.close()
    after = _catalogue_state(data_dir)
    assert after != before
    assert state in (before, after)
    versions = sorted(r.version for r in Store.open(data_dir / "store").all_records())
    assert versions == ["1.0", "2.0"]
