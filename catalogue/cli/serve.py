"""``bpcat serve``: run the web application under gunicorn."""

from __future__ import annotations

import click

from bigpicture.catalogue.cli import settings_from_context


@click.command("serve")
@click.option("--bind", default="127.0.0.1:8000", show_default=True, help="HOST:PORT to listen on.")
@click.option("--workers", default=2, show_default=True, help="Number of worker processes.")
@click.pass_context
def command(ctx: click.Context, bind: str, workers: int) -> None:
    """Serve the catalogue (landing pages, DCAT, search, SPARQL) on BIND."""
    from bigpicture.catalogue.web.server import run_gunicorn

    run_gunicorn(settings_from_context(ctx), bind=bind, workers=workers)
