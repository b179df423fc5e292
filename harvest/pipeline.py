"""The one place that chains the harvest steps (docs/harvest.md, "Every harvest").

For each node, in parallel with the others: list its datasets (``Source.offers``), skip those
whose fingerprint is unchanged, stage each changed one (files and DICOM headers), tie the DICOM
headers to the dataset's images, and hand it to the :class:`Sink`, which validates it and adds
it to the catalogue in one atomic write (or refuses it). The report is kept either way, and
the state is saved after each dataset, so a harvest killed at any moment loses at most the
dataset it was on. A node that is down, slow or answers garbage is recorded as failed; the
others go on.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import gc
import hashlib
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from bigpicture.harvest.errors import HarvestBusy, HarvestError
from bigpicture.harvest.http_client import RetryPolicy
from bigpicture.harvest.image_map import Assignment, assign, read_image_map
from bigpicture.harvest.nodes import Node
from bigpicture.harvest.progress import Reporter
from bigpicture.harvest.sources import DATASET_KINDS, open_header_source, open_source
from bigpicture.harvest.sources.base import LabelledHeader, Offer, Source, Staged
from bigpicture.harvest.state import (
    FAILED,
    GONE,
    INGESTED,
    INVALID,
    SETTLED,
    UNCHANGED,
    DatasetState,
    HarvestState,
)

#: Nodes harvested at the same time.
NODE_WORKERS = 4
#: The outcome of a node whose harvest was stopped on request (its state is left as it was).
STOPPED = "stopped"


@dataclass(frozen=True)
class SinkResult:
    """What the catalogue did with a dataset."""

    version_id: str
    created: bool
    """False when the same version with the same content was already there."""
    report: dict
    """The validation report (JSON)."""


class Refused(HarvestError):
    """The dataset did not validate; ``report`` says why."""

    def __init__(self, message: str, report: dict) -> None:
        super().__init__(message)
        self.report = report


class Sink(Protocol):
    """Where validated datasets go (the catalogue: store and search index)."""

    def add_submission(
        self, path: Path, node: str, technical: Callable[[str], bytes]
    ) -> SinkResult:
        """Validate and add a MetaFleX submission; ``technical(base_iri)`` gives DICOM triples."""
        ...

    def add_record(self, node: str, staged: Staged) -> SinkResult:
        """Check and add a DCAT record of another catalogue."""
        ...

    def drop_record(self, node: str, name: str) -> bool:
        """Drop the DCAT record ``name`` the node no longer lists; False when none was kept."""
        ...


@dataclass(frozen=True)
class DatasetOutcome:
    """The result of one dataset in this harvest."""

    name: str
    outcome: str
    version_id: str = ""
    message: str = ""


@dataclass(frozen=True)
class NodeOutcome:
    """The result of one node in this harvest."""

    node: str
    outcome: str
    message: str
    datasets: tuple[DatasetOutcome, ...] = ()


def harvest_targets(nodes: Mapping[str, Node], name: str | None) -> list[Node]:
    """The dataset nodes a harvest of ``name`` (None: every node) starts from; a DICOM node
    stands for the node whose images it holds."""
    if name is None:
        return [n for n in nodes.values() if n.kind in DATASET_KINDS]
    node = nodes[name]
    return [nodes[node.images_of] if node.images_of else node]


def _header_digest(headers: Iterable[LabelledHeader]) -> str:
    lines = sorted(f"{h.label}|{h.image_alias}|{h.header!r}" for h in headers)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


class Harvester:
    """Harvests configured nodes into a catalogue through a :class:`Sink`."""

    def __init__(
        self,
        nodes: dict[str, Node],
        data_dir: Path,
        sink: Sink,
        reporter: Reporter,
        policy: RetryPolicy | None = None,
        force: bool = False,
        clock: Callable[[], dt.datetime] | None = None,
        stop: threading.Event | None = None,
    ) -> None:
        self.nodes, self.sink, self.reporter = nodes, sink, reporter
        self.state = HarvestState(data_dir, clock)
        self.work = data_dir / "harvest"
        self.policy, self.force = policy, force
        self.stop = stop or threading.Event()
        """Set it (e.g. on SIGTERM) to end the harvest after the datasets in progress."""
        self._sink_lock = threading.Lock()

    # -- which nodes ---------------------------------------------------------------------------
    def targets(self, name: str | None) -> list[Node]:
        """The dataset nodes to harvest (a DICOM node stands for the node whose images it holds)."""
        return harvest_targets(self.nodes, name)

    def run(self, name: str | None = None) -> list[NodeOutcome]:
        """Harvest every dataset node (or the one named), in parallel; one harvest at a time."""
        return self.run_nodes(self.targets(name))

    def run_nodes(self, targets: Sequence[Node]) -> list[NodeOutcome]:
        """Harvest these dataset nodes, in parallel; one harvest at a time."""
        with self._exclusive():
            shutil.rmtree(self.work / "staging", ignore_errors=True)  # left by a killed harvest
            with ThreadPoolExecutor(max(1, min(NODE_WORKERS, len(targets)))) as pool:
                outcomes = list(pool.map(self.harvest_node, targets))
        self.reporter.close()
        return outcomes

    @contextlib.contextmanager
    def _exclusive(self) -> Iterator[None]:
        """Hold the catalogue's harvest lock (raises HarvestBusy when another harvest runs)."""
        self.work.mkdir(parents=True, exist_ok=True)
        with open(self.work / "harvest.lock", "a+") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise HarvestBusy(
                    f"{self.work}: another harvest of this catalogue is running"
                ) from None
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    # -- one node ------------------------------------------------------------------------------
    def _dicom_headers(self, node: Node) -> tuple[list[LabelledHeader], list[str]]:
        headers, failures = [], []
        for other in self.nodes.values():
            if other.images_of != node.name:
                continue
            try:
                source = open_header_source(other, self.policy)
                try:
                    found = source.headers(
                        lambda d, t, o=other: self.reporter.progress(o.name, "DICOM headers", d, t)
                    )
                finally:
                    source.close()
                headers.extend(found)
                self.state.record_node(other.name, "ok", f"{len(found)} WSI headers")
                self.reporter.event(other.name, f"{len(found)} WSI headers read")
            except HarvestError as error:
                failures.append(f"DICOM node {other.name}: {error}")
                self.state.record_node(other.name, FAILED, str(error))
                self.reporter.event(other.name, f"failed: {error}")
        return headers, failures

    def harvest_node(self, node: Node) -> NodeOutcome:
        """Harvest one node; never raises for the node's own failures."""
        if self.stop.is_set():
            return NodeOutcome(node.name, STOPPED, "not started: the harvest was stopped")
        self.reporter.event(node.name, f"harvesting {node.location}")
        try:
            source = open_source(node, self.work / "cache" / node.name, self.policy)
        except HarvestError as error:
            return self._node_failed(node, str(error))
        try:
            return self._harvest_source(node, source)
        except HarvestError as error:
            return self._node_failed(node, str(error))
        except Exception as error:  # noqa: BLE001 - garbage from one node must not stop others
            return self._node_failed(node, f"{type(error).__name__}: {error}")
        finally:
            source.close()

    def _node_failed(self, node: Node, message: str) -> NodeOutcome:
        self.state.record_node(node.name, FAILED, message)
        self.reporter.event(node.name, f"failed: {message}")
        return NodeOutcome(node.name, FAILED, message)

    def _harvest_source(self, node: Node, source: Source) -> NodeOutcome:
        extra, failures = self._dicom_headers(node)
        offers = source.offers()
        digest = _header_digest(extra) if extra else ""
        results = []
        for offer in offers:
            if self.stop.is_set():
                message = f"stopped after {len(results)} of {len(offers)} datasets"
                self.reporter.event(node.name, message)
                return NodeOutcome(node.name, STOPPED, message, tuple(results))
            results.append(self._dataset(node, source, offer, extra, digest, failures))
        results.extend(self._drop_unlisted(node, offers))
        bad = [r for r in results if r.outcome == FAILED]
        outcome = "partial" if bad else "ok"
        message = f"{len(offers)} datasets: " + ", ".join(
            f"{sum(r.outcome == o for r in results)} {o}"
            for o in (INGESTED, UNCHANGED, INVALID, FAILED)
        )
        gone = sum(r.outcome == GONE for r in results)
        message += f", {gone} {GONE}" if gone else ""
        self.state.record_node(node.name, outcome, message)
        self.reporter.event(node.name, message)
        return NodeOutcome(node.name, outcome, message, tuple(results))

    def _drop_unlisted(self, node: Node, offers: Sequence[Offer]) -> list[DatasetOutcome]:
        """Drop the DCAT records of earlier harvests that the node no longer lists."""
        listed = {offer.name for offer in offers}
        dropped = []
        for name, previous in self.state.node(node.name).datasets.items():
            if name in listed or previous.outcome == GONE:
                continue
            with self._sink_lock:
                if not self.sink.drop_record(node.name, name):
                    continue
            message = "no longer listed by the node; dropped from the catalogue"
            self.state.record_dataset(
                node.name,
                DatasetState(name, "", GONE, self.state.stamp(), "", message, previous.report),
            )
            self.reporter.event(node.name, f"{name}: {message}")
            dropped.append(DatasetOutcome(name, GONE, message=message))
        return dropped

    # -- one dataset ---------------------------------------------------------------------------
    def _dataset(
        self,
        node: Node,
        source: Source,
        offer: Offer,
        extra: Sequence[LabelledHeader],
        digest: str,
        failures: Sequence[str],
    ) -> DatasetOutcome:
        fingerprint = hashlib.sha256(f"{offer.fingerprint}|{digest}".encode()).hexdigest()
        previous = self.state.node(node.name).datasets.get(offer.name)
        if (
            previous
            and previous.fingerprint == fingerprint
            and previous.outcome in SETTLED
            and not self.force
        ):
            self._remember(
                node,
                offer,
                fingerprint,
                previous.outcome if previous.outcome == INVALID else UNCHANGED,
                previous.version_id,
                previous.message,
                previous.report,
            )
            return DatasetOutcome(offer.name, UNCHANGED, previous.version_id)
        if failures:
            return self._fail(node, offer, fingerprint, "; ".join(failures))
        staging = Path(tempfile.mkdtemp(prefix="stage-", dir=self._staging_root(node)))
        try:
            return self._stage_and_add(node, source, offer, extra, fingerprint, staging)
        except HarvestError as error:
            return self._fail(node, offer, fingerprint, str(error))
        except Exception as error:  # noqa: BLE001 - one dataset's failure (store conflict, a
            # broken file) is recorded for that dataset; the others and the other nodes go on
            message = f"{type(error).__name__}: {error}"
            del error
            gc.collect()  # drop, in this thread, what the failure's traceback held
            return self._fail(node, offer, fingerprint, message)
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    def _staging_root(self, node: Node) -> Path:
        root = self.work / "staging" / node.name
        root.mkdir(parents=True, exist_ok=True)
        return root

    def _stage_and_add(
        self,
        node: Node,
        source: Source,
        offer: Offer,
        extra: Sequence[LabelledHeader],
        fingerprint: str,
        staging: Path,
    ) -> DatasetOutcome:
        staged = source.stage(
            offer, staging, lambda d, t: self.reporter.progress(node.name, offer.name, d, t)
        )
        notes = list(staged.notes)
        try:
            with self._sink_lock:
                if staged.path is None:
                    result = self.sink.add_record(node.name, staged)
                else:
                    assignment = self._assign(staged, extra)
                    notes.extend(assignment.notes)
                    result = self.sink.add_submission(
                        staged.path, node.name, _technical(assignment)
                    )
        except Refused as refused:
            gc.collect()  # see below

            report = self._keep(node, offer, INVALID, str(refused), notes, refused.report)
            self._remember(node, offer, fingerprint, INVALID, "", str(refused), report)
            self.reporter.event(node.name, f"{offer.name}: refused ({refused})")
            return DatasetOutcome(offer.name, INVALID, message=str(refused))
        # Collect, in this thread, the cycles the catalogue left (pyoxigraph query results
        # must be dropped by the thread that made them).
        gc.collect()
        outcome = INGESTED if result.created else UNCHANGED
        report = self._keep(node, offer, outcome, result.version_id, notes, result.report)
        self._remember(node, offer, fingerprint, outcome, result.version_id, "", report)
        self.reporter.event(node.name, f"{offer.name}: {outcome} as {result.version_id}")
        return DatasetOutcome(offer.name, outcome, result.version_id)

    @staticmethod
    def _assign(staged: Staged, extra: Sequence[LabelledHeader]) -> Assignment:
        assert staged.path is not None
        return assign([*staged.headers, *extra], read_image_map(staged.path))

    def _keep(
        self,
        node: Node,
        offer: Offer,
        outcome: str,
        message: str,
        notes: list[str],
        validation: dict | None,
    ) -> str:
        return self.state.keep_report(
            node.name,
            offer.name,
            {
                "node": node.name,
                "dataset": offer.name,
                "harvested": self.state.stamp(),
                "outcome": outcome,
                "message": message,
                "notes": notes,
                "validation": validation,
            },
        )

    def _remember(
        self,
        node: Node,
        offer: Offer,
        fingerprint: str,
        outcome: str,
        version_id: str,
        message: str,
        report: str,
    ) -> None:
        self.state.record_dataset(
            node.name,
            DatasetState(
                offer.name, fingerprint, outcome, self.state.stamp(), version_id, message, report
            ),
        )

    def _fail(self, node: Node, offer: Offer, fingerprint: str, message: str) -> DatasetOutcome:
        report = self._keep(node, offer, FAILED, message, [], None)
        self._remember(node, offer, fingerprint, FAILED, "", message, report)
        self.reporter.event(node.name, f"{offer.name}: failed ({message})")
        return DatasetOutcome(offer.name, FAILED, message=message)


def _technical(assignment: Assignment) -> Callable[[str], bytes]:
    def build(base_iri: str) -> bytes:
        from bigpicture.harvest.technical import technical_ntriples

        return technical_ntriples(base_iri, assignment)

    return build
