"""``bpcat demo``: ingest the shipped demo submissions (once), then serve the catalogue."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

import click

from bigpicture.catalogue.cli import ExitCode, settings_from_context


def demo_submissions(root: Path) -> list[tuple[str, Path]]:
    """(node, submission folder) of every demo submission, round by round."""
    found = []
    for round_dir in sorted(p for p in root.glob("round-*") if p.is_dir()):
        for node_dir in sorted(p for p in round_dir.iterdir() if p.is_dir()):
            found += [(node_dir.name, d) for d in sorted(node_dir.glob("DATASET_*")) if d.is_dir()]
    return found


def demo_root() -> Path:
    """The folder of the shipped demo submissions (catalogue/demo)."""
    return Path(str(resources.files("bigpicture.catalogue") / "demo"))


def ingest_demo(catalogue, root: Path) -> int:  # noqa: ANN001 - app.Catalogue
    """Ingest every demo submission not yet in the store; the number added."""
    from bigpicture.catalogue.ingest import already_ingested

    added = 0
    for node, folder in demo_submissions(root):
        if already_ingested(folder, catalogue.store, catalogue.settings):
            continue
        result = catalogue.ingest(folder, node=node)
        added += int(result.created)
        click.echo(f"demo: {result.record.id} from {node}")
    return added


@click.command("demo")
@click.option("--bind", default="127.0.0.1:8000", show_default=True, help="HOST:PORT to listen on.")
@click.option("--workers", default=2, show_default=True, help="Number of worker processes.")
@click.option("--from", "source", type=click.Path(path_type=Path), default=None,
              help="Folder of demo rounds (default: the shipped catalogue/demo).")  # fmt: skip
@click.pass_context
def command(ctx: click.Context, bind: str, workers: int, source: Path | None) -> None:
    """Ingest the demo submissions into BPCAT_DATA_DIR (skipping those already there), then
    serve the catalogue like ``bpcat serve``. Exit codes: 0 after the server stops; 1 a demo
    submission was refused; 2 the demo folder is missing.
    """
    from bigpicture.catalogue.app import open_catalogue
    from bigpicture.catalogue.ingest import SubmissionRefused
    from bigpicture.catalogue.web.server import run_gunicorn

    settings = settings_from_context(ctx)
    root = source or demo_root()
    if not demo_submissions(root):
        click.echo(f"bpcat demo: {root}: no demo submissions (round-*/<node>/DATASET_*)", err=True)
        sys.exit(ExitCode.USAGE)
    try:
        added = ingest_demo(open_catalogue(settings), root)
    except SubmissionRefused as refused:
        click.echo(f"bpcat demo: {refused}", err=True)
        sys.exit(ExitCode.INVALID)
    click.echo(f"demo: {added} versions added under {settings.data_dir}; serving on http://{bind}")
    run_gunicorn(settings, bind=bind, workers=workers)
