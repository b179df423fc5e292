"""``bpcat generate``: regenerate (or check) everything derived from the LinkML model.

Exit codes: 0 ok (``--check``: everything up to date); 1 ``--check`` found stale artefacts;
2 the model cannot be read or generated from.
"""

from __future__ import annotations

import sys
import time

import click


@click.command("generate")
@click.option(
    "--check",
    is_flag=True,
    help="Render in memory and exit 1, naming the stale files, if a committed file differs.",
)
def command(check: bool) -> None:
    """Generate XSD, SHACL, JSON-LD context, OWL and Python classes from model/schema."""
    from bigpicture.model import generate

    started = time.perf_counter()
    try:
        artefacts = generate.render()
    except Exception as error:  # a broken model: one line, no traceback
        click.echo(f"model/schema: cannot generate: {error}", err=True)
        sys.exit(2)
    elapsed = time.perf_counter() - started
    if check:
        stale = generate.stale(artefacts)
        for path in stale:
            click.echo(f"{path}: stale, run `make generate`", err=True)
        if stale:
            sys.exit(1)
        click.echo(f"{len(artefacts)} generated files up to date ({elapsed:.1f} s)")
        return
    changed = generate.write(artefacts)
    click.echo(f"{len(artefacts)} files generated, {len(changed)} changed ({elapsed:.1f} s)")
