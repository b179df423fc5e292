"""Running one validation stage in a forked child process while the parent runs the others.

The child inherits the parsed trees and the object index (``bigpicture.catalogue.forked``);
only its findings come back. Where fork is missing or the child fails, the stage runs in the
parent instead, so the report is the same either way.
"""

from __future__ import annotations

from bigpicture.catalogue.forked import Forked
from bigpicture.catalogue.validation.report import Finding

#: A stage started in a child process now and collected later with ``result()``.
ForkedStage = Forked[list[Finding]]
