"""Search at scale: the embedded engine (tantivy) against SQLite FTS5, in the same run.

Builds ``BPCAT_BENCH_SEARCH_IMAGES`` image records (default 3,000,000) over
``BPCAT_BENCH_SEARCH_DATASETS`` datasets (default 10,000), drawn from the synthetic-data
tables of ``bpcat synth`` (organs, diagnoses, stains, nodes and their frequencies) and made
into search records by the real :class:`DocumentBuilder` with the real vocabulary. Prints:

- build: records/s of making documents alone and of documents + embedded index, and the
  number of index documents (alike images of a dataset are one document);
- query: p50/p95 of free text + 2 filters + all facets (3+) through ``GET /api/search`` of a
  ``bpcat serve`` process (gunicorn, one worker), and the same queries in-process;
- memory: resident set of the serving processes after the queries;
- the same build and queries on SQLite FTS5 (bm25 ranking, facet counts with GROUP BY), and
  the ratios. FTS5 takes seconds per query at millions of records: its queries stop after
  ``BPCAT_BENCH_SEARCH_FTS5_SECONDS`` (default 300), and the bench says how many it asked.
"""

from __future__ import annotations

import json
import os
import random
import re
import resource
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from itertools import islice
from pathlib import Path
from statistics import mean

from bigpicture.catalogue.facts import Concept, DatasetFacts, ImageFacts
from bigpicture.search.documents import DocumentBuilder, Record
from bigpicture.search.embedded import EmbeddedBackend, clean_text
from bigpicture.search.facets import CONCEPT_FACETS, FACET_NAMES, facet_field, filter_field
from bigpicture.search.model import EngineQuery, SearchQuery
from bigpicture.search.params import query_to_params
from bigpicture.search.service import SearchService
from bigpicture.vocabularies import load_vocabulary

IMAGES = int(os.environ.get("BPCAT_BENCH_SEARCH_IMAGES", "3000000"))
DATASETS = int(os.environ.get("BPCAT_BENCH_SEARCH_DATASETS", "10000"))
QUERIES = int(os.environ.get("BPCAT_BENCH_SEARCH_QUERIES", "200"))
#: Time allowed for the FTS5 queries (warm-up included); the queries left are not asked.
FTS5_SECONDS = float(os.environ.get("BPCAT_BENCH_SEARCH_FTS5_SECONDS", "300"))
DESIGNS = (
    "resection cohort",
    "biopsy series",
    "tissue microarray",
    "sentinel node study",
    "screening cohort",
    "clinical trial samples",
    "consecutive cases",
    "archive",
)
WORDS = (
    "carcinoma",
    "nevus",
    "biopsy",
    "resection",
    "melanoma",
    "adenocarcinoma",
    "ductal",
    "microarray",
    "sentinel",
    "lobular",
    "keratosis",
    "screening",
    "metastasis",
    "trial",
)
FACETS = ("organ", "diagnosis", "stain")


# -- the synthetic catalogue ---------------------------------------------------------------
def _tables() -> dict:
    path = resources.files("bigpicture.catalogue.synth") / "tables.json"
    return json.loads(path.read_text())


def _concept(tables: dict, key: str) -> Concept:
    scheme, _, code = key.partition(":")
    meaning = tables["codes"].get(key, {}).get("meaning", code)
    return Concept("" if scheme == "TEXT" else code, scheme, meaning)


@dataclass(frozen=True)
class Profile:
    """What one organ of one node looks like: site, diagnoses, stains, sexes."""

    node: str
    organ: Concept
    diagnoses: tuple[tuple[Concept, ...], ...]
    stains: tuple[Concept, ...]


def _profiles(tables: dict) -> list[Profile]:
    profiles = []
    for node in tables["nodes"].values():
        for organ_name, weight in node["organs"].items():
            organ = tables["organs"][organ_name]
            diagnoses = tuple(
                tuple(_concept(tables, c) for c in d["codes"] if c != organ["site"])
                for d in organ["diagnoses"]
                for _ in range(d["weight"])
            )
            stains = [Concept("12710003", "SCT", "hematoxylin stain")]
            for key in organ.get("stains", {}):
                staining = tables["stainings"][key]
                stains.append(Concept("", "TEXT", staining["label"]))
            site = _concept(tables, organ["site"])
            profiles += [Profile(node["city"], site, diagnoses, tuple(stains))] * weight
    return profiles


