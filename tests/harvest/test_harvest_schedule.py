"""Schedules: which nodes are due, the back-off after failures, --due and --watch.

The scheduler's clock is injected, so hours pass without sleeping; the harvests themselves are
real (the node server on 127.0.0.1, a port nobody listens on for a dead node, the real CLI).
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from harvest_nodes import make_node
from harvest_servers import free_port, reply

from bigpicture.catalogue.app import open_catalogue
from bigpicture.catalogue.cli import main
from bigpicture.catalogue.settings import load_settings
from bigpicture.harvest.catalogue_sink import CatalogueSink
from bigpicture.harvest.http_client import RetryPolicy
from bigpicture.harvest.nodes import Node
from bigpicture.harvest.pipeline import STOPPED, Harvester
from bigpicture.harvest.progress import PlainLog
from bigpicture.harvest.schedule import FIRST_RETRY, NEVER, due_time, node_due, retry_delay
from bigpicture.harvest.scheduler import Scheduler
from bigpicture.harvest.state import HarvestState, NodeState, stamp

START = dt.datetime(2030, 1, 7, 6, 0, tzinfo=dt.UTC)
MINUTE = dt.timedelta(minutes=1)
FAST = RetryPolicy(attempts=1, timeout=2)


class FakeClock:
    """A clock whose sleeps pass at once; it stops the scheduler at ``until``."""

    def __init__(self, until: dt.datetime | None = None) -> None:
        self.time, self.until = START, until
        self.naps: list[float] = []

    def now(self) -> dt.datetime:
        return self.time

    def sleep(self, seconds: float, stop: threading.Event) -> None:
        self.naps.append(seconds)
        self.time += dt.timedelta(seconds=seconds)
        if self.until and self.time >= self.until:
            stop.set()


def test_due_times_follow_schedule_failures_and_dicom_nodes() -> None:
    assert [retry_delay(dt.timedelta(hours=1), n) // MINUTE for n in range(6)] == [
        60,
        5,
        10,
        20,
        40,
        60,
    ]
    assert retry_delay(dt.timedelta(weeks=1), 40) == dt.timedelta(weeks=1)
    daily = Node("d", "metaflex-dir", path=Path("."), schedule="daily")
    assert node_due(daily, NodeState("d")) == NEVER
    assert node_due(Node("m", "metaflex-dir", path=Path(".")), NodeState("m")) is None
    harvested = NodeState("d", last_harvest=stamp(START), outcome="ok")
    assert node_due(daily, harvested) == START + dt.timedelta(days=1)
    failed = NodeState("d", last_harvest=stamp(START), outcome="failed", failures=1)
    assert node_due(daily, failed) == START + FIRST_RETRY
    manual = Node("m", "metaflex-dir", path=Path("."))
    pacs = Node("pacs", "dicom-dir", path=Path("."), images_of="m", schedule="hourly")
    nodes = {"m": manual, "pacs": pacs}
    states = {"pacs": NodeState("pacs", last_harvest=stamp(START), outcome="ok")}
    assert due_time(manual, nodes, states) == START + dt.timedelta(hours=1)


def _nodes(url: str) -> dict[str, Node]:
    return {
        "live": Node("live", "metaflex-http", url=url, schedule="hourly"),
        "dead": Node(
            "dead", "metaflex-http", url=f"http://127.0.0.1:{free_port()}/", schedule="daily"
        ),
        "manual": Node("manual", "metaflex-http", url=url),
    }


def _scheduler(settings, nodes: dict[str, Node], clock: FakeClock, rounds: list) -> Scheduler:
    sink, log = CatalogueSink(open_catalogue(settings)), PlainLog()
    stop = threading.Event()

    def run(targets) -> list:
        rounds.append((clock.now(), sorted(node.name for node in targets)))
        harvester = Harvester(
            nodes, settings.data_dir, sink, log, policy=FAST, clock=clock.now, stop=stop
        )
        return harvester.run_nodes(targets)

    return Scheduler(nodes, settings.data_dir, run, clock, log, stop)


def test_due_nodes_are_harvested_and_a_dead_node_is_retried_with_back_off(
    settings, serve_node, example_submission, tmp_path
) -> None:
    url = serve_node(make_node(tmp_path / "node", example_submission, dicom=False))
    nodes, rounds = _nodes(url), []
    clock = FakeClock(until=START + dt.timedelta(hours=3, minutes=30))
    scheduler = _scheduler(settings, nodes, clock, rounds)

    outcomes = {o.node: o.outcome for o in scheduler.run_due()}
    assert outcomes == {"live": "ok", "dead": "failed"}  # never harvested: due; manual: never
    assert scheduler.run_due() == []  # nothing due a moment later
    scheduler.watch()

    def times(name: str) -> list[int]:
        return [int((when - START) / MINUTE) for when, names in rounds if name in names]

    assert times("live") == [0, 60, 120, 180]
    # The dead daily node: retried after 5, 10, 20, 40, 80, 160 minutes, never every minute.
    assert times("dead") == [0, 5, 15, 35, 75, 155]
    assert "manual" not in {name for _when, names in rounds for name in names}
    assert max(clock.naps) <= 300
    state = HarvestState(settings.data_dir)
    assert state.node("live").last_harvest == stamp(START + 180 * MINUTE)
    assert state.node("dead").failures == 6
    states = state.nodes()
    assert due_time(nodes["dead"], nodes, states) == START + (155 + 160) * MINUTE
    assert scheduler.upcoming() == (START + 240 * MINUTE, nodes["live"])


def test_a_stopped_harvest_leaves_the_node_due(settings, serve_node, example_submission, tmp_path):
    url = serve_node(make_node(tmp_path / "node", example_submission, dicom=False))
    nodes = {"live": Node("live", "metaflex-http", url=url, schedule="daily")}
    stop = threading.Event()
    stop.set()
    harvester = Harvester(
        nodes, settings.data_dir, CatalogueSink(open_catalogue(settings)), PlainLog(), stop=stop
    )
    [outcome] = harvester.run()
    assert outcome.outcome == STOPPED
    assert HarvestState(settings.data_dir).node("live").last_harvest == ""


DCAT_PAGE = """@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
<{base}ds/1> a dcat:Dataset ; dct:title "One" ; dct:description "First" .
<{base}ds/2> a dcat:Dataset ; dct:title "Two" ; dct:description "Second" .
<{base}ds/3> a dcat:Dataset ; dct:title "Three" ; dct:description "Third" .
"""


class StoppingSink(CatalogueSink):
    """Asks the harvest to stop while the first record goes in (as SIGTERM would)."""

    def __init__(self, catalogue, stop: threading.Event) -> None:
        super().__init__(catalogue)
        self.stop = stop

    def add_record(self, node, staged):
        self.stop.set()
        return super().add_record(node, staged)


def test_a_harvest_stopped_mid_way_finishes_its_dataset_and_stays_due(
    settings, scripted_server
) -> None:
    def handle(handler) -> None:
        base = f"http://127.0.0.1:{handler.server.server_address[1]}/"
        reply(handler, 200, DCAT_PAGE.format(base=base).encode(), "text/turtle")

    nodes = {"fdp": Node("fdp", "dcat", url=scripted_server(handle), schedule="hourly")}
    stop = threading.Event()
    sink = StoppingSink(open_catalogue(settings), stop)
    harvester = Harvester(nodes, settings.data_dir, sink, PlainLog(), policy=FAST, stop=stop)
    [outcome] = harvester.run()
    assert outcome.outcome == STOPPED and "stopped after 1 of 3 datasets" in outcome.message
    state = HarvestState(settings.data_dir).node("fdp")
    assert [d.outcome for d in state.datasets.values()] == ["ingested"]
    assert state.last_harvest == ""  # still due: the next round picks up the other two
    [again] = Harvester(nodes, settings.data_dir, sink, PlainLog(), policy=FAST).run()
    assert again.message.startswith("3 datasets: 2 ingested, 1 unchanged")


def _env(tmp_path: Path, url: str) -> dict[str, str]:
    nodes = tmp_path / "nodes.toml"
    nodes.write_text(
        f'[nodes.live]\nkind = "metaflex-http"\nurl = "{url}"\nschedule = "hourly"\n'
        f'[nodes.manual]\nkind = "metaflex-http"\nurl = "{url}"\n'
    )
    return {"BPCAT_DATA_DIR": str(tmp_path / "data"), "BPCAT_NODES": str(nodes)}


def test_harvest_due_with_the_cli(tmp_path, serve_node, example_submission) -> None:
    env = _env(tmp_path, serve_node(make_node(tmp_path / "node", example_submission)))
    cli = CliRunner()
    listed = cli.invoke(main, ["nodes"], env=env).output
    assert "schedule hourly: due now" in listed and "schedule manual: harvested only" in listed

    first = cli.invoke(main, ["harvest", "--due"], env=env)
    assert first.exit_code == 0, first.output
    assert "live: ok" in first.output and "manual" not in first.output
    second = cli.invoke(main, ["harvest", "--due"], env=env)
    assert second.exit_code == 0 and second.output.startswith("nothing due; next: live at ")
    assert "schedule hourly: next harvest due " in cli.invoke(main, ["nodes"], env=env).output

    # Two hours pass: the last harvest, as kept in the state, is older.
    state_file = tmp_path / "data" / "harvest" / "state.json"
    state = json.loads(state_file.read_text())
    earlier = dt.datetime.now(dt.UTC) - dt.timedelta(hours=2)
    state["nodes"]["live"]["last_harvest"] = stamp(earlier)
    state_file.write_text(json.dumps(state))
    third = cli.invoke(main, ["harvest", "--due"], env=env)
    assert third.exit_code == 0 and "live: ok - 1 datasets: 0 ingested, 1 unchanged" in third.output

    both = cli.invoke(main, ["harvest", "--due", "--watch"], env=env)
    assert both.exit_code == 2 and "exclude each other" in both.output


def _watch(env: dict[str, str]) -> subprocess.Popen:
    bpcat = Path(sys.executable).with_name("bpcat")
    return subprocess.Popen(
        [str(bpcat), "harvest", "--watch"],
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_watch_harvests_then_sleeps_and_stops_on_a_signal(
    tmp_path, serve_node, example_submission, signum
) -> None:
    env = _env(tmp_path, serve_node(make_node(tmp_path / "node", example_submission)))
    with _watch(env) as watcher:  # the with block closes the pipes, whatever happens
        try:
            lines = []
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                line = watcher.stderr.readline()
                lines.append(line)
                if "[schedule] next: live at" in line or not line:
                    break
            assert "[schedule] next: live at" in lines[-1], "".join(lines)
            watcher.send_signal(signum)
            out, err = watcher.communicate(timeout=30)
        finally:
            watcher.kill()
    assert watcher.returncode == 0, err
    assert "live: ok - 1 datasets: 1 ingested" in out and "stopping" in err
    assert HarvestState(Path(env["BPCAT_DATA_DIR"])).node("live").outcome == "ok"


def test_watch_without_a_scheduled_node_is_a_usage_error(tmp_path) -> None:
    nodes = tmp_path / "nodes.toml"
    nodes.write_text(f'[nodes.x]\nkind = "metaflex-dir"\npath = "{tmp_path}"\n')
    env = {"BPCAT_DATA_DIR": str(tmp_path / "data"), "BPCAT_NODES": str(nodes)}
    result = CliRunner().invoke(main, ["harvest", "--watch"], env=env)
    assert result.exit_code == 2 and "schedule is manual" in result.output


def test_while_another_harvest_runs_due_waits_for_the_next_call(
    tmp_path, serve_node, example_submission
) -> None:
    url = serve_node(make_node(tmp_path / "node", example_submission, dicom=False))
    env = _env(tmp_path, url)
    lock = Path(env["BPCAT_DATA_DIR"]) / "harvest" / "harvest.lock"
    lock.parent.mkdir(parents=True)
    with open(lock, "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        cli = CliRunner()
        due = cli.invoke(main, ["harvest", "--due"], env=env)
        assert due.exit_code == 0 and "another harvest of this catalogue" in due.output
        assert cli.invoke(main, ["harvest"], env=env).exit_code == 2

        nodes, rounds = _nodes(url), []
        clock = FakeClock(until=START + 3 * MINUTE)
        scheduler = _scheduler(load_settings(environ=env), nodes, clock, rounds)
        scheduler.watch()
        assert clock.naps == [60.0, 60.0, 60.0]  # tried again each minute, nothing harvested
    assert HarvestState(Path(env["BPCAT_DATA_DIR"])).nodes() == {}


def test_a_dead_node_is_shown_with_its_retry(tmp_path) -> None:
    nodes = tmp_path / "nodes.toml"
    url = f"http://127.0.0.1:{free_port()}/"
    nodes.write_text(f'[nodes.dead]\nkind = "dcat"\nurl = "{url}"\nschedule = "daily"\n')
    env = {"BPCAT_DATA_DIR": str(tmp_path / "data"), "BPCAT_NODES": str(nodes)}
    cli = CliRunner()
    harvest = cli.invoke(main, ["harvest", "--due"], env=env)
    assert harvest.exit_code == 1 and "dead: failed" in harvest.output
    last = dt.datetime.strptime(
        HarvestState(tmp_path / "data").node("dead").last_harvest, "%Y-%m-%dT%H:%M:%SZ"
    )
    retry = stamp((last + FIRST_RETRY).replace(tzinfo=dt.UTC))
    listed = cli.invoke(main, ["nodes"], env=env).output
    assert f"next harvest due {retry} (retry: 1 failed in a row)" in listed
    assert cli.invoke(main, ["harvest", "--due"], env=env).output.startswith("nothing due")
