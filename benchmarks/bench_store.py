"""The RDF store: pyoxigraph against rdflib's own store, same data, same run.

For N triples shaped like the catalogue's (images -> slides -> specimens with coded values),
each engine runs in a fresh process that parses the N-Triples, answers a join-and-filter query
(images of lung specimens stained with H&E) and reports its peak memory. Both must give the
same count. Optionally (``BENCH_INGEST_IMAGES=45000``) also times ``bpcat ingest`` of one
synthetic submission of that many images.

Run: ``python -m benchmarks bench_store`` (``BENCH_TRIPLES`` sets N; default 1,000,000).
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

BP = "https://w3id.org/bigpicture/metaflex/"
#: Join and filter (written in the order rdflib evaluates well; both engines get the same text).
QUERY = f"""PREFIX bp: <{BP}>
SELECT (COUNT(?image) AS ?n) WHERE {{
  ?image bp:image_of ?slide .
  ?slide bp:stain ?stain ; bp:specimen ?specimen .
  ?stain bp:code "104210008" .
  ?specimen bp:anatomical_site ?site .
  ?site bp:code ?code . FILTER(?code = "39607008")
}}"""
TRIPLES_PER_IMAGE = 10


def write_data(path: Path, triples: int) -> None:
    """About ``triples`` N-Triples: per image 10 triples (image, slide, stain, specimen, site)."""
    sites, stains = ("39607008", "64033007", "76752008"), ("104210008", "117617002")
    with path.open("w") as out:
        for n in range(triples // TRIPLES_PER_IMAGE):
            base = "<https://cat.example.org/datasets/D-v1/"
            image, slide = f"{base}image/I{n}>", f"{base}slide/S{n}>"
            specimen, stain, site = (
                f"{base}specimen/P{n // 4}>",
                f"{base}slide/S{n}/stain>",
                f"{base}specimen/P{n // 4}/site>",
            )
            out.write(
                f"{image} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{BP}Image> .\n"
                f'{image} <{BP}alias> "I{n}" .\n'
                f"{image} <{BP}image_of> {slide} .\n"
                f"{slide} <{BP}stain> {stain} .\n"
                f'{stain} <{BP}code> "{stains[n % 2]}" .\n'
                f'{stain} <{BP}meaning> "stain {n % 2}" .\n'
                f"{slide} <{BP}specimen> {specimen} .\n"
                f"{specimen} <{BP}anatomical_site> {site} .\n"
                f'{site} <{BP}code> "{sites[(n // 4) % 3]}" .\n'
                f'{image} <{BP}description> "Image {n} of a synthetic dataset" .\n'
            )


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_engine(engine: str, path: Path) -> dict[str, float]:
    """Parse and query in this process (called in a child process per engine)."""
    before = _peak_mb()
    started = time.perf_counter()
    if engine == "pyoxigraph":
        import pyoxigraph as ox

        store = ox.Store()
        store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
        parsed = time.perf_counter()
        count = int(next(iter(store.query(QUERY)))["n"].value)
    else:
        from rdflib import Graph

        graph = Graph()
        graph.parse(str(path), format="nt")
        parsed = time.perf_counter()
        count = int(next(iter(graph.query(QUERY)))[0])
    queried = time.perf_counter()
    return {
        "parse_s": parsed - started,
        "query_s": queried - parsed,
        "count": count,
        "peak_mb": _peak_mb(),
        "baseline_mb": before,
    }


def _child(engine: str, path: Path) -> dict[str, float]:
    code = (
        "import json, pathlib, benchmarks.bench_store as b; "
        f"print(json.dumps(b.run_engine({engine!r}, pathlib.Path({str(path)!r}))))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return json.loads(output.stdout.strip().splitlines()[-1])


def _ingest(images: int) -> None:
    """Time ``bpcat ingest`` of one synthetic submission of ``images`` images."""
    bpcat = str(Path(sys.executable).parent / "bpcat")
    with tempfile.TemporaryDirectory() as folder:
        out, data = Path(folder) / "synth", Path(folder) / "data"
        subprocess.run(
            [bpcat, "synth", "--datasets", "1", "--images", str(images), "--seed", "7", str(out)],
            check=True,
            capture_output=True,
        )
        submission = next(out.glob("DATASET_*"))
        env = {**os.environ, "BPCAT_DATA_DIR": str(data)}
        started = time.perf_counter()
        result = subprocess.run(
            [bpcat, "ingest", str(submission)], env=env, capture_output=True, text=True
        )
        seconds = time.perf_counter() - started
        outcome = f"exit {result.returncode}: {result.stdout.strip()}"
        print(f"ingest of {images} images: {seconds:.1f} s ({outcome})")
        if result.returncode:
            print(result.stderr[-2000:])


def main() -> None:
    triples = int(os.environ.get("BENCH_TRIPLES", "1000000"))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data.nt"
        write_data(path, triples)
        results = {engine: _child(engine, path) for engine in ("pyoxigraph", "rdflib")}
    ox, rl = results["pyoxigraph"], results["rdflib"]
    same = ox["count"] == rl["count"]
    print(f"{triples:,} triples; both engines count {ox['count']} images (same: {same})")
    for name, r in results.items():
        timing = f"parse {r['parse_s']:.2f} s, query {r['query_s']:.3f} s"
        print(f"{name:>10}: {timing}, peak memory {r['peak_mb']:.0f} MB")
    print(
        f"ratios rdflib/pyoxigraph: parse {rl['parse_s'] / ox['parse_s']:.1f}x, "
        f"query {rl['query_s'] / max(ox['query_s'], 1e-6):.0f}x, "
        f"memory {rl['peak_mb'] / ox['peak_mb']:.1f}x"
    )
    if os.environ.get("BENCH_INGEST_IMAGES"):
        _ingest(int(os.environ["BENCH_INGEST_IMAGES"]))


if __name__ == "__main__":
    main()