def datasets(seed: int = 7) -> Iterator[tuple[DatasetFacts, list[ImageFacts]]]:
    """``DATASETS`` dataset versions with ``IMAGES`` images between them."""
    rng = random.Random(seed)
    tables = _tables()
    profiles = _profiles(tables)
    per_dataset, extra = divmod(IMAGES, DATASETS)
    for n in range(DATASETS):
        profile = rng.choice(profiles)
        diagnoses = rng.sample(profile.diagnoses, k=min(2, len(profile.diagnoses)))
        flat = tuple(dict.fromkeys(c for d in diagnoses for c in d))
        count = per_dataset + (1 if n < extra else 0)
        year = rng.randint(2019, 2026)
        design = rng.choice(DESIGNS)
        facts = DatasetFacts(
            id=f"BPSYN-{n:05d}-v1",
            dataset_key=f"BPSYN-{n:05d}",
            version="1",
            title=f"{flat[0].label}: {design}, {profile.node}",
            short_name=f"BPSYN_{n:05d}",
            description=f"Synthetic dataset {n}, a {design}.",
            doi=f"10.99999/bpsyn.{n}",
            node=profile.node,
            year=year,
            issued=f"{year}-03-01",
            organs=(profile.organ,),
            diagnoses=flat,
            stains=profile.stains,
            species=(Concept("337915000", "SCT", "Homo sapiens"),),
            sexes=("female", "male"),
            scanners=("Hamamatsu NanoZoomer S360",),
            magnifications=(40.0,),
            image_count=count,
            access=rng.choice(("restricted", "restricted", "open")),
        )
        yield facts, [_image(facts, i, rng) for i in range(count)]


def _image(facts: DatasetFacts, i: int, rng: random.Random) -> ImageFacts:
    return ImageFacts(
        id=f"{facts.id}/IMG_{i}",
        dataset_id=facts.id,
        alias=f"IMG_{i}",
        organs=facts.organs,
        diagnoses=(rng.choice(facts.diagnoses),),
        stains=(rng.choice(facts.stains),),
        species=facts.species,
        sex=rng.choice(facts.sexes),
        scanner=facts.scanners[0],
        magnification=40.0,
    )


def records(builder: DocumentBuilder) -> Iterator[Record]:
    """Search records of the synthetic catalogue, as ``bpcat index --rebuild`` makes them."""
    for facts, images in datasets():
        yield from builder.records(facts, images)


# -- timing helpers ------------------------------------------------------------------------
def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def queries(count: int, seed: int = 11) -> list[SearchQuery]:
    """Free text + 2 filters (organ and stain, or node and year) + 3 facets, on images."""
    rng = random.Random(seed)
    organs = (
        "Lung structure",
        "Breast structure",
        "Skin structure",
        "Colon structure",
        "Kidney structure",
        "Prostatic structure",
    )
    stains = ("hematoxylin stain", "Ki-67", "TTF-1", "HER2", "PAS", "AE1/AE3")
    found = []
    for _ in range(count):
        filters = (("organ", (rng.choice(organs),)), ("stain", (rng.choice(stains),)))
        if rng.random() < 0.3:
            filters = (
                ("node", (rng.choice(("Utrecht", "Marburg", "Helsinki")),)),
                ("year", (str(rng.randint(2019, 2026)),)),
            )
        found.append(
            SearchQuery(
                text=rng.choice(WORDS), filters=filters, kind="image", size=20, facets=FACETS
            )
        )
    return found


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().split()
            status = (entry / "status").read_text()
        except OSError:
            continue
        if int(entry.name) == pid or int(stat[3]) == pid:
            rss = next((line for line in status.splitlines() if line.startswith("VmRSS")), "")
            total += int(rss.split()[1]) / 1024 if rss else 0
    return total


# -- the embedded engine -------------------------------------------------------------------
@dataclass(frozen=True)
class Timing:
    """Wall-clock and CPU seconds of one step (the machine is shared: both are shown)."""

    wall: float
    cpu: float

    def rate(self, count: int) -> str:
        return (
            f"{count / self.wall:,.0f} records/s wall ({self.wall:.1f} s), "
            f"{count / self.cpu:,.0f} records/s of CPU time"
        )


def timed(step: Callable[[], object]) -> tuple[object, Timing]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = step()
    return result, Timing(time.perf_counter() - wall, time.process_time() - cpu)


