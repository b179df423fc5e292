"""``bpcat vocab``: look up, search and expand codes; load a licensed SNOMED CT release.

Exit codes: 0 found / loaded; 1 nothing found; 2 usage error or unreadable input (e.g. an
RF2 folder without the snapshot files).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from bigpicture.catalogue.cli import ExitCode, settings_from_context

if TYPE_CHECKING:
    from bigpicture.vocabularies import Concept, Vocabulary


def _data_folder(ctx: click.Context) -> Path:
    from bigpicture.vocabularies import DATA_SUBDIR

    return settings_from_context(ctx).data_dir / DATA_SUBDIR


def _vocabulary(ctx: click.Context) -> Vocabulary:
    from bigpicture.vocabularies import load_vocabulary

    return load_vocabulary(_data_folder(ctx))


def _line(concept: Concept) -> str:
    return f"{concept.scheme}\t{concept.code}\t{concept.label}"


def _details(concept: Concept) -> list[str]:
    fields = {
        "synonyms": "; ".join(concept.synonyms),
        "category": concept.category,
        "semantic tag": concept.semantic_tag,
        "legacy ids": ", ".join(concept.legacy_ids),
        "groups": ", ".join(concept.groups),
        "shorthand": concept.shorthand,
        "definition": concept.definition,
        "inactive": "yes" if not concept.active else "",
    }
    return [f"  {name}: {value}" for name, value in fields.items() if value]


def _emit(concepts: list[Concept], as_json: bool, details: bool = False) -> None:
    """Print the concepts; exit 1 when there are none."""
    if as_json:
        click.echo(json.dumps([concept.to_json() for concept in concepts], indent=2))
    else:
        for concept in concepts:
            click.echo(_line(concept))
            for line in _details(concept) if details else ():
                click.echo(line)
    if not concepts:
        if not as_json:
            click.echo("nothing found", err=True)
        raise SystemExit(ExitCode.INVALID)


@click.group("vocab")
def command() -> None:
    """Vocabularies: SNOMED CT terms, stains, DUO and the Bigpicture groupings."""


@command.command("lookup")
@click.argument("code")
@click.option("--scheme", default="SCT", show_default=True, help="Coding scheme of CODE.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of concepts.")
@click.pass_context
def lookup(ctx: click.Context, code: str, scheme: str, as_json: bool) -> None:
    """Show the concept of CODE (also a legacy SNOMED-RT id or a DUO shorthand)."""
    vocabulary = _vocabulary(ctx)
    found = vocabulary.lookup(code, scheme) or vocabulary.from_legacy(code) or vocabulary.duo(code)
    _emit([found] if found else [], as_json, details=True)


@command.command("search")
@click.argument("text")
@click.option("--limit", default=20, show_default=True, help="Most concepts to show.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of concepts.")
@click.pass_context
def search(ctx: click.Context, text: str, limit: int, as_json: bool) -> None:
    """Concepts whose terms match TEXT (case, accents, spelling and plurals do not matter)."""
    _emit(_vocabulary(ctx).search(text, limit=limit), as_json)


@command.command("expand")
@click.argument("code_or_text")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of concepts.")
@click.pass_context
def expand(ctx: click.Context, code_or_text: str, as_json: bool) -> None:
    """The concepts CODE_OR_TEXT names and every code below them."""
    vocabulary = _vocabulary(ctx)
    expansion = vocabulary.expand(code_or_text)
    matched = {concept.code for concept in expansion.matched}
    found = [vocabulary.lookup(code) for code in sorted(expansion.codes)]
    concepts = sorted((c for c in found if c), key=lambda c: (c.code not in matched, c.label))
    if as_json:
        rows = [dict(c.to_json(), matched=c.code in matched) for c in concepts]
        click.echo(json.dumps(rows, indent=2))
        raise SystemExit(ExitCode.OK if rows else ExitCode.INVALID)
    for concept in concepts:
        click.echo(("* " if concept.code in matched else "  ") + _line(concept))
    if not concepts:
        click.echo("nothing found", err=True)
        raise SystemExit(ExitCode.INVALID)


@command.command("load-snomed")
@click.argument("rf2_dir", type=click.Path(path_type=Path))
@click.pass_context
def load_snomed(ctx: click.Context, rf2_dir: Path) -> None:
    """Load a licensed SNOMED CT RF2 snapshot (folder RF2_DIR) into the data folder."""
    from bigpicture.vocabularies import Rf2Error, load_snapshot

    try:
        report = load_snapshot(rf2_dir, _data_folder(ctx))
    except Rf2Error as error:
        click.echo(f"error: {error}", err=True)
        raise SystemExit(ExitCode.USAGE) from None
    click.echo(
        f"loaded {report.concepts} concepts ({report.active_concepts} active), "
        f"{report.terms} terms, {report.isa} is-a links in {report.seconds:.1f} s "
        f"into {report.store}"
    )
