"""``bpcat nodes``: the nodes of ``BPCAT_NODES`` with their last harvest."""

from __future__ import annotations

import click

from bigpicture.catalogue.cli import ExitCode, settings_from_context


def load_configured_nodes(settings) -> dict:
    """The nodes of the settings' nodes file; exits 2 with one clear line when impossible."""
    from bigpicture.harvest.errors import NodeConfigError
    from bigpicture.harvest.nodes import load_nodes

    if settings.nodes_file is None:
        click.echo("bpcat: BPCAT_NODES is not set (the TOML file listing the nodes)", err=True)
        raise SystemExit(ExitCode.USAGE)
    try:
        return load_nodes(settings.nodes_file)
    except NodeConfigError as error:
        click.echo(f"bpcat: {error}", err=True)
        raise SystemExit(ExitCode.USAGE) from error


@click.command("nodes")
@click.pass_context
def command(ctx: click.Context) -> None:
    """List the configured nodes, how their last harvest went and when they are next due.

    Exit codes: 0 ok, 2 BPCAT_NODES unset or the nodes file is wrong.
    """
    from bigpicture.harvest.schedule import SystemClock, describe_due, due_time
    from bigpicture.harvest.state import HarvestState

    settings = settings_from_context(ctx)
    nodes = load_configured_nodes(settings)
    state = HarvestState(settings.data_dir)
    states, moment = state.nodes(), SystemClock().now()
    for node in nodes.values():
        last = state.node(node.name)
        where = f"{node.kind} {node.location}"
        extra = f" (images of {node.images_of})" if node.images_of else ""
        click.echo(f"{node.name}: {node.title or '-'} [{node.country or '-'}] {where}{extra}")
        if last.last_harvest:
            click.echo(f"  last harvest {last.last_harvest}: {last.outcome} - {last.message}")
        else:
            click.echo("  never harvested")
        target = nodes[node.images_of] if node.images_of else node
        due = describe_due(due_time(target, nodes, states), moment)
        retrying = last.failures and node.schedule != "manual"
        retry = f" (retry: {last.failures} failed in a row)" if retrying else ""
        click.echo(f"  schedule {node.schedule}: {due}{retry}")
