"""Running one stage in a forked child process while the parent runs the others (POSIX fork).

The child inherits the parsed trees and the object index without copying them up front
(copy-on-write), so nothing is parsed or pickled on the way in; only the child's findings come
back, pickled through a pipe. Where fork is missing or the child fails, the stage runs in the
parent instead, so the report is the same either way.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable

from bigpicture.catalogue.validation.report import Finding


class ForkedStage:
    """A stage started in a child process now and collected later with :meth:`result`."""

    def __init__(self, run: Callable[[], list[Finding]]) -> None:
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
            except BaseException:  # noqa: BLE001 - the parent then runs the stage itself
                code = 1
            os._exit(code)
        os.close(writer)
        self.pid, self.reader = pid, reader

    def result(self) -> list[Finding]:
        """The stage's findings (from the child, or computed here if the child failed)."""
        if self.pid is None:
            return self.run()
        with os.fdopen(self.reader, "rb") as pipe:
            payload = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0 or not payload:
            return self.run()
        return pickle.loads(payload)  # noqa: S301 - our own child's output
