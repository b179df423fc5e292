"""Time of ``bpcat generate`` per artefact, and validation speed of the generated XSDs.

Baselines measured in the same run: loading the LinkML model (SchemaView with every module
imported), which each LinkML generator repeats; and validating the differential corpus of
tests/model with the official MetaFleX XSDs, against which the generated XSDs are timed.
"""

from __future__ import annotations

import time
from pathlib import Path

from lxml import etree

REPO = Path(__file__).resolve().parent.parent
OFFICIAL = REPO.parent / "shared" / "metaflex" / "xsd"
SAFE = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _seconds(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _generation() -> None:
    from linkml_runtime.utils.schemaview import SchemaView

    from bigpicture.model import generate, xmlmap

    baseline = _seconds(lambda: SchemaView(str(xmlmap.ROOT_SCHEMA)).imports_closure())
    print(f"baseline: load the model (SchemaView + imports)   {baseline:6.2f} s")
    total = 0.0
    for producer in generate.PRODUCERS:
        seconds = _seconds(producer)
        total += seconds
        name = producer.__name__.lstrip("_")
        print(f"{name:48s} {seconds:6.2f} s  {seconds / baseline:5.1f}x baseline")
    label = "bpcat generate, all artefacts"
    print(f"{label:48s} {total:6.2f} s  {total / baseline:5.1f}x baseline")


def _schemas(folder: Path, names: list[str], drivers: Path) -> dict[str, etree.XMLSchema]:
    from tests.model import xsd_corpus

    found = {}
    for name in names:
        path = folder / name
        if name == "BP.common.xsd":
            path = drivers / f"driver-{folder.parent.name}.xsd"
            path.write_bytes(xsd_corpus.common_driver_schema(folder.joinpath(name).as_uri()))
        found[name] = etree.XMLSchema(etree.parse(str(path), SAFE))
    return found


def _validation() -> None:
    import tempfile

    from tests.model import xsd_corpus

    documents = [
        (d.xsd, etree.fromstring(d.xml, SAFE))
        for d in xsd_corpus.corpus(REPO.parent / "shared" / "metaflex" / "examples-2.0.0")
    ]
    names = list(xsd_corpus.SEED_BUILDERS)
    with tempfile.TemporaryDirectory() as scratch:
        official = _schemas(OFFICIAL, names, Path(scratch))
        generated = _schemas(REPO / "model" / "xsd", names, Path(scratch))
    verdicts = {}

    def run(label: str, schemas: dict) -> None:
        verdicts[label] = [schemas[name].validate(root) for name, root in documents]

    base = _seconds(lambda: run("official", official))
    ours = _seconds(lambda: run("generated", generated))
    agree = sum(a == b for a, b in zip(verdicts["official"], verdicts["generated"], strict=True))
    print(f"baseline: official XSDs, {len(documents):,} documents       {base:6.2f} s")
    print(f"generated XSDs, same documents                   {ours:6.2f} s  {ours / base:5.2f}x")
    print(f"verdicts agreeing: {agree:,}/{len(documents):,}")


def main() -> None:
    """Print generation and validation figures with their ratios."""
    _generation()
    _validation()
