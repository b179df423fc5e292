"""``bpcat nodes``, ``bpcat harvest`` (and ``--status``) and ``bpcat node serve``."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests
from click.testing import CliRunner
from harvest_nodes import DATASET, break_submission, make_node

from bigpicture.catalogue.cli import main


def _run(args: list[str], env: dict[str, str]):
    return CliRunner().invoke(main, args, env=env)


def _nodes_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "nodes.toml"
    path.write_text(body)
    return path


def test_nodes_and_harvest_status(tmp_path, example_submission) -> None:
    good = make_node(tmp_path / "good", example_submission, dicom=False)
    bad = make_node(tmp_path / "bad", example_submission, dicom=False)
    break_submission(bad / DATASET)
    nodes = _nodes_file(
        tmp_path,
        f"""
[nodes.good]
kind = "metaflex-dir"
path = "{good}"
title = "Good node"
country = "SE"
[nodes.bad]
kind = "metaflex-dir"
path = "{bad}"
""",
    )
    env = {"BPCAT_DATA_DIR": str(tmp_path / "data"), "BPCAT_NODES": str(nodes)}
    listed = _run(["nodes"], env)
    assert listed.exit_code == 0 and "good: Good node [SE] metaflex-dir" in listed.output
    assert listed.output.count("never harvested") == 2

    harvest = _run(["harvest"], env)
    assert harvest.exit_code == 1, harvest.output  # one dataset was refused
    assert "good: ok" in harvest.output and "bad: ok" in harvest.output

    one = _run(["harvest", "--node", "good"], env)
    assert one.exit_code == 0 and "0 ingested, 1 unchanged" in one.output

    status = _run(["harvest", "--status"], env)
    assert status.exit_code == 0
    assert (
        f"{DATASET}: ingested as BP_LUNG_ADC_EXAMPLE-v1-0" in status.output
        or f"{DATASET}: unchanged as BP_LUNG_ADC_EXAMPLE-v1-0" in status.output
    )
    assert f"{DATASET}: invalid" in status.output and "NO_SUCH_SLIDE" in status.output
    assert "report: " in status.output
    assert "last harvest" in _run(["nodes"], env).output


def test_usage_errors_exit_2(tmp_path) -> None:
    env = {"BPCAT_DATA_DIR": str(tmp_path / "data")}
    assert _run(["nodes"], env).exit_code == 2
    bad = _nodes_file(tmp_path, '[nodes.x]\nkind = "ftp"\n')
    result = _run(["harvest"], {**env, "BPCAT_NODES": str(bad)})
    assert result.exit_code == 2 and f"{bad}: [nodes.x] kind" in result.output
    good = _nodes_file(tmp_path, f'[nodes.x]\nkind = "metaflex-dir"\npath = "{tmp_path}"\n')
    assert _run(["harvest", "--node", "nope"], {**env, "BPCAT_NODES": str(good)}).exit_code == 2
    assert _run(["node", "serve", str(tmp_path / "missing")], env).exit_code == 2


def test_node_serve_command(tmp_path, example_submission) -> None:
    root = make_node(tmp_path / "node", example_submission, dicom=False)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    bpcat = Path(sys.executable).with_name("bpcat")
    server = subprocess.Popen(
        [
            str(bpcat),
            "node",
            "serve",
            str(root),
            "--bind",
            f"127.0.0.1:{port}",
            "--token-env",
            "NODE_TOKEN",
        ],
        env={**os.environ, "NODE_TOKEN": "t"},
        stderr=subprocess.PIPE,
    )
    try:
        url = f"http://127.0.0.1:{port}/index.json"
        for _ in range(100):
            try:
                answer = requests.get(url, headers={"Authorization": "Bearer t"}, timeout=1)
                break
            except requests.ConnectionError:
                time.sleep(0.1)
        assert answer.json()["datasets"][0]["name"] == DATASET
        assert requests.get(url, timeout=1).status_code == 401
    finally:
        server.terminate()
        server.wait(10)
        server.stderr.close()
