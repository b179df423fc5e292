"""``bpcat harvest``: pull the datasets of the configured nodes into the catalogue."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterator

import click

from bigpicture.catalogue.cli import ExitCode, settings_from_context
from bigpicture.catalogue.cli.nodes import load_configured_nodes


def _show_status(settings, nodes: dict) -> None:
    from bigpicture.harvest.state import HarvestState

    state = HarvestState(settings.data_dir)
    for name in nodes:
        last = state.node(name)
        click.echo(
            f"{name}: {last.outcome or 'never harvested'} {last.last_harvest} {last.message}"
        )
        for dataset in last.datasets.values():
            version = f" as {dataset.version_id}" if dataset.version_id else ""
            click.echo(f"  {dataset.name}: {dataset.outcome}{version} ({dataset.harvested})")
            report = state.read_report(dataset.report) if dataset.report else None
            for line in _report_lines(report):
                click.echo(f"    {line}")
            if dataset.report:
                click.echo(f"    report: {state.folder / dataset.report}")


def _report_lines(report: dict | None, limit: int = 5) -> list[str]:
    if not report:
        return []
    lines = [f"note: {note}" for note in report.get("notes", [])[:limit]]
    if report.get("message") and report.get("outcome") in ("failed", "invalid"):
        lines.append(str(report["message"]))
    findings = (report.get("validation") or {}).get("findings", [])
    for finding in [f for f in findings if f.get("severity") == "error"][:limit]:
        where = finding.get("file") or finding.get("object") or ""
        lines.append(f"error {finding.get('rule', '')}: {where} {finding.get('message', '')}")
    return lines


@click.command("harvest")
@click.option("--node", "node_name", default=None, help="Harvest only this node.")
@click.option("--status", is_flag=True, help="Show the last harvest of each node and dataset.")
@click.option("--force", is_flag=True, help="Fetch every dataset, even unchanged ones.")
@click.option("--due", is_flag=True, help="Harvest only the nodes whose schedule says are due.")
@click.option("--watch", is_flag=True, help="Keep running; harvest nodes as they become due.")
@click.pass_context
def command(
    ctx: click.Context, node_name: str | None, status: bool, force: bool, due: bool, watch: bool
) -> None:
    """Harvest all nodes of BPCAT_NODES (or --node NAME) into the catalogue.

    Unchanged datasets are skipped; each dataset goes in only when it validates, and its
    report is kept either way (see --status). --due harvests only the nodes due by their
    schedule (for cron or a systemd timer); --watch keeps running and harvests each node
    when it becomes due, until SIGINT or SIGTERM. Exit codes: 0 every node and dataset ok
    (or, with --due, nothing due or another harvest running; --watch stopped by a signal),
    1 a dataset was refused, a node or dataset failed or the harvest was stopped,
    2 BPCAT_NODES unset, nodes file wrong, unknown --node, options that do not go together,
    another harvest running, or (--watch) no node with a schedule.
    """
    settings = settings_from_context(ctx)
    nodes = load_configured_nodes(settings)
    if node_name is not None and node_name not in nodes:
        click.echo(f"bpcat harvest: --node {node_name}: not in {settings.nodes_file}", err=True)
        raise SystemExit(ExitCode.USAGE)
    if sum((status, due, watch)) > 1:
        click.echo("bpcat harvest: --status, --due and --watch exclude each other", err=True)
        raise SystemExit(ExitCode.USAGE)
    if status:
        _show_status(settings, {node_name: None} if node_name else nodes)
        return
    mode = "watch" if watch else "due" if due else "all"
    with _stop_on_signals() as stop:
        _harvest(settings, nodes, node_name, force, stop, mode)


def _harvest(settings, nodes: dict, node_name: str | None, force: bool, stop, mode: str) -> None:  # noqa: ANN001
    """Run the harvest of ``mode`` ('all' targets, the 'due' ones, or 'watch') and exit."""
    from bigpicture.catalogue.app import open_catalogue
    from bigpicture.harvest.catalogue_sink import CatalogueSink
    from bigpicture.harvest.errors import HarvestBusy, HarvestError
    from bigpicture.harvest.pipeline import Harvester, harvest_targets
    from bigpicture.harvest.progress import reporter_for
    from bigpicture.harvest.schedule import SystemClock
    from bigpicture.harvest.scheduler import Scheduler

    sink, reporter, clock = CatalogueSink(open_catalogue(settings)), reporter_for(), SystemClock()

    def run(targets) -> list:  # noqa: ANN001
        harvester = Harvester(
            nodes, settings.data_dir, sink, reporter, force=force, clock=clock.now, stop=stop
        )
        return harvester.run_nodes(targets)

    targets = harvest_targets(nodes, node_name)
    scheduler = Scheduler(nodes, settings.data_dir, run, clock, reporter, stop, targets)
    try:
        if mode == "watch":
            scheduler.watch(_show_outcomes)
            raise SystemExit(ExitCode.OK)
        outcomes = scheduler.run_due() if mode == "due" else run(targets)
    except HarvestBusy as error:
        click.echo(f"bpcat harvest: {error}", err=True)
        # --due: the nodes still due are harvested by the next call.
        raise SystemExit(ExitCode.OK if mode == "due" else ExitCode.USAGE) from error
    except HarvestError as error:
        click.echo(f"bpcat harvest: {error}", err=True)
        raise SystemExit(ExitCode.USAGE) from error
    if mode == "due" and not outcomes:
        click.echo(f"nothing due; {_next_due(scheduler)}")
    raise SystemExit(ExitCode.INVALID if _show_outcomes(outcomes) else ExitCode.OK)


def _show_outcomes(outcomes: list) -> bool:
    """Print one line per node; whether anything went wrong."""
    problems = [o for o in outcomes if o.outcome != "ok"] + [
        d for o in outcomes for d in o.datasets if d.outcome in ("invalid", "failed")
    ]
    for outcome in outcomes:
        click.echo(f"{outcome.node}: {outcome.outcome} - {outcome.message}")
    return bool(problems)


def _next_due(scheduler) -> str:  # noqa: ANN001
    from bigpicture.harvest.state import stamp

    upcoming = scheduler.upcoming()
    if upcoming is None:
        return "no node has a schedule"
    when, node = upcoming
    return f"next: {node.name} at {stamp(when)}"


@contextlib.contextmanager
def _stop_on_signals() -> Iterator[threading.Event]:
    """An event set by the first SIGINT or SIGTERM (the harvest then ends after the datasets
    in progress); a second signal ends the process at once, which the atomic store allows."""
    stop = threading.Event()

    def handle(signum: int, frame: object) -> None:
        if stop.is_set():
            sys.stderr.write("bpcat harvest: stopping now\n")
            sys.stderr.flush()
            os._exit(128 + signum)
        stop.set()
        sys.stderr.write("bpcat harvest: stopping (after the datasets in progress, if any)\n")
        sys.stderr.flush()

    previous = {sig: signal.signal(sig, handle) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
