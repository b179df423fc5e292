"""The small exception tree of harvesting."""

from __future__ import annotations


class HarvestError(Exception):
    """A node or one of its datasets could not be harvested; the message names which and why."""


class NodeConfigError(HarvestError):
    """The nodes file is unreadable or wrong; the message names the file, the key and the fix."""


class SourceUnavailable(HarvestError):
    """A node did not answer (down, too slow) or answered with something that is not usable."""


class HarvestBusy(HarvestError):
    """Another harvest of the same catalogue is running (one at a time)."""
