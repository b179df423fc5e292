"""``bpcat export``: the whole catalogue as DCAT-AP 3 with HealthDCAT-AP, to standard output.

Exit codes: 0 written; 2 the store cannot be read.
"""

from __future__ import annotations

import click

from bigpicture.catalogue.cli import ExitCode, settings_from_context

FORMAT_NAMES = ("turtle", "jsonld", "rdfxml")
PROFILE_NAMES = ("healthdcat-ap", "dcat-ap-3")


@click.command("export")
@click.option(
    "--format",
    "format_name",
    type=click.Choice(FORMAT_NAMES),
    default="turtle",
    show_default=True,
    help="RDF serialisation.",
)
@click.option(
    "--profile",
    type=click.Choice(PROFILE_NAMES),
    default="healthdcat-ap",
    show_default=True,
    help="Application profile.",
)
@click.pass_context
def command(ctx: click.Context, format_name: str, profile: str) -> None:
    """Write every published dataset version of the catalogue (DCAT) to standard output."""
    from bigpicture.catalogue.dcat import (
        FORMATS,
        PROFILES,
        PublishContext,
        build_catalog,
        paginate,
        serialise,
    )
    from bigpicture.catalogue.store import Store, StoreError
    from bigpicture.catalogue.web.store_facts import open_store_source

    settings = settings_from_context(ctx)
    try:
        facts = open_store_source(settings, Store.open(settings.store_dir)).all_facts()
    except (OSError, StoreError) as error:
        click.echo(f"{settings.store_dir}: cannot read the catalogue store ({error})", err=True)
        ctx.exit(ExitCode.USAGE)
    graph = build_catalog(
        paginate(facts), PublishContext.from_settings(settings), PROFILES[profile]
    )
    click.echo(serialise(graph, FORMATS[format_name]).decode("utf-8"), nl=False)
