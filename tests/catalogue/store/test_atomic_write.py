"""A writer killed in the middle of writing a version leaves nothing visible behind.

Two write paths: a small version is one transaction (killed half-way through its quads); a
large one is bulk-loaded into a fresh graph and then made visible by its record (killed
half-way through the bulk load: whatever part of the graph reached the database is never
published, and the next write drops it).
"""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pyoxigraph
import pytest
from store_versions import make_version

from bigpicture.catalogue.store import Store

#: A writer that SIGKILLs itself half-way through its transaction or its bulk load.
WRITER = """
import io, os, signal, sys, types
from pathlib import Path
sys.path.insert(0, {tests!r})
import pyoxigraph
from store_versions import make_version
from bigpicture.catalogue.store import Store, backend


def die():
    print("half", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)


class KillingReader(io.RawIOBase):
    def __init__(self, data):
        self.data, self.position = data, 0

    def readable(self):
        return True

    def readinto(self, buffer):
        if self.position > len(self.data) // 2:
            die()
        chunk = self.data[self.position : self.position + min(len(buffer), 65536)]
        buffer[: len(chunk)] = chunk
        self.position += len(chunk)
        return len(chunk)


class KilledHalfWay:
    def __init__(self, path):
        self._store = pyoxigraph.Store(path)

    def __getattr__(self, name):
        return getattr(self._store, name)

    def extend(self, quads):
        def half_then_die():
            for number, quad in enumerate(quads):
                if number == len(quads) // 2:
                    die()
                yield quad
        self._store.extend(half_then_die())

    def bulk_load(self, data, rdf_format, to_graph):
        self._store.bulk_load(io.BufferedReader(KillingReader(data)), rdf_format, to_graph=to_graph)


shim = types.SimpleNamespace(**{{n: getattr(pyoxigraph, n) for n in dir(pyoxigraph)}})
shim.Store = KilledHalfWay
backend.ox = shim
store = Store.open(Path({path!r}))
store.bulk_bytes = {bulk_bytes}
store.add_version(make_version(key="BIG", images=20000))
print("finished", flush=True)
"""


def _count_in_graph(store, graph: str) -> int:
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    return int(next(iter(store.query(query)))["n"].value)


@pytest.mark.parametrize("bulk_bytes", [10**12, 1000], ids=["transaction", "bulk-load"])
def test_killed_writer_leaves_no_trace(tmp_path: Path, bulk_bytes: int) -> None:
    path = tmp_path / "store"
    Store.open(path).add_version(make_version(key="SMALL"))
    script = WRITER.format(tests=str(Path(__file__).parent), path=str(path), bulk_bytes=bulk_bytes)
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == -signal.SIGKILL, run.stderr
    assert run.stdout.split() == ["half"]
    big = make_version(key="BIG").graph_iri

    store = Store.open(path)
    assert [r.id for r in store.all_records()] == ["SMALL-v1"]
    assert _count_in_graph(store, big) == 0
    # The next write (lock free again) drops what the killed writer left, then publishes.
    store.add_version(make_version(key="OTHER"))
    assert [r.id for r in store.all_records()] == ["SMALL-v1", "OTHER-v1"]
    assert _count_in_graph(store, big) == 0
    assert store.get_record("BIG") is None


def test_a_graph_left_by_a_killed_bulk_load_is_dropped_unseen(tmp_path: Path) -> None:
    """What a bulk load killed after writing some of its files leaves: a graph, no record."""
    path = tmp_path / "store"
    Store.open(path).add_version(make_version(key="SMALL"))
    orphan = make_version(key="BIG", images=50)
    primary = pyoxigraph.Store(str(path / "primary"))
    primary.bulk_load(
        orphan.ntriples,
        pyoxigraph.RdfFormat.N_TRIPLES,
        to_graph=pyoxigraph.NamedNode(orphan.graph_iri),
    )
    assert _count_in_graph(primary, orphan.graph_iri) > 0
    del primary
    store = Store.open(path)
    assert _count_in_graph(store, orphan.graph_iri) == 0  # never published
    store.add_version(make_version(key="OTHER"))
    assert _count_in_graph(store, orphan.graph_iri) == 0  # dropped before publishing
    assert [r.id for r in store.all_records()] == ["SMALL-v1", "OTHER-v1"]
    store.add_version(orphan)  # the version can be ingested again, whole
    assert _count_in_graph(store, orphan.graph_iri) == len(orphan.ntriples.split(b" .\n")) - 1
