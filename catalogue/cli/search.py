"""``bpcat search TEXT [--organ …] [--json]``: the search API from the command line."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable

import click

from bigpicture.catalogue.cli import ExitCode, settings_from_context
from bigpicture.search.facets import FACETS
from bigpicture.search.model import KINDS, MAX_SIZE, SORTS


def _facet_options(function: Callable) -> Callable:
    for facet in reversed(FACETS):
        function = click.option(
            f"--{facet.name.replace('_', '-')}",
            facet.name,
            multiple=True,
            metavar="CODE|LABEL",
            help=f"{facet.label} filter (repeatable; any of the values).",
        )(function)
    return function


@click.command("search")
@click.argument("text", nargs=-1)
@_facet_options
@click.option(
    "--kind",
    type=click.Choice(KINDS),
    default="dataset",
    show_default=True,
    help="Search dataset versions or slide-level image records.",
)
@click.option("--sort", type=click.Choice(SORTS), default="relevance", show_default=True)
@click.option("--page", type=click.IntRange(1), default=1, show_default=True)
@click.option("--size", type=click.IntRange(0, MAX_SIZE), default=20, show_default=True)
@click.option("--local", is_flag=True, help="Do not ask the peer catalogues.")
@click.option("--json", "as_json", is_flag=True, help="Print the API's JSON answer.")
@click.pass_context
def command(
    ctx: click.Context,
    text: tuple[str, ...],
    kind: str,
    sort: str,
    page: int,
    size: int,
    local: bool,
    as_json: bool,
    **facets: tuple[str, ...],
) -> None:
    """Search the catalogue for TEXT (words, a concept name or a code) with facet filters.

    Exit codes: 0 ok (also when nothing matches), 2 invalid settings or engine unreachable.
    """
    from bigpicture.catalogue.settings import ConfigError
    from bigpicture.search.backend import SearchError
    from bigpicture.search.engines import open_backend
    from bigpicture.search.model import SearchQuery
    from bigpicture.search.service import SearchService
    from bigpicture.search.vocabulary import load_concepts

    settings = settings_from_context(ctx)
    filters = tuple((name, values) for name, values in facets.items() if values)
    query = SearchQuery(" ".join(text), filters, kind, page, size, sort)
    try:
        vocabulary = load_concepts(settings)
        service = SearchService(open_backend(settings, vocabulary), vocabulary)
        peers = () if local else settings.peers
        result = service.answer(query, peers=peers, timeout=settings.peer_timeout)
    except (ConfigError, SearchError, ConnectionError) as error:
        click.echo(f"bpcat search: {settings.data_dir}: {error}", err=True)
        sys.exit(ExitCode.USAGE)
    if as_json:
        click.echo(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
        return
    _print(result)


def _print(result) -> None:  # noqa: ANN001 - a SearchResult
    noun = "slides" if result.query.kind == "image" else "datasets"
    click.echo(f"{result.total} {noun} (page {result.query.page} of {result.pages})")
    for concept in result.concepts:
        click.echo(f"  also matching everything under {concept['label']} ({concept['code']})")
    for hit in result.hits:
        where = f"  [{hit['source']}]" if hit.get("source") else ""
        if hit.get("origin") == "harvested":
            where += f"  [harvested from another catalogue: {hit['url']}]"
        label = hit["id"] if hit.get("kind") != "image" else f"{hit['id']} ({hit['alias']})"
        click.echo(f"- {label}  {hit['short_name']}  {hit['title']}  {hit.get('doi', '')}{where}")
    for name, values in result.facets.items():
        if values:
            shown = ", ".join(f"{v.label} ({v.count})" for v in values[:5])
            click.echo(f"  {name}: {shown}")
    for peer in result.peers:
        if peer.status != "ok":
            click.echo(f"  peer {peer.url} did not answer ({peer.status}): partial results")
