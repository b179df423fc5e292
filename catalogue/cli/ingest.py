"""``bpcat ingest PATH``: validate a submission (folder or zip) and add it to the catalogue."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from bigpicture.catalogue.cli import ExitCode, settings_from_context


def _finding_line(finding) -> str:  # noqa: ANN001 - validation Finding
    place = ":".join(str(part) for part in (finding.file, finding.line) if part)
    hint = f" (hint: {finding.hint})" if finding.hint else ""
    return f"{place or '-'}: {finding.severity.value} [{finding.rule}] {finding.message}{hint}"


def print_report(report) -> None:  # noqa: ANN001 - ValidationReport
    """The errors and warnings of a validation report, one line each, on standard error."""
    for finding in report.findings:
        if finding.severity.value in ("error", "warning"):
            click.echo(_finding_line(finding), err=True)


@click.command("ingest")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--node", default="", help="The Bigpicture node the dataset comes from.")
@click.pass_context
def command(ctx: click.Context, path: Path, node: str) -> None:
    """Validate the submission at PATH (folder or zip) and add it as a dataset version.

    An invalid submission is refused with its validation report and changes nothing. The same
    version with the same content again is a no-op; other content under an existing VERSION
    is refused (versions are immutable). Exit codes: 0 added or already there; 1 invalid
    submission, changed content under an existing version, or patient identifiers found;
    2 unreadable input or store unavailable.
    """
    from bigpicture.catalogue.app import open_catalogue
    from bigpicture.catalogue.ingest import SubmissionRefused
    from bigpicture.catalogue.store import PrivacyError, StoreError, VersionConflict
    from bigpicture.catalogue.submission import SubmissionUnreadable
    from bigpicture.catalogue.validation import InputError

    try:
        result = open_catalogue(settings_from_context(ctx)).ingest(path, node=node)
    except SubmissionRefused as refused:
        print_report(refused.report)
        click.echo(f"bpcat ingest: {refused}", err=True)
        sys.exit(ExitCode.INVALID)
    except (VersionConflict, PrivacyError) as error:
        click.echo(f"bpcat ingest: {path}: {error}", err=True)
        sys.exit(ExitCode.INVALID)
    except (InputError, SubmissionUnreadable, StoreError, OSError) as error:
        click.echo(f"bpcat ingest: {path}: {error}", err=True)
        sys.exit(ExitCode.USAGE)
    record = result.record
    if not result.created:
        click.echo(f"unchanged: {record.id} (version {record.version}) is already in the catalogue")
        return
    click.echo(f"added {record.id}: version {record.version}, DOI {record.doi}")
    if result.registration_error:
        click.echo(f"warning: the DOI was not registered: {result.registration_error}", err=True)
