"""``bpcat harvest``: pull the datasets of the configured nodes into the catalogue."""

from __future__ import annotations

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
@click.pass_context
def command(ctx: click.Context, node_name: str | None, status: bool, force: bool) -> None:
    """Harvest all nodes of BPCAT_NODES (or --node NAME) into the catalogue.

    Unchanged datasets are skipped; each dataset goes in only when it validates, and its
    report is kept either way (see --status). Exit codes: 0 every node and dataset ok,
    1 a dataset was refused or a node or dataset failed, 2 BPCAT_NODES unset, nodes file
    wrong or unknown --node.
    """
    settings = settings_from_context(ctx)
    nodes = load_configured_nodes(settings)
    if node_name is not None and node_name not in nodes:
        click.echo(f"bpcat harvest: --node {node_name}: not in {settings.nodes_file}", err=True)
        raise SystemExit(ExitCode.USAGE)
    if status:
        _show_status(settings, {node_name: None} if node_name else nodes)
        return
    from bigpicture.catalogue.app import open_catalogue
    from bigpicture.harvest.catalogue_sink import CatalogueSink
    from bigpicture.harvest.errors import HarvestError
    from bigpicture.harvest.pipeline import Harvester
    from bigpicture.harvest.progress import reporter_for

    sink = CatalogueSink(open_catalogue(settings))
    harvester = Harvester(nodes, settings.data_dir, sink, reporter_for(), force=force)
    try:
        outcomes = harvester.run(node_name)
    except HarvestError as error:
        click.echo(f"bpcat harvest: {error}", err=True)
        raise SystemExit(ExitCode.USAGE) from error
    problems = [o for o in outcomes if o.outcome != "ok"] + [
        d for o in outcomes for d in o.datasets if d.outcome in ("invalid", "failed")
    ]
    for outcome in outcomes:
        click.echo(f"{outcome.node}: {outcome.outcome} - {outcome.message}")
    raise SystemExit(ExitCode.INVALID if problems else ExitCode.OK)
