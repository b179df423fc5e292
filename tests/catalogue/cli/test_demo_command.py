"""``bpcat demo``: ingests the demo submissions once, then serves them on a free port."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from bigpicture.catalogue.cli.demo import demo_root, demo_submissions

RECORDS = "SELECT (COUNT(?d) AS ?n) WHERE { ?d a <https://w3id.org/bigpicture/catalogue#Record> }"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(url: str, process: subprocess.Popen, seconds: float = 240) -> requests.Response:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stdout.read() if process.stdout else ""
        try:
            return requests.get(url, timeout=5)
        except requests.ConnectionError:
            time.sleep(0.5)
    raise AssertionError(f"{url} did not answer within {seconds} s")


@pytest.fixture
def demo_source(example_submission: Path, tmp_path: Path) -> Path:
    """The shipped demo rounds, or the shared example as a one-round demo when none ship."""
    if demo_submissions(demo_root()):
        return demo_root()
    root = tmp_path / "demo"
    shutil.copytree(example_submission, root / "round-1" / "helsinki" / example_submission.name)
    return root


@pytest.mark.slow
def test_demo_ingests_then_serves(demo_source: Path, tmp_path: Path) -> None:
    port = _free_port()
    env = {
        **os.environ,
        "BPCAT_DATA_DIR": str(tmp_path / "data"),
        "BPCAT_BASE_URL": f"http://127.0.0.1:{port}",
    }
    bpcat = str(Path(sys.executable).parent / "bpcat")
    command = [bpcat, "demo", "--bind", f"127.0.0.1:{port}", "--workers", "1"]
    command += ["--from", str(demo_source)]
    with subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    ) as process:
        try:
            home = _wait(f"http://127.0.0.1:{port}/", process)
            assert home.status_code == 200
            first = demo_submissions(demo_source)[0][1]
            answer = requests.get(
                f"http://127.0.0.1:{port}/sparql",
                params={"query": RECORDS},
                timeout=30,
            )
            count = int(answer.json()["results"]["bindings"][0]["n"]["value"])
            assert count == len(demo_submissions(demo_source)), first
            versions = requests.get(
                f"http://127.0.0.1:{port}/datasets/{_first_id(tmp_path)}", timeout=30
            )
            assert versions.status_code == 200
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)


def _first_id(tmp_path: Path) -> str:
    from bigpicture.catalogue.store import Store

    return Store.open(tmp_path / "data" / "store").all_records()[0].id