def build_embedded(folder: Path, builder: DocumentBuilder) -> tuple[int, int, Timing, Timing]:
    """Records made alone (a sample), then made and indexed in one stream; the records and
    the documents of the index (alike images are one document)."""
    sample = min(IMAGES + DATASETS, 200_000)
    made, making = timed(lambda: sum(1 for _ in islice(records(builder), sample)))
    backend = EmbeddedBackend(folder)
    count, building = timed(lambda: backend.rebuild(records(builder)))
    documents = backend.document_count()
    backend.close()
    return count, documents, Timing(making.wall / made, making.cpu / made), building


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(data_dir: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "BPCAT_DATA_DIR": str(data_dir), "BPCAT_PEERS": ""}
    bpcat = Path(sys.executable).with_name("bpcat")
    process = subprocess.Popen(
        [str(bpcat), "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    import requests

    for _ in range(300):
        try:
            requests.get(url + "/api/search?size=0", timeout=30)
            return process, url
        except requests.ConnectionError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("bpcat serve did not start")


def time_http(url: str, asked: list[SearchQuery]) -> list[float]:
    import requests

    session = requests.Session()
    for query in asked[:10]:  # warm up
        session.get(url + "/api/search", params=query_to_params(query), timeout=30)
    samples = []
    for query in asked:
        started = time.perf_counter()
        response = session.get(url + "/api/search", params=query_to_params(query), timeout=30)
        samples.append(time.perf_counter() - started)
        response.raise_for_status()
    return samples


def time_service(service: SearchService, asked: list[SearchQuery]) -> tuple[list[float], list]:
    results, samples = [], []
    for query in asked:
        started = time.perf_counter()
        results.append(service.search(query))
        samples.append(time.perf_counter() - started)
    return samples, results


# -- SQLite FTS5 ---------------------------------------------------------------------------
def _tag(facet: str, term: str) -> str:
    """A filter term as one FTS5 token (``organ_39607008``, ``stain_ki_67``)."""
    return facet + "_" + re.sub(r"\W+", "_", term).strip("_")


def build_fts5(path: Path, builder: DocumentBuilder) -> int:
    """FTS5 over the words plus one ``tags`` column of filter terms; a facet table beside.

    Rows are inserted in batches of ``_FTS5_BATCH`` (``executemany``), one transaction."""
    db = sqlite3.connect(path)
    db.executescript(
        """PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
        CREATE TABLE doc(rowid INTEGER PRIMARY KEY, payload TEXT);
        CREATE VIRTUAL TABLE words USING fts5(title, short_name, diagnosis_text, text, tags,
            content='', tokenize="unicode61 tokenchars '_'");
        CREATE TABLE facet(record INTEGER, facet TEXT, term TEXT,
            PRIMARY KEY (record, facet, term)) WITHOUT ROWID;"""
    )
    count = 0
    rows = enumerate(records(builder), start=1)
    while batch := list(islice(rows, _FTS5_BATCH)):
        docs, words, facets = [], [], []
        for rowid, record in batch:
            tags = [_tag("kind", record["kind"])] + [
                _tag(f, t) for f in FACET_NAMES for t in record.get(filter_field(f), ())
            ]
            docs.append((rowid, record["payload"]))
            words.append(
                (
                    rowid,
                    record["title"],
                    record["short_name"],
                    record["diagnosis_text"],
                    record["text"],
                    " ".join(tags),
                )
            )
            facets += [(rowid, f, t) for f in FACETS for t in record.get(facet_field(f), ())]
        db.executemany("INSERT INTO doc VALUES (?,?)", docs)
        db.executemany(
            "INSERT INTO words(rowid, title, short_name, diagnosis_text, text, tags) "
            "VALUES (?,?,?,?,?,?)",
            words,
        )
        db.executemany("INSERT OR IGNORE INTO facet VALUES (?,?,?)", facets)
        count = batch[-1][0]
    db.commit()
    db.close()
    return count


_FTS5_BATCH = 10_000


def fts5_match(query: EngineQuery) -> str:
    """The engine query as an FTS5 MATCH expression (same semantics as the engines)."""
    words = " AND ".join(f'"{w}"' for w in clean_text(query.text).split())
    either = [f"{{title short_name diagnosis_text text}} : ({words})"] if words else []
    if query.concepts:
        codes = " OR ".join(_tag(f, c) for f in CONCEPT_FACETS for c in query.concepts)
        either.append(f"tags : ({codes})")
    parts = [f"tags : {_tag('kind', query.kind)}"]
    if either:
        parts.append("(" + " OR ".join(either) + ")")
    for facet, values in query.filters:
        parts.append("tags : (" + " OR ".join(_tag(facet, v) for v in values) + ")")
    return " AND ".join(parts)


def fts5_query(db: sqlite3.Connection, match: str) -> tuple[int, list, dict]:
    """Matches, bm25 top 20 with payloads, counts of three facets."""
    db.execute("DELETE FROM hits")
    db.execute(
        "INSERT INTO hits SELECT rowid, bm25(words, 3, 3, 2, 1, 0) FROM words WHERE words MATCH ?",
        [match],
    )
    total = db.execute("SELECT count(*) FROM hits").fetchone()[0]
    top = db.execute(
        "SELECT d.payload FROM hits h JOIN doc d ON d.rowid = h.rowid ORDER BY h.score LIMIT 20"
    ).fetchall()
    facets = {
        facet: db.execute(
            "SELECT f.term, count(*) AS n FROM hits h JOIN facet f "
            "ON f.record = h.rowid AND f.facet = ? GROUP BY f.term ORDER BY n DESC LIMIT 20",
            [facet],
        ).fetchall()
        for facet in FACETS
    }
    return total, top, facets


def time_fts5(path: Path, matches: list[str]) -> tuple[list[float], list[int]]:
    """Latencies and totals of ``matches``, in order, until ``FTS5_SECONDS`` have passed
    (at millions of records one FTS5 query takes seconds; the rest are then not asked)."""
    db = sqlite3.connect(path)
    db.execute("CREATE TEMP TABLE hits(rowid INTEGER PRIMARY KEY, score REAL)")
    started = time.perf_counter()
    for match in matches[:3]:  # warm up
        fts5_query(db, match)
    samples, totals = [], []
    for match in matches:
        if time.perf_counter() - started > FTS5_SECONDS:
            break
        begun = time.perf_counter()
        total, _top, _facets = fts5_query(db, match)
        samples.append(time.perf_counter() - begun)
        totals.append(total)
    db.close()
    return samples, totals


# -- the report ----------------------------------------------------------------------------
def main() -> None:
    """Build both indices, ask both the same questions, print the figures and ratios."""
    work = Path(tempfile.mkdtemp(prefix="bench-search-"))
    try:
        _run(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _run(work: Path) -> None:
    vocabulary = load_vocabulary()
    builder = DocumentBuilder(vocabulary)
    print(
        f"corpus: {DATASETS:,} datasets, {IMAGES:,} image records (bpcat synth tables)", flush=True
    )
    count, documents, per_record, building = build_embedded(work / "data" / "index", builder)
    print(
        f"documents alone: {1 / per_record.wall:,.0f} records/s wall, "
        f"{1 / per_record.cpu:,.0f} records/s of CPU time",
        flush=True,
    )
    print(
        f"embedded build (documents + tantivy index, {count:,} records): "
        f"{building.rate(count)} (target >= 20,000 records/s); "
        f"builder peak RSS {peak_rss_mb():,.0f} MB; {documents:,} index documents",
        flush=True,
    )
    fts_count, fts = timed(lambda: build_fts5(work / "fts5.sqlite", builder))
    print(
        f"fts5 build (documents + FTS5, {fts_count:,} records): {fts.rate(fts_count)}; "
        f"embedded is {fts.wall / building.wall:.1f}x faster",
        flush=True,
    )
    asked = queries(QUERIES)
    service = SearchService(EmbeddedBackend(work / "data" / "index"), vocabulary)
    time_service(service, asked[:10])  # warm up
    local, results = time_service(service, asked)
    _line("embedded in process", local, f"mean total {mean(r.total for r in results):,.0f} hits")
    matches = [fts5_match(service.engine_query(query)) for query in asked]
    fts_started = time.perf_counter()
    fts_samples, fts_totals = time_fts5(work / "fts5.sqlite", matches)
    fts_seconds = time.perf_counter() - fts_started
    agree = sum(r.total == t for r, t in zip(results, fts_totals, strict=False))
    asked_fts = len(fts_samples)
    _line(
        "fts5 in process",
        fts_samples,
        f"same totals as embedded in {agree}/{asked_fts}; {asked_fts} of {len(asked)} queries "
        f"asked in {fts_seconds:.0f} s (budget {FTS5_SECONDS:.0f} s)",
    )
    if fts_samples:
        same = local[:asked_fts]
        print(
            f"ratio fts5 / embedded (p95, in process, the same {asked_fts} queries): "
            f"{percentile(fts_samples, 95) / percentile(same, 95):.1f}x",
            flush=True,
        )
    process, url = serve(work / "data")
    try:
        http = time_http(url, asked)
        rss = tree_rss_mb(process.pid)
    finally:
        process.terminate()
        process.wait(30)
    _line("embedded via GET /api/search (bpcat serve, 1 worker)", http, "target p95 <= 20 ms")
    print(
        f"serving process (gunicorn master + worker) RSS after the queries: {rss:,.0f} MB "
        f"(target < 2,048 MB)",
        flush=True,
    )


def _line(label: str, samples: list[float], note: str) -> None:
    """One line of latency figures: p50 and p95 in milliseconds."""
    print(
        f"{label}: {len(samples)} queries (free text + 2 filters + 3 facets, image records), "
        f"p50 {percentile(samples, 50) * 1000:.1f} ms, p95 {percentile(samples, 95) * 1000:.1f} ms"
        f"; {note}",
        flush=True,
    )


if __name__ == "__main__":
    main()
