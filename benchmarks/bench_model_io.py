"""Reading a 45,000-image submission into the model's objects and writing it as N-Triples.

Figures: the lxml parse of the same files (the floor: what any reader pays), reading into the
generated classes (``read_submission``), N-Triples from the objects (``to_ntriples``) and the
two together, which is the issue's target (well under 30 s). Baseline for the RDF step, on a
1,000-image submission in the same run: building an rdflib Graph of the same triples and
serialising it.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

from lxml import etree

IMAGES = 45_000
BASELINE_IMAGES = 1_000
BASE = "https://catalogue.example.org/"
NEWLINE = b"\n"


def _timed(function, *args):
    started, cpu = time.perf_counter(), time.process_time()
    result = function(*args)
    return result, time.perf_counter() - started, time.process_time() - cpu


def _parse_all(folder: Path) -> int:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return sum(len(etree.parse(str(p), parser).getroot()) for p in folder.rglob("*.xml"))


def _rdflib_nt(submission) -> int:
    from rdflib import Graph, Literal, URIRef

    from bigpicture.model.rdf_io import IRI, triples
    from bigpicture.model.rdf_io import Literal as TypedLiteral

    graph = Graph()
    for s, p, o in triples(submission, BASE):
        if isinstance(o, IRI):
            term = URIRef(o)
        elif isinstance(o, TypedLiteral):
            term = Literal(o.lexical, datatype=URIRef(o.datatype))
        else:
            term = Literal(o)
        graph.add((URIRef(s), URIRef(p), term))
    return len(graph.serialize(format="nt", encoding="utf-8"))


def _dataset(out: Path, images: int) -> Path:
    from bigpicture.catalogue.synth import SynthOptions, generate

    [summary] = generate(out, SynthOptions(images=(images, images), seed=1, node="linkoping"))
    return summary.folder


def main(images: int = IMAGES) -> None:
    """Print the figures."""
    from bigpicture.model.io_layout import layouts
    from bigpicture.model.rdf_io import to_ntriples
    from bigpicture.model.xml_io import read_submission

    layouts()  # load the model once, before timing
    with tempfile.TemporaryDirectory() as tmp:
        folder = _dataset(Path(tmp) / "large", images)
        _, parse_s, _ = _timed(_parse_all, folder)
        submission, read_s, read_cpu = _timed(read_submission, folder)
        data, nt_s, nt_cpu = _timed(to_ntriples, submission, BASE)
        print(f"{images:,} images: lxml parse only {parse_s:.1f} s; read_submission {read_s:.1f} s "
              f"(cpu {read_cpu:.1f}); to_ntriples {nt_s:.1f} s (cpu {nt_cpu:.1f}), "
              f"{data.count(NEWLINE):,} triples")  # fmt: skip
        print(
            f"read + N-Triples: {read_s + nt_s:.1f} s wall, {read_cpu + nt_cpu:.1f} s cpu; "
            f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"
        )
        del submission, data
        small = read_submission(_dataset(Path(tmp) / "small", BASELINE_IMAGES))
        _, ours, _ = _timed(to_ntriples, small, BASE)
        _, rdflib_s, _ = _timed(_rdflib_nt, small)
        print(
            f"{BASELINE_IMAGES:,} images to N-Triples: ours {ours:.2f} s, baseline rdflib Graph "
            f"+ serialize {rdflib_s:.2f} s (ratio {rdflib_s / ours:.0f}x)"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else IMAGES)
