"""Vocabularies: load and expansion times of the shipped set and of a full-size SNOMED CT release.

Part 1, the shipped Turtle files, four ways in one run: rdflib (parse + SPARQL property path,
the baseline), owlready2 (N-Triples load + its SPARQL), pyoxigraph (store + SPARQL), and the
service as built (pyoxigraph parse into Python structures). Part 2, a synthetic RF2 snapshot of
full size (about 360,000 concepts, 1,000,000 descriptions, 570,000 is-a rows), generated here in
a temporary folder: ``load_snapshot`` time and peak memory (in a child process), then
expansion times, against a baseline of merely reading and splitting the three files.
``BENCH_VOCAB_SCALE=0.05`` runs part 2 on a smaller release.
"""

from __future__ import annotations

import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path

FILES = ("snomed.ttl", "stains.ttl", "duo.ttl", "groupings.ttl")
LINKS = (
    "(<https://w3id.org/bigpicture/vocab/memberOf>|<https://w3id.org/bigpicture/vocab/projectBroader>"
    "|<https://w3id.org/bigpicture/vocab/projectPartOf>|<http://www.w3.org/2004/02/skos/core#broader>)+"
)
GROUP = "https://w3id.org/bigpicture/vocab/group/melanocytic-lesion"
SCALE = float(os.environ.get("BENCH_VOCAB_SCALE", "1"))
MODULE = "900000000000207008"


def _package() -> Path:
    return Path(str(resources.files("bigpicture.vocabularies")))


