"""``bpcat node serve DIR``: publish a folder of MetaFleX submissions for harvesting."""

from __future__ import annotations

import os
from pathlib import Path

import click

from bigpicture.catalogue.cli import ExitCode


@click.group("node")
def command() -> None:
    """Act as a Bigpicture node (docs/node-protocol.md)."""


@command.command("serve")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--bind", default="127.0.0.1:8400", show_default=True, help="HOST:PORT to listen on.")
@click.option("--title", default="", help="Title of the node in its index (default: folder name).")
@click.option("--token-env", default="", help="Require a bearer token read from this variable.")
@click.option("--verbose", is_flag=True, help="Log every request.")
def serve(folder: Path, bind: str, title: str, token_env: str, verbose: bool) -> None:
    """Serve the DATASET_* folders of FOLDER: index.json, files, DICOM headers by range.

    Exit codes: 0 stopped normally, 2 unreadable folder or bad --bind.
    """
    from bigpicture.harvest.node_server import make_server

    if not folder.is_dir():
        click.echo(f"bpcat node serve: {folder}: not a folder", err=True)
        raise SystemExit(ExitCode.USAGE)
    token = os.environ.get(token_env, "") if token_env else ""
    if token_env and not token:
        click.echo(f"bpcat node serve: --token-env {token_env}: the variable is not set", err=True)
        raise SystemExit(ExitCode.USAGE)
    try:
        server = make_server(folder, bind, title=title, token=token, verbose=verbose)
    except (ValueError, OSError) as error:
        click.echo(f"bpcat node serve: {bind}: {error}", err=True)
        raise SystemExit(ExitCode.USAGE) from error
    click.echo(f"serving {folder} on {server.url} (index: {server.url}index.json)", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
