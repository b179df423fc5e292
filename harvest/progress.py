"""How a harvest tells people what it does: progress bars on a terminal, a plain log otherwise.

Both implement :class:`Reporter`; the pipeline calls it from several threads.
"""

from __future__ import annotations

import sys
import threading
import time
from typing import Protocol, TextIO


class Reporter(Protocol):
    """Receives the events of a harvest."""

    def event(self, node: str, message: str) -> None:
        """Something worth a line happened (a dataset went in, a node failed, …)."""
        ...

    def progress(self, node: str, label: str, done: int, total: int) -> None:
        """A long step of ``node`` advanced (files of a dataset, instances of a series)."""
        ...

    def close(self) -> None:
        """The harvest is over."""
        ...


class PlainLog:
    """One timestamped line per event; progress only at the end of each step."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self._lock = threading.Lock()

    def _line(self, text: str) -> None:
        with self._lock:
            print(time.strftime("%Y-%m-%dT%H:%M:%S"), text, file=self.stream, flush=True)

    def event(self, node: str, message: str) -> None:
        self._line(f"[{node}] {message}")

    def progress(self, node: str, label: str, done: int, total: int) -> None:
        if done == total:
            self._line(f"[{node}] {label}: {done}/{total}")

    def close(self) -> None:
        """Nothing to tidy."""


class TerminalBars:
    """A redrawn status line with a bar per running step, and events printed above it."""

    WIDTH = 24

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self._lock = threading.Lock()
        self._bars: dict[str, str] = {}
        self._drawn = 0.0

    def _draw(self, force: bool = False) -> None:
        if not force and time.monotonic() - self._drawn < 0.1:
            return
        self._drawn = time.monotonic()
        line = "  ".join(self._bars.values())[-200:]
        self.stream.write("\r\x1b[K" + line)
        self.stream.flush()

    def event(self, node: str, message: str) -> None:
        with self._lock:
            self.stream.write(f"\r\x1b[K[{node}] {message}\n")
            self._draw(force=True)

    def progress(self, node: str, label: str, done: int, total: int) -> None:
        filled = self.WIDTH * done // max(total, 1)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        with self._lock:
            if done >= total:
                self._bars.pop(node, None)
            else:
                self._bars[node] = f"{node} {label} [{bar}] {done}/{total}"
            self._draw(force=done >= total)

    def close(self) -> None:
        with self._lock:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def reporter_for(stream: TextIO | None = None) -> Reporter:
    """Bars when ``stream`` is a terminal, the plain log otherwise."""
    stream = stream or sys.stderr
    return TerminalBars(stream) if stream.isatty() else PlainLog(stream)
