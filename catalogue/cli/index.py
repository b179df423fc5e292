"""``bpcat index``: show the search index, or ``--rebuild`` it from the store."""

from __future__ import annotations

import sys
import time

import click

from bigpicture.catalogue.cli import ExitCode, settings_from_context


@click.command("index")
@click.option("--rebuild", is_flag=True, help="Rebuild the whole index from the store.")
@click.pass_context
def command(ctx: click.Context, rebuild: bool) -> None:
    """Count what the search index holds; with --rebuild, rebuild it from the store (and the
    DCAT records harvested from other catalogues) first.

    The rebuild writes a new index and switches to it when complete (the embedded index's
    CURRENT file, Elasticsearch's alias): searches keep working meanwhile.
    Exit codes: 0 ok, 2 invalid settings, store or engine unavailable.
    """
    from bigpicture.catalogue.settings import ConfigError
    from bigpicture.search.backend import SearchError
    from bigpicture.search.engines import open_backend
    from bigpicture.search.model import EngineQuery

    settings = settings_from_context(ctx)
    try:
        backend = open_backend(settings)
        if rebuild:
            started = time.monotonic()
            count = _rebuild(settings)
            seconds = time.monotonic() - started
            click.echo(
                f"rebuilt the {settings.search_engine} index: {count} records in {seconds:.1f} s"
            )
        datasets = backend.search(EngineQuery(kind="dataset", limit=0)).total
        images = backend.search(EngineQuery(kind="image", limit=0)).total
    except (ConfigError, SearchError, ConnectionError, LookupError) as error:
        click.echo(f"bpcat index: {settings.data_dir}: {error}", err=True)
        sys.exit(ExitCode.USAGE)
    click.echo(f"{settings.search_engine} index: {datasets} datasets, {images} images")


def _rebuild(settings) -> int:  # noqa: ANN001 - Settings
    """Rebuild through the composition root, which knows the store and the indexer."""
    try:
        from bigpicture.catalogue.app import open_catalogue
    except ImportError as error:
        raise LookupError("the catalogue store is not installed; nothing to index") from error
    catalogue = open_catalogue(settings)
    return catalogue.search_indexer.rebuild()
