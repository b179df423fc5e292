"""``bpcat synth``: write synthetic MetaFleX 2.0.0 submissions (seeded, reproducible, streaming).

Exit codes: 0 written; 2 usage error (bad image count, unknown node, dataset folder exists).
"""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import click

NODES = ("utrecht", "vienna", "leeds", "helsinki", "linkoping", "marburg")


def _images_option(ctx: click.Context, param: click.Parameter, text: str) -> tuple[int, int]:
    return parse_images(text)


def parse_images(text: str) -> tuple[int, int]:
    """``M`` or ``MIN-MAX`` images per dataset."""
    match = re.fullmatch(r"\s*(\d+)\s*(?:-\s*(\d+)\s*)?", text)
    if not match:
        raise click.BadParameter(f"{text!r} is not a number or a range MIN-MAX")
    low = int(match[1])
    high = int(match[2]) if match[2] else low
    if low < 1 or high < low:
        raise click.BadParameter(f"{text!r}: need 1 <= MIN <= MAX")
    return low, high


@click.command("synth")
@click.option(
    "--datasets",
    "-n",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Number of datasets.",
)
@click.option(
    "--images",
    "-m",
    default="10",
    callback=_images_option,
    show_default=True,
    help="Images PER DATASET: a number, or a range MIN-MAX drawn per dataset.",
)
@click.option(
    "--seed",
    type=int,
    default=0,
    show_default=True,
    help="Random seed; the same options give byte-identical files.",
)
@click.option(
    "--node",
    type=click.Choice(NODES),
    default=None,
    help="Node profile of every dataset (default: rotate through the six nodes).",
)
@click.option(
    "--dataset-version",
    default="1.0",
    show_default=True,
    help="VERSION of the datasets; with the same seed, a new version of the same "
    "datasets (same aliases).",
)
@click.option(
    "--first-index",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Number of the first dataset (aliases BPSYN_<NODE>_<NNNN>).",
)
@click.option("--by-node", is_flag=True, help="Write OUT/<node>/DATASET_<alias> folders.")
@click.option("--force", is_flag=True, help="Replace dataset folders that already exist.")
@click.option("--verbose", "-v", is_flag=True, help="One line per dataset.")
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
def command(
    datasets: int,
    images: tuple[int, int],
    seed: int,
    node: str | None,
    dataset_version: str,
    first_index: int,
    by_node: bool,
    force: bool,
    verbose: bool,
    out: Path,
) -> None:
    """Write synthetic, valid MetaFleX 2.0.0 submissions into OUT.

    Each dataset is a DATASET_<alias>/ folder with METADATA/, LANDING_PAGE/ and PRIVATE/
    (the preparation-guide layout). --images counts images per dataset, so 45,000 images in one
    dataset is `--datasets 1 --images 45000` and 3,000,000 over 10,000 datasets is
    `--datasets 10000 --images 300`.
    """
    from bigpicture.catalogue.synth.generator import SynthOptions, generate, plans
    from bigpicture.catalogue.synth.tables import load_tables

    options = SynthOptions(datasets, images, seed, node, dataset_version, first_index, by_node)
    _clear_targets(out, options, plans(options, load_tables()), force)
    started, total, count = time.perf_counter(), 0, 0
    for summary in generate(out, options):
        total, count = total + summary.images, count + 1
        if verbose:
            click.echo(
                f"{summary.folder}: {summary.images} images, {summary.cases} cases, "
                f"{summary.observations} observations, {summary.annotations} annotations"
            )
    click.echo(
        f"wrote {count} datasets, {total} images to {out} in {time.perf_counter() - started:.1f} s"
    )


def _clear_targets(out: Path, options, dataset_plans, force: bool) -> None:
    for plan in dataset_plans:
        base = out / plan.node.name if options.by_node else out
        folder = base / f"DATASET_{plan.alias}"
        if folder.exists():
            if not force:
                raise click.UsageError(f"{folder} already exists (use --force to replace it)")
            shutil.rmtree(folder)
