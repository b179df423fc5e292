"""``bpcat``: the one command-line front door of the catalogue.

Exit codes (every subcommand): 0 ok; 1 invalid metadata or a failed check; 2 usage error or
unreadable input. Subcommands live one per module in this package and are registered in
``COMMAND_MODULES`` below; heavy libraries are imported inside the commands, not at start-up.
"""

from __future__ import annotations

import importlib

import click

from bigpicture.catalogue.settings import ConfigError, Settings, load_settings

#: Modules of this package that each define ``command`` (a click command or group).
COMMAND_MODULES: tuple[str, ...] = (
    "serve",
    "search",
    "index",
    "generate",
    "synth",
    "vocab",
    "export",
    "ingest",
    "withdraw",
    "demo",
    "validate",
    "nodes",
    "harvest",
    "node",
)


class ExitCode:
    """Documented exit codes of ``bpcat``."""

    OK = 0
    INVALID = 1
    USAGE = 2


def settings_from_context(ctx: click.Context) -> Settings:
    """The settings object built once by the main group."""
    return ctx.find_root().obj


@click.group()
@click.pass_context
def main(ctx: click.Context) -> None:
    """Bigpicture Catalogue: FAIR metadata catalogue of whole-slide image datasets."""
    try:
        ctx.obj = load_settings()
    except ConfigError as error:
        raise click.UsageError(str(error)) from error


for _name in COMMAND_MODULES:
    main.add_command(importlib.import_module(f"{__name__}.{_name}").command)
