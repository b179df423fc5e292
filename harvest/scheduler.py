"""Harvesting nodes when their schedule says so: once (``bpcat harvest --due``, for cron or a
systemd timer) or for as long as it runs (``bpcat harvest --watch``).

Each round reads the harvest state afresh (another process may have harvested meanwhile),
harvests the nodes that are due, then sleeps until the next node is due, in naps of at most
:data:`MAX_NAP` seconds so that a changed wall clock or a suspended machine cannot make it
oversleep. Setting ``stop`` (the command does on SIGINT and SIGTERM) ends the harvest in
progress after its current datasets and the loop at once.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from bigpicture.harvest.errors import HarvestBusy, HarvestError
from bigpicture.harvest.nodes import Node
from bigpicture.harvest.pipeline import NodeOutcome
from bigpicture.harvest.progress import Reporter
from bigpicture.harvest.schedule import Clock, dataset_nodes, due_nodes, next_due
from bigpicture.harvest.state import HarvestState, NodeState, stamp

#: Longest single sleep, seconds.
MAX_NAP = 300.0
#: Wait before trying again when another harvest holds the catalogue, seconds.
BUSY_PAUSE = 60.0

#: Harvests the given dataset nodes (``Harvester.run_nodes``).
Run = Callable[[Sequence[Node]], list[NodeOutcome]]


class Scheduler:
    """Harvests the due nodes among ``targets`` (default: every dataset node)."""

    def __init__(
        self,
        nodes: Mapping[str, Node],
        data_dir: Path,
        run: Run,
        clock: Clock,
        reporter: Reporter,
        stop: threading.Event | None = None,
        targets: Sequence[Node] = (),
    ) -> None:
        self.nodes, self.data_dir, self.run = nodes, data_dir, run
        self.clock, self.reporter = clock, reporter
        self.stop = stop or threading.Event()
        self.targets = list(targets) or dataset_nodes(nodes)
        self._announced: tuple[dt.datetime, str] | None = None

    def states(self) -> dict[str, NodeState]:
        """The harvest state as it is now on disk."""
        return HarvestState(self.data_dir).nodes()

    def due(self) -> list[Node]:
        """The targets due now."""
        due = due_nodes(self.nodes, self.states(), self.clock.now())
        return [node for node in due if node in self.targets]

    def upcoming(self) -> tuple[dt.datetime, Node] | None:
        """The next due time among the targets and its node (None: all manual)."""
        return next_due(self.nodes, self.states(), self.targets)

    def run_due(self) -> list[NodeOutcome]:
        """Harvest the targets due now (none: an empty list)."""
        due = self.due()
        return self.run(due) if due else []

    def watch(self, shown: Callable[[list[NodeOutcome]], None] = lambda outcomes: None) -> None:
        """Harvest nodes as they become due until ``stop`` is set; ``shown`` gets each round's
        outcomes. Raises HarvestError when no target has a schedule."""
        if self.upcoming() is None:
            raise HarvestError("no node to watch: every node's schedule is manual")
        while not self.stop.is_set():
            due = self.due()
            if due:
                try:
                    shown(self.run(due))
                except HarvestBusy as error:
                    self.reporter.event("schedule", f"{error}; trying again in {BUSY_PAUSE:g} s")
                    self.clock.sleep(BUSY_PAUSE, self.stop)
                    continue
            if self.stop.is_set():
                break
            self._sleep(due)

    def _sleep(self, just_harvested: Sequence[Node]) -> None:
        upcoming = self.upcoming()
        if upcoming is None:
            self.stop.set()
            return
        when, node = upcoming
        seconds = (when - self.clock.now()).total_seconds()
        if seconds <= 0 and node in just_harvested:
            seconds = BUSY_PAUSE  # its harvest was not recorded; do not ask it again at once
        if seconds > 0:
            if self._announced != (when, node.name):
                self._announced = (when, node.name)
                self.reporter.event("schedule", f"next: {node.name} at {stamp(when)}")
            self.clock.sleep(min(seconds, MAX_NAP), self.stop)
