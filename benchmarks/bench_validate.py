"""Validation of a 45,000-image submission, against plain pySHACL on the same graph.

Measured in one run, each part in a fresh child process (so peak memory is its own):
1. the whole validation (``validate_path``: parsing, XSD, references, SHACL, vocabularies);
2. the baseline: plain pySHACL validating the same data graph with the same shapes (the
   generated ones plus shapes/rules), timing the ``pyshacl.validate`` call alone; in the same
   child our engine validates that graph too and the two result sets are compared.
Prints both times, their ratio and whether the SHACL results are identical.
Sizes: ``BPCAT_BENCH_IMAGES`` (default 45000) for the whole validation, and
``BPCAT_BENCH_BASELINE_IMAGES`` (default 2000) for the comparison: plain pySHACL grows
linearly (147 s for 2,000 images, 215,000 triples, on this machine), so on the 45,000-image
graph (4.8 million triples) it would take about an hour; set both to 45000 to measure that.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BPCAT = Path(sys.executable).with_name("bpcat")


def _synthesise(images: int, out: Path) -> Path:
    out.mkdir()
    subprocess.run(
        [
            str(BPCAT),
            "synth",
            "--datasets",
            "1",
            "--images",
            str(images),
            "--node",
            "linkoping",
            "--seed",
            "7",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    return next(out.iterdir())


def _child(mode: str, folder: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_validate", mode, str(folder)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def whole(folder: Path) -> dict:
    """Child: the whole validation, timed from the first import."""
    start, cpu = time.perf_counter(), time.process_time()
    from bigpicture.catalogue.validation import validate_path

    report = validate_path(folder)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    children = usage.ru_maxrss / 1024
    return {
        "seconds": time.perf_counter() - start,
        "cpu": time.process_time() - cpu,
        "child_cpu": usage.ru_utime + usage.ru_stime,
        "valid": report.valid,
        "findings": len(report.findings),
        "objects": report.objects,
        "peak_mb": _peak_mb(),
        "child_peak_mb": children,
    }


def baseline(folder: Path) -> dict:
    """Child: plain pySHACL on the data graph, and our engine on the same graph."""
    import pyshacl

    from bigpicture.catalogue.validation.datagraph import build_data_graph, to_rdflib
    from bigpicture.catalogue.validation.limits import DEFAULT_LIMITS
    from bigpicture.catalogue.validation.objects import ObjectIndex
    from bigpicture.catalogue.validation.parsing import parse_file
    from bigpicture.catalogue.validation.rdf_mapping import superclasses
    from bigpicture.catalogue.validation.shacl_engine import Engine
    from bigpicture.catalogue.validation.shacl_shapes import ontology_graph, shapes_graph
    from bigpicture.catalogue.validation.sources import FolderSource

    loaded = FolderSource(folder).load(DEFAULT_LIMITS)
    index = ObjectIndex.from_files(parse_file(f)[0] for f in loaded.files)
    graph = build_data_graph(index)
    ours = {r.key() for r in Engine(shapes_graph(), superclasses()).validate(graph)}
    data, shapes, ontology = to_rdflib(graph), shapes_graph(), ontology_graph()
    start = time.perf_counter()
    _, results, _ = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology, inference="none")
    seconds = time.perf_counter() - start
    theirs = _keys(results)
    return {
        "seconds": seconds,
        "triples": len(data),
        "results": len(theirs),
        "identical": ours == theirs,
        "peak_mb": _peak_mb(),
    }


def _keys(results) -> set:
    from rdflib.namespace import SH

    from bigpicture.catalogue.validation.shacl_components import term_key
    from bigpicture.catalogue.validation.shacl_engine import from_rdflib

    found = set()
    for result in results.objects(None, SH.result):
        value = results.value(result, SH.value)
        found.add(
            (
                str(results.value(result, SH.focusNode)),
                results.value(result, SH.resultPath),
                None if value is None else term_key(from_rdflib(value)),
                results.value(result, SH.sourceConstraintComponent),
                results.value(result, SH.sourceShape),
            )
        )
    return found


def _report_whole(images: int, ours: dict) -> None:
    print(
        f"validate_path, {images} images, {ours['objects']} objects: "
        f"{ours['seconds']:.1f} s wall, CPU {ours['cpu']:.1f} s main process + "
        f"{ours['child_cpu']:.1f} s forked SHACL process, "
        f"peak {ours['peak_mb']:.0f} MB (+ forked SHACL process {ours['child_peak_mb']:.0f} MB,"
        f" pages shared), valid={ours['valid']}, "
        f"{ours['findings']} findings",
        flush=True,
    )


def main() -> None:
    """Synthesise, validate, compare with plain pySHACL, print the figures."""
    images = int(os.environ.get("BPCAT_BENCH_IMAGES", "45000"))
    base_images = int(os.environ.get("BPCAT_BENCH_BASELINE_IMAGES", "2000"))
    with tempfile.TemporaryDirectory() as tmp:
        _report_whole(images, _child("whole", _synthesise(images, Path(tmp) / "big")))
    with tempfile.TemporaryDirectory() as tmp:
        folder = _synthesise(base_images, Path(tmp) / "base")
        ours = _child("whole", folder)
        _report_whole(base_images, ours)
        plain = _child("baseline", folder)
    print(
        f"plain pySHACL, same {base_images}-image graph ({plain['triples']} triples) and "
        f"shapes: {plain['seconds']:.1f} s, peak {plain['peak_mb']:.0f} MB, "
        f"{plain['results']} results"
    )
    print(
        f"ratio pySHACL / whole validation: {plain['seconds'] / ours['seconds']:.1f}x; "
        f"SHACL results identical: {plain['identical']}"
    )


if __name__ == "__main__":
    mode, path = sys.argv[1], Path(sys.argv[2])
    print(json.dumps(whole(path) if mode == "whole" else baseline(path)))
