"""When a node is due for a harvest: its ``schedule``, its last harvest and its failures.

``hourly``, ``daily`` and ``weekly`` nodes are due that long after their last harvest (kept in
the harvest state); a node never harvested is due at once; ``manual`` nodes are never due.
After a harvest that failed or was partial, the node is retried sooner, after a back-off that
doubles with each failure in a row (5 min, 10 min, 20 min, …) but never exceeds the schedule's
own interval, so a dead node is not asked every minute and a node back up is not left waiting a
week. A DICOM node (``images_of``) is harvested with its MetaFleX node, so that node is due when
either's schedule says so.

Time comes from a :class:`Clock`, so tests can let hours pass without sleeping.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable, Mapping
from typing import Protocol

from bigpicture.harvest.nodes import Node
from bigpicture.harvest.sources import DATASET_KINDS
from bigpicture.harvest.state import NodeState, parse_stamp

INTERVALS: dict[str, dt.timedelta] = {
    "hourly": dt.timedelta(hours=1),
    "daily": dt.timedelta(days=1),
    "weekly": dt.timedelta(weeks=1),
}
#: The wait before the first retry of a node whose harvest failed.
FIRST_RETRY = dt.timedelta(minutes=5)
#: "Due now": the due time of a scheduled node that was never harvested.
NEVER = dt.datetime.min.replace(tzinfo=dt.UTC)


class Clock(Protocol):
    """The time now and a way to wait that a stop request cuts short."""

    def now(self) -> dt.datetime:
        """The current time (timezone-aware)."""
        ...

    def sleep(self, seconds: float, stop: threading.Event) -> None:
        """Wait ``seconds``, or less when ``stop`` is set meanwhile."""
        ...


class SystemClock:
    """The real clock (UTC)."""

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)

    def sleep(self, seconds: float, stop: threading.Event) -> None:
        stop.wait(max(0.0, seconds))


def retry_delay(interval: dt.timedelta, failures: int) -> dt.timedelta:
    """The wait after ``failures`` unsuccessful harvests in a row (at most ``interval``)."""
    if failures <= 0:
        return interval
    return min(interval, FIRST_RETRY * 2 ** min(failures - 1, 32))


def node_due(node: Node, state: NodeState) -> dt.datetime | None:
    """When ``node``'s own schedule makes it due (None: manual, never due)."""
    interval = INTERVALS.get(node.schedule)
    if interval is None:
        return None
    last = parse_stamp(state.last_harvest)
    if last is None:
        return NEVER
    return last + retry_delay(interval, state.failures)


def due_time(
    target: Node, nodes: Mapping[str, Node], states: Mapping[str, NodeState]
) -> dt.datetime | None:
    """When the dataset node ``target`` is next due: by its schedule or by that of a DICOM
    node holding its images, whichever comes first (None when neither has a schedule)."""
    members = [target, *(n for n in nodes.values() if n.images_of == target.name)]
    times = [node_due(n, states.get(n.name, NodeState(n.name))) for n in members]
    known = [time for time in times if time is not None]
    return min(known) if known else None


def dataset_nodes(nodes: Mapping[str, Node]) -> list[Node]:
    """The nodes a harvest starts from (DICOM nodes come along with theirs)."""
    return [node for node in nodes.values() if node.kind in DATASET_KINDS]


def due_nodes(
    nodes: Mapping[str, Node], states: Mapping[str, NodeState], moment: dt.datetime
) -> list[Node]:
    """The dataset nodes due at ``moment``, in file order."""
    due = []
    for node in dataset_nodes(nodes):
        time = due_time(node, nodes, states)
        if time is not None and time <= moment:
            due.append(node)
    return due


def next_due(
    nodes: Mapping[str, Node], states: Mapping[str, NodeState], among: Iterable[Node] = ()
) -> tuple[dt.datetime, Node] | None:
    """The earliest due time among ``among`` (default: every dataset node) and its node."""
    candidates = list(among) or dataset_nodes(nodes)
    timed = [(due_time(node, nodes, states), node) for node in candidates]
    known = [(time, node) for time, node in timed if time is not None]
    return min(known, key=lambda pair: pair[0]) if known else None


def describe_due(time: dt.datetime | None, moment: dt.datetime) -> str:
    """How ``bpcat nodes`` shows a due time."""
    if time is None:
        return "harvested only when asked"
    if time <= moment:
        return "due now"
    return f"next harvest due {time.strftime('%Y-%m-%dT%H:%M:%SZ')}"
