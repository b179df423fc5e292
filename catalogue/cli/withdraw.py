"""``bpcat withdraw ID --reason TEXT``: turn a dataset version into a tombstone."""

from __future__ import annotations

import sys

import click

from bigpicture.catalogue.cli import ExitCode, settings_from_context


@click.command("withdraw")
@click.argument("version_id")
@click.option("--reason", required=True, help="Why the version is withdrawn (shown with HTTP 410).")
@click.pass_context
def command(ctx: click.Context, version_id: str, reason: str) -> None:
    """Withdraw VERSION_ID (a version id or DOI): its RDF is removed from the store and
    the search index; its record, citation and the reason stay, and its landing page answers
    410 Gone. Exit codes: 0 withdrawn (or already withdrawn); 2 unknown id, empty reason or
    store unavailable.
    """
    from bigpicture.catalogue.app import open_catalogue
    from bigpicture.catalogue.store import StoreError

    try:
        catalogue = open_catalogue(settings_from_context(ctx))
        record = catalogue.store.require(version_id)
        if record.withdrawn:
            click.echo(f"{record.id} was already withdrawn on {record.withdrawn_date}")
            return
        record = catalogue.withdraw(record.id, reason)
    except StoreError as error:
        click.echo(f"bpcat withdraw: {error}", err=True)
        sys.exit(ExitCode.USAGE)
    click.echo(f"withdrew {record.id} (DOI {record.doi}): {record.withdrawn_reason}")
