"""``bpcat validate PATH``: check a submission folder, a zip of one, or one XML file.

Exit codes: 0 valid (warnings allowed), 1 invalid, 2 unreadable input or usage error.
"""

from __future__ import annotations

from pathlib import Path

import click

from bigpicture.catalogue.cli import ExitCode, settings_from_context

FORMATS = ("text", "json", "html", "turtle")


@click.command("validate")
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Report format.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the report to this file instead of standard output.",
)
@click.option(
    "--max-file-mb",
    type=click.IntRange(1),
    default=None,
    help="Largest XML file to read, in MB (default 256).",
)
@click.pass_context
def command(
    ctx: click.Context, path: Path, output_format: str, output: Path | None, max_file_mb: int | None
) -> None:
    """Validate the MetaFleX submission at PATH and print a report.

    PATH is a DATASET_<alias> folder, a zip of one, or one XML file. Exit status: 0 valid
    (warnings allowed), 1 invalid, 2 unreadable input.
    """
    from bigpicture.catalogue.validation import DEFAULT_LIMITS, InputError, validate_path
    from bigpicture.catalogue.validation.limits import MB
    from bigpicture.catalogue.validation.renderers import RENDERERS

    limits = DEFAULT_LIMITS
    if max_file_mb:
        import dataclasses

        limits = dataclasses.replace(limits, max_file_bytes=max_file_mb * MB)
    try:
        report = validate_path(path, limits=limits, vocabulary=_vocabulary(ctx))
    except InputError as error:
        click.echo(f"bpcat validate: {error}", err=True)
        ctx.exit(ExitCode.USAGE)
    text = RENDERERS[output_format].render(report)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
    ctx.exit(ExitCode.OK if report.valid else ExitCode.INVALID)


def _vocabulary(ctx: click.Context):
    """The vocabularies, with the SNOMED CT release of this catalogue when one is loaded."""
    from bigpicture.vocabularies import DATA_SUBDIR, load_vocabulary

    return load_vocabulary(settings_from_context(ctx).data_dir / DATA_SUBDIR)
