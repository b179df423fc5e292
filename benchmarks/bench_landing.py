"""Landing pages under load: cached against uncached, served like ``bpcat serve``.

Starts gunicorn on 127.0.0.1 (2 sync workers, the ``bpcat serve`` defaults) in a child process
over a catalogue, then loads it from this process with a threaded HTTP/1.1 client on plain
sockets (one request per connection, as gunicorn's sync workers close them). The catalogue is
the shipped demo ingested into a temporary store when ingest is available, else synthetic
``DatasetFacts``.
Two runs, same URLs: the render cache on (the figure to beat: 1,000 requests/s, 0 errors) and
off (every request renders the page). Bounded by a request count and a time limit; prints
requests/s, errors, latency percentiles and the ratio.

Environment: ``BPCAT_BENCH_LANDING_REQUESTS`` (default 6000), ``BPCAT_BENCH_LANDING_SECONDS``
(default 30), ``BPCAT_BENCH_LANDING_CONCURRENCY`` (default 8 client threads).
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "catalogue" / "demo"
WORKERS = 2


@dataclass(frozen=True)
class LoadResult:
    """What one load run measured."""

    requests: int
    errors: int
    seconds: float
    latencies_ms: tuple[float, ...]

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def synthetic_facts(count: int = 60) -> list:
    """``count`` realistic dataset versions (used when the store cannot ingest yet)."""
    from bigpicture.catalogue.facts import Concept, DatasetFacts, Person

    organs = [
        Concept("39607008", "SCT", "Lung structure"),
        Concept("39937001", "SCT", "Skin structure"),
        Concept("64033007", "SCT", "Kidney structure"),
    ]
    stains = (Concept("12710003", "SCT", "Hematoxylin and eosin stain"),)
    return [
        DatasetFacts(
            id=f"BPSYN_{i:04d}-1",
            dataset_key=f"BPSYN_{i:04d}",
            version="1",
            title=f"Synthetic whole-slide image dataset {i}",
            short_name=f"SYN-{i}",
            description="Synthetic dataset for the landing-page benchmark.",
            doi=f"10.99999/bpsyn.{i}",
            node="utrecht",
            issued="2026-05-01",
            year=2026,
            organs=(organs[i % 3],),
            stains=stains,
            scanners=("Scanner X",),
            magnifications=(40.0,),
            case_count=10 + i,
            slide_count=20 + i,
            image_count=20 + i,
            size_bytes=(20 + i) * 2_000_000_000,
            creators=(Person(f"Author {i}"),),
            rems_access_link="https://rems.example.org/apply",
            licence="CC-BY-4.0",
        )
        for i in range(count)
    ]


def prepare(data_dir: Path) -> tuple[str, list[str]]:
    """Fill ``data_dir`` with the demo catalogue; (mode, landing-page paths)."""
    from bigpicture.catalogue.settings import load_settings

    settings = load_settings(environ={}, data_dir=data_dir)
    try:
        from bigpicture.catalogue.app import open_catalogue

        catalogue = open_catalogue(settings)
        for round_dir in sorted(DEMO.glob("round-*")):
            for submission in sorted(round_dir.glob("*/DATASET_*")):
                catalogue.ingest(submission, node=submission.parent.name)
        ids = [record.id for record in catalogue.store.all_records()]
        catalogue.facts(ids[0])
        return "demo", [f"/datasets/{i}" for i in ids]
    except (ImportError, AttributeError) as error:
        print(f"  (demo ingest unavailable: {error}; synthetic catalogue)")
        return "synthetic", [f"/datasets/{f.id}" for f in synthetic_facts()]


def serve(data_dir: str, port: str, cache: str, mode: str) -> None:
    """Child process: gunicorn like ``bpcat serve``, cache on or off."""
    from gunicorn.app.base import BaseApplication

    from bigpicture.catalogue.settings import load_settings
    from bigpicture.catalogue.web import create_app
    from bigpicture.catalogue.web.published import install_source, store_source
    from bigpicture.catalogue.web.sources import StaticFacts

    settings = load_settings(
        environ={}, data_dir=Path(data_dir), base_url=f"http://127.0.0.1:{port}"
    )

    class Server(BaseApplication):
        def load_config(self) -> None:
            for key, value in {
                "bind": f"127.0.0.1:{port}",
                "workers": WORKERS,
                "loglevel": "warning",
                "backlog": 2048,
            }.items():
                self.cfg.set(key, value)

        def load(self):  # noqa: ANN202 - gunicorn's signature
            app = create_app(settings)
            with app.app_context():
                source = (
                    store_source(settings) if mode == "demo" else StaticFacts(synthetic_facts())
                )
            install_source(app, source).index()
            app.extensions["bpcat_render_cache"].enabled = cache == "on"
            return app

    Server().run()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(port: int, path: str, timeout: float = 60.0) -> None:
    """Poll until the server answers ``path`` with 200."""
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server on port {port} did not come up")


def one_request(port: int, path: str) -> bool:
    """One GET on a fresh connection (blocking socket); True on a complete 200 answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(
            f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\n"
            "Connection: close\r\n\r\n".encode()
        )
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    data = b"".join(chunks)
    return data.startswith(b"HTTP/1.1 200") and data.rstrip().endswith(b"</html>")


