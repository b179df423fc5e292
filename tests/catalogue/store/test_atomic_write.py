"""A writer killed in the middle of its transaction leaves nothing half-written behind."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

from store_versions import make_version

from bigpicture.catalogue.store import Store

#: A writer that SIGKILLs itself half-way through the quads of its one transaction.
WRITER = """
import os, signal, sys, types
from pathlib import Path
sys.path.insert(0, {tests!r})
import pyoxigraph
from store_versions import make_version
from bigpicture.catalogue.store import Store, backend


class KilledHalfWay:
    def __init__(self, path):
        self._store = pyoxigraph.Store(path)

    def __getattr__(self, name):
        return getattr(self._store, name)

    def extend(self, quads):
        def half_then_die():
            for number, quad in enumerate(quads):
                if number == len(quads) // 2:
                    print("half", flush=True)
                    os.kill(os.getpid(), signal.SIGKILL)
                yield quad
        self._store.extend(half_then_die())


shim = types.SimpleNamespace(**{{n: getattr(pyoxigraph, n) for n in dir(pyoxigraph)}})
shim.Store = KilledHalfWay
backend.ox = shim
Store.open(Path({path!r})).add_version(make_version(key="BIG", images=20000))
print("finished", flush=True)
"""


def _count_in_graph(store: Store, graph: str) -> int:
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    return int(next(iter(store.query(query)))["n"].value)


def test_killed_writer_leaves_no_trace(tmp_path: Path) -> None:
    path = tmp_path / "store"
    Store.open(path).add_version(make_version(key="SMALL"))
    script = WRITER.format(tests=str(Path(__file__).parent), path=str(path))
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == -signal.SIGKILL, run.stderr
    assert run.stdout.split() == ["half"]

    store = Store.open(path)
    assert [r.id for r in store.all_records()] == ["SMALL-v1"]
    # The next write (lock free again) publishes whatever the killed writer left in the database.
    store.add_version(make_version(key="OTHER"))
    assert [r.id for r in store.all_records()] == ["SMALL-v1", "OTHER-v1"]
    assert _count_in_graph(store, make_version(key="BIG").graph_iri) == 0
    assert store.get_record("BIG") is None
