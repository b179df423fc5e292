"""Work started in a forked child process now and collected later (POSIX fork).

The child inherits the parent's memory without copying it up front (copy-on-write), so
nothing is pickled on the way in; only the result comes back, pickled through a pipe. Where
fork is missing or the child fails, the work runs in the parent instead, so the result is the
same either way. Used by validation (SHACL beside the other stages) and ingest (facts beside
the store's bulk load).
"""

from __future__ import annotations

import os
import pickle
import signal
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Forked(Generic[T]):
    """``run()`` started in a child process; :meth:`result` collects it, :meth:`cancel` stops it."""

    def __init__(self, run: Callable[[], T]) -> None:
        self.run = run
        self.pid: int | None = None
        self.reader: int | None = None
        if hasattr(os, "fork"):
            self._start()

    def _start(self) -> None:
        reader, writer = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: run, send, leave without any cleanup of the parent's state
            os.close(reader)
            code = 0
            try:
                payload = pickle.dumps(self.run(), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(writer, "wb") as pipe:
                    pipe.write(payload)
            except BaseException:  # noqa: BLE001 - the parent then does the work itself
                code = 1
            os._exit(code)
        os.close(writer)
        self.pid, self.reader = pid, reader

    def result(self) -> T:
        """The child's result (or the work done here if the child failed)."""
        if self.pid is None:
            return self.run()
        with os.fdopen(self.reader, "rb") as pipe:
            payload = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        if os.waitstatus_to_exitcode(status) != 0 or not payload:
            return self.run()
        return pickle.loads(payload)  # noqa: S301 - our own child's output

    def cancel(self) -> None:
        """Stop the child and forget its work (nothing is computed here)."""
        if self.pid is None:
            return
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.reader)
        self.pid = None