def load(port: int, paths: list[str], total: int, seconds: float, concurrency: int) -> LoadResult:
    """``total`` requests over ``paths`` (or until ``seconds`` pass), from ``concurrency``
    client threads (the socket calls release the GIL, so the threads overlap)."""
    numbers = iter(range(total))
    lock = threading.Lock()
    latencies: list[float] = []
    failures: list[int] = []
    deadline = time.monotonic() + seconds

    def worker() -> None:
        while time.monotonic() < deadline:
            with lock:
                n = next(numbers, None)
            if n is None:
                return
            start = time.perf_counter()
            try:
                ok = one_request(port, paths[n % len(paths)])
            except OSError:
                ok = False
            latencies.append((time.perf_counter() - start) * 1000)
            if not ok:
                failures.append(n)

    began = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return LoadResult(len(latencies), len(failures), time.perf_counter() - began, tuple(latencies))


def measure(data_dir: Path, mode: str, paths: list[str], cache: str, total: int) -> LoadResult:
    """Start a server, warm it up, load it, stop it."""
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "benchmarks.bench_landing",
            "serve",
            str(data_dir),
            str(port),
            cache,
            mode,
        ],
        cwd=REPO,
    )
    try:
        wait_until_up(port, paths[0])
        seconds = float(os.environ.get("BPCAT_BENCH_LANDING_SECONDS", "30"))
        concurrency = int(os.environ.get("BPCAT_BENCH_LANDING_CONCURRENCY", "8"))
        load(port, paths, len(paths) * 4, seconds, concurrency)  # warm-up: render every page
        return load(port, paths, total, seconds, concurrency)
    finally:
        server.terminate()
        server.wait(30)


def report(name: str, result: LoadResult) -> None:
    print(
        f"  {name:9s} {result.rate:8.0f} requests/s  {result.requests} requests, "
        f"{result.errors} errors, {result.seconds:.1f} s, p50 {result.percentile(0.5):.1f} ms, "
        f"p95 {result.percentile(0.95):.1f} ms, mean {statistics.fmean(result.latencies_ms):.1f} ms"
    )


def main() -> None:
    total = int(os.environ.get("BPCAT_BENCH_LANDING_REQUESTS", "6000"))
    with tempfile.TemporaryDirectory(prefix="bench-landing-") as folder:
        mode, paths = prepare(Path(folder))
        print(
            f"  catalogue: {mode}, {len(paths)} landing pages; gunicorn {WORKERS} sync workers; "
            f"{os.cpu_count()} cores"
        )
        cached = measure(Path(folder), mode, paths, "on", total)
        uncached = measure(Path(folder), mode, paths, "off", max(500, total // 4))
    report("cached", cached)
    report("uncached", uncached)
    ratio = cached.rate / uncached.rate if uncached.rate else float("inf")
    print(
        f"  ratio cached/uncached: {ratio:.1f}x; target >= 1000 requests/s with 0 errors: "
        f"{'met' if cached.rate >= 1000 and cached.errors == 0 else 'NOT met'}"
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["serve"]:
        serve(*sys.argv[2:6])
    else:
        main()
