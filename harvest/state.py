"""What the harvester remembers between runs: per node and dataset, and the kept reports.

Under ``<data_dir>/harvest/``: ``state.json`` (last harvest of each node, the fingerprint and
outcome of each dataset) and ``reports/<node>/<dataset>.json`` (the validation report of the
last harvest of each dataset, kept whether or not it went in). Every file is replaced
atomically (written beside, flushed, renamed), so a process killed at any moment leaves either
the old or the new file, never a torn one.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

INGESTED, UNCHANGED, INVALID, FAILED = "ingested", "unchanged", "invalid", "failed"
#: A DCAT record its node no longer lists (dropped from the catalogue).
GONE = "gone"
#: Outcomes after which an unchanged dataset need not be fetched again.
SETTLED = (INGESTED, UNCHANGED, INVALID)
#: Node outcomes that count as a failed attempt (for the retry back-off of schedules).
UNSUCCESSFUL = (FAILED, "partial")
_STAMP = "%Y-%m-%dT%H:%M:%SZ"


def stamp(moment: dt.datetime) -> str:
    """``moment`` as ISO 8601 UTC to the second, the form of every time in the state."""
    return moment.astimezone(dt.UTC).strftime(_STAMP)


def parse_stamp(text: str) -> dt.datetime | None:
    """The time of a :func:`stamp` (None when empty or unreadable)."""
    try:
        return dt.datetime.strptime(text, _STAMP).replace(tzinfo=dt.UTC)
    except ValueError:
        return None


def now() -> str:
    """The current UTC time, ISO 8601 to the second."""
    return stamp(dt.datetime.now(dt.UTC))


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` by ``data`` in one rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    with open(temporary, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


@dataclass(frozen=True)
class DatasetState:
    """The last harvest of one dataset of a node."""

    name: str
    fingerprint: str
    outcome: str
    harvested: str
    version_id: str = ""
    message: str = ""
    report: str = ""
    """Path of the kept report, relative to the harvest folder."""


@dataclass(frozen=True)
class NodeState:
    """The last harvest of one node."""

    name: str
    last_harvest: str = ""
    outcome: str = ""
    """``ok``, ``partial`` (some datasets failed) or ``failed`` (the node did not answer)."""
    message: str = ""
    datasets: dict[str, DatasetState] = field(default_factory=dict)
    failures: int = 0
    """Harvests in a row that failed or were partial (0 after a harvest that went well)."""


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name)[:150] or "_"


class HarvestState:
    """The state file and the reports folder of one catalogue."""

    def __init__(self, data_dir: Path, clock: Callable[[], dt.datetime] | None = None) -> None:
        self.folder = data_dir / "harvest"
        self.clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self.path = self.folder / "state.json"
        self._lock = threading.Lock()
        self._nodes = self._load()

    def _load(self) -> dict[str, NodeState]:
        try:
            document = json.loads(self.path.read_text())
        except (OSError, ValueError):
            return {}
        nodes = {}
        for name, entry in document.get("nodes", {}).items():
            datasets = {k: DatasetState(**v) for k, v in entry.pop("datasets", {}).items()}
            nodes[name] = NodeState(**entry, datasets=datasets)
        return nodes

    def stamp(self) -> str:
        """The time now by this state's clock, as stored."""
        return stamp(self.clock())

    def node(self, name: str) -> NodeState:
        """The remembered state of a node (empty if never harvested)."""
        with self._lock:
            return self._nodes.get(name, NodeState(name))

    def nodes(self) -> dict[str, NodeState]:
        """Every remembered node."""
        with self._lock:
            return dict(self._nodes)

    def _save(self) -> None:
        document = {"nodes": {name: asdict(state) for name, state in self._nodes.items()}}
        write_atomically(self.path, json.dumps(document, indent=1, sort_keys=True).encode())

    def record_dataset(self, node: str, dataset: DatasetState) -> None:
        """Remember the outcome of one dataset (saved at once)."""
        with self._lock:
            state = self._nodes.get(node, NodeState(node))
            self._nodes[node] = replace(state, datasets={**state.datasets, dataset.name: dataset})
            self._save()

    def record_node(self, node: str, outcome: str, message: str = "") -> None:
        """Remember the end of a node's harvest (saved at once)."""
        with self._lock:
            state = self._nodes.get(node, NodeState(node))
            failures = state.failures + 1 if outcome in UNSUCCESSFUL else 0
            self._nodes[node] = replace(
                state,
                last_harvest=self.stamp(),
                outcome=outcome,
                message=message,
                failures=failures,
            )
            self._save()

    def report_path(self, node: str, dataset: str) -> Path:
        """Where the report of one dataset is kept."""
        return self.folder / "reports" / _safe(node) / f"{_safe(dataset)}.json"

    def keep_report(self, node: str, dataset: str, report: dict) -> str:
        """Keep a report; returns its path relative to the harvest folder."""
        path = self.report_path(node, dataset)
        write_atomically(path, json.dumps(report, indent=1, sort_keys=True).encode())
        return path.relative_to(self.folder).as_posix()

    def read_report(self, relative: str) -> dict | None:
        """A kept report (None when missing)."""
        try:
            return json.loads((self.folder / relative).read_text())
        except (OSError, ValueError):
            return None