def _best(function: Callable[[], object], repeat: int = 5) -> float:
    """Best wall time of ``repeat`` runs, in seconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return min(times)


def _per_call(function: Callable[[str], object], codes: list[str]) -> float:
    """Median time of one call over the codes, in milliseconds."""
    times = []
    for code in codes:
        started = time.perf_counter()
        function(code)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


# -- part 1: the shipped set ----------------------------------------------------------------


def _rdflib() -> tuple[float, float]:
    import rdflib

    def load() -> rdflib.Graph:
        graph = rdflib.Graph()
        for name in FILES:
            graph.parse(_package() / name, format="turtle")
        return graph

    graph = load()
    query = f"SELECT DISTINCT ?x WHERE {{ ?x {LINKS} ?top }}"

    def expand(iri: str) -> int:
        return len(list(graph.query(query, initBindings={"top": rdflib.URIRef(iri)})))

    return _best(load, 3), _per_call(expand, [GROUP] * 20)


def _ntriples() -> bytes:
    import pyoxigraph

    quads = []
    for name in FILES:
        data = (_package() / name).read_bytes()
        quads.extend(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TURTLE))
    return pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.N_TRIPLES)


def _owlready2(folder: Path) -> tuple[float, float]:
    import owlready2

    path = folder / "vocabularies.nt"
    path.write_bytes(_ntriples())  # owlready2 reads RDF/XML, OWL/XML or N-Triples, not Turtle

    def load() -> owlready2.World:
        world = owlready2.World()
        world.get_ontology(path.as_uri()).load(format="ntriples")
        return world

    world = load()
    query = world.prepare_sparql(f"SELECT DISTINCT ?x WHERE {{ ?x {LINKS} ?? }}")

    def expand(iri: str) -> int:
        return len(list(query.execute([world[iri]])))

    return _best(load, 3), _per_call(expand, [GROUP] * 20)


def _oxigraph() -> tuple[float, float]:
    import pyoxigraph

    def load() -> pyoxigraph.Store:
        store = pyoxigraph.Store()
        for name in FILES:
            store.load(path=str(_package() / name), format=pyoxigraph.RdfFormat.TURTLE)
        return store

    store = load()

    def expand(iri: str) -> int:
        return len(list(store.query(f"SELECT DISTINCT ?x WHERE {{ ?x {LINKS} <{iri}> }}")))

    return _best(load, 3), _per_call(expand, [GROUP] * 20)


def _service() -> tuple[float, float, float, int]:
    from bigpicture.vocabularies import load_vocabulary

    vocabulary = load_vocabulary()
    seconds = _best(load_vocabulary, 5)
    codes = [concept.code for concept in vocabulary.concepts()]
    vocabulary.descendants.cache_clear()
    group_ms = _per_call(vocabulary.descendants, ["BP-GROUP:melanocytic-lesion"])
    vocabulary.descendants.cache_clear()
    all_ms = _per_call(vocabulary.descendants, codes)
    search_ms = _per_call(vocabulary.search, ["naevus", "carcinoma", "lymph nodes", "H&E"] * 5)
    print(f"  service search: median {search_ms:.3f} ms per query")
    return seconds, group_ms, all_ms, len(codes)


def shipped() -> None:
    """Part 1: the shipped vocabularies."""
    print("shipped vocabularies (load: best of runs; expansion: median per call)")
    with tempfile.TemporaryDirectory() as folder:
        rows = {
            "rdflib parse + SPARQL (baseline)": _rdflib(),
            "owlready2 N-Triples + SPARQL": _owlready2(Path(folder)),
            "pyoxigraph store + SPARQL": _oxigraph(),
        }
    base_load, base_expand = rows["rdflib parse + SPARQL (baseline)"]
    for name, (load, expand) in rows.items():
        print(f"  {name:36s} load {load * 1000:8.1f} ms  expand group {expand:8.3f} ms")
    load, group_ms, all_ms, count = _service()
    print(
        f"  {'service (pyoxigraph -> Python)':36s} load {load * 1000:8.1f} ms  "
        f"expand group {group_ms:8.3f} ms  (median over all {count} concepts {all_ms:.4f} ms)"
    )
    print(
        f"  ratio vs baseline: load x{base_load / load:.1f} faster, "
        f"expansion x{base_expand / max(group_ms, 1e-6):.0f} faster"
    )
    print(f"  targets: load <= 1000 ms: {load <= 1}; expansion <= 1 ms: {group_ms <= 1}")


# -- part 2: a full-size synthetic RF2 ------------------------------------------------------


def _words(rng: random.Random, count: int) -> list[str]:
    syllables = (
        "car ci no ma lym pho der mel an cyt os te o neu ro hep at ic re nal pul mon".split()
    )
    return ["".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(count)]


def _write(path: Path, header: str, lines) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(header + "\r\n")
        for line in lines:
            handle.write(line + "\r\n")
            count += 1
    return count


def generate(folder: Path, scale: float = SCALE, seed: int = 7) -> dict[str, int]:
    """Write a synthetic RF2 snapshot; returns its row counts."""
    rng = random.Random(seed)
    concepts = int(360_000 * scale)
    ids = [str(100000000 + i * 1000 + 1) for i in range(concepts)]
    words = _words(rng, 8000)
    terminology = folder / "Snapshot" / "Terminology"
    terminology.mkdir(parents=True)
    head = "id\teffectiveTime\tactive\tmoduleId\t"
    rows = (
        f"{code}\t20250101\t{0 if rng.random() < 0.05 else 1}\t{MODULE}\t900000000000074008"
        for code in ids
    )
    concept_file = terminology / "sct2_Concept_Snapshot_INT_20250101.txt"
    counts = {"concepts": _write(concept_file, head + "definitionStatusId", rows)}
    counts["descriptions"] = _write(
        terminology / "sct2_Description_Snapshot-en_INT_20250101.txt",
        head + "conceptId\tlanguageCode\ttypeId\tterm\tcaseSignificanceId",
        _descriptions(rng, ids, words),
    )
    counts["relationships"] = _write(
        terminology / "sct2_Relationship_Snapshot_INT_20250101.txt",
        head
        + "sourceId\tdestinationId\trelationshipGroup\ttypeId\tcharacteristicTypeId\tmodifierId",
        _relationships(rng, ids),
    )
    return counts


def _descriptions(rng: random.Random, ids: list[str], words: list[str]):
    """FSN plus 0-4 synonyms per concept (mean 1.8): about 1,000,000 rows at full scale."""
    number = 0
    for code in ids:
        term = " ".join(rng.choices(words, k=rng.randint(2, 5)))
        number += 1
        yield (
            f"{number}011\t20250101\t1\t{MODULE}\t{code}\ten\t900000000000003001\t"
            f"{term} (disorder)\t900000000000448009"
        )
        for _ in range(rng.choice((0, 1, 1, 2, 2, 2, 3, 4))):
            number += 1
            synonym = " ".join(rng.choices(words, k=rng.randint(1, 5)))
            flag = "0" if rng.random() < 0.03 else "1"
            yield (
                f"{number}011\t20250101\t{flag}\t{MODULE}\t{code}\ten\t"
                f"900000000000013009\t{synonym}\t900000000000448009"
            )


def _relationships(rng: random.Random, ids: list[str]):
    """A random recursive tree (mean depth about 13, like SNOMED CT's 10-15 levels), plus a
    second parent (a sibling of the first) wherever there is one, so that both share
    their ancestors as in SNOMED CT (about 20 ancestors per concept), else for 1 in 3 any
    earlier concept; and one non-is-a row per 2 concepts. About 570,000 is-a rows at full
    scale."""
    first_parent = [0]
    children: list[list[int]] = [[]]
    number = 0
    for index in range(1, len(ids)):
        parent = rng.randrange(index)
        parents = {parent}
        uncles = children[first_parent[parent]] if parent else []
        if len(uncles) > 1:
            parents.add(rng.choice(uncles))
        elif rng.random() < 0.33:
            parents.add(rng.randrange(index))
        first_parent.append(parent)
        children.append([])
        children[parent].append(index)
        rows = [(ids[p], "116680003") for p in parents]
        if rng.random() < 0.5:
            rows.append((ids[rng.randrange(len(ids))], "116676008"))
        for target, type_id in rows:
            number += 1
            yield (
                f"{number}021\t20250101\t1\t{MODULE}\t{ids[index]}\t{target}\t0\t{type_id}\t"
                "900000000000011006\t900000000000451002"
            )


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_load(rf2: str, data: str) -> dict[str, float]:
    """In a child process: load the snapshot; time and peak memory."""
    from bigpicture.vocabularies import load_snapshot

    report = load_snapshot(Path(rf2), Path(data))
    return {
        "seconds": report.seconds,
        "concepts": report.concepts,
        "terms": report.terms,
        "isa": report.isa,
        "rss_mb": _peak_mb(),
    }


def _timed(function: Callable[[str], object], items: list[str]) -> list[tuple[float, int]]:
    out = []
    for item in items:
        started = time.perf_counter()
        size = len(function(item))  # type: ignore[arg-type]
        out.append((time.perf_counter() - started, size))
    return out


def _ms(pairs: list[tuple[float, int]], percentile: int) -> float:
    return 1000 * statistics.quantiles([pair[0] for pair in pairs], n=100)[percentile - 1]


def child_use(data: str, joined: str) -> dict[str, float]:
    """In a child process: open the release, then expand, roll up and search."""
    started = time.perf_counter()
    from bigpicture.vocabularies import load_vocabulary

    vocabulary = load_vocabulary(Path(data))
    load = time.perf_counter() - started
    loaded_mb = _peak_mb()
    root, *codes = joined.split(",")
    down = _timed(vocabulary.descendants, codes)
    up = _timed(vocabulary.ancestors, codes)
    vocabulary.descendants.cache_clear()
    whole = _timed(vocabulary.descendants, [root])[0]
    labels = [vocabulary.lookup(code) for code in codes[:20]]
    found = _timed(vocabulary.search, [c.label.split()[0] for c in labels if c])
    return {
        "load_s": load,
        "desc_p50": _ms(down, 50),
        "desc_p95": _ms(down, 95),
        "desc_max": 1000 * max(pair[0] for pair in down),
        "desc_size_p50": statistics.median(pair[1] for pair in down),
        "anc_p50": _ms(up, 50),
        "anc_size_p50": statistics.median(pair[1] for pair in up),
        "loaded_mb": loaded_mb,
        "root_ms": 1000 * whole[0],
        "root_size": whole[1],
        "search_p50": _ms(found, 50),
        "rss_mb": _peak_mb(),
    }


def _child(role: str, *args: str) -> dict[str, float]:
    command = [sys.executable, "-m", "benchmarks.bench_vocab", role, *args]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(done.stderr)
    return json.loads(done.stdout)


def _raw_read(folder: Path) -> float:
    started = time.perf_counter()
    for path in folder.rglob("*.txt"):
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                line.rstrip("\r\n").split("\t")
    return time.perf_counter() - started


def full_release() -> None:
    """Part 2: a synthetic full-size RF2 snapshot."""
    with tempfile.TemporaryDirectory() as tmp:
        rf2, data = Path(tmp) / "rf2", Path(tmp) / "data"
        started = time.perf_counter()
        counts = generate(rf2)
        print(
            f"synthetic RF2 (scale {SCALE}): {counts} written in "
            f"{time.perf_counter() - started:.1f} s"
        )
        baseline = _raw_read(rf2)
        load = _child("child-load", str(rf2), str(data))
        size = (data / "snomed.sqlite").stat().st_size / 2**20
        print(
            f"  load-snomed: {load['seconds']:.1f} s, peak RSS {load['rss_mb']:.0f} MB, "
            f"store {size:.0f} MB ({load['concepts']} concepts, {load['terms']} terms, "
            f"{load['isa']} is-a)"
        )
        print(
            f"  baseline (read + split the three files only): {baseline:.1f} s; "
            f"load-snomed / baseline = x{load['seconds'] / baseline:.1f}"
        )
        rng = random.Random(3)
        ids = [str(100000000 + i * 1000 + 1) for i in range(int(360_000 * SCALE))]
        sample = [ids[0]] + rng.sample(ids[1:], 1000)  # the root first, timed on its own
        use = _child("child-use", str(data), ",".join(sample))
        print(
            f"  load_vocabulary with the release: {use['load_s'] * 1000:.0f} ms, "
            f"RSS {use['loaded_mb']:.0f} MB after loading, {use['rss_mb']:.0f} MB at the end"
        )
        print(
            f"  descendants of 1000 random concepts: median {use['desc_p50']:.3f} ms, "
            f"p95 {use['desc_p95']:.3f} ms, max {use['desc_max']:.1f} ms "
            f"(median size {use['desc_size_p50']:.0f})"
        )
        print(
            f"  ancestors: median {use['anc_p50']:.3f} ms (median size "
            f"{use['anc_size_p50']:.0f}); descendants of the root: "
            f"{use['root_ms']:.0f} ms for {use['root_size']} codes; "
            f"search: median {use['search_p50']:.2f} ms"
        )


def main() -> None:
    """Print the figures of both parts."""
    shipped()
    full_release()


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] in ("child-load", "child-use"):
        role = child_load if sys.argv[1] == "child-load" else child_use
        print(json.dumps(role(*sys.argv[2:])))
    else:
        main()
