"""Pausing Python's cyclic garbage collector while millions of small objects are built.

Validation, the RDF of a submission and its facts build millions of small, acyclic objects
(trees, dicts, strings); the collector's repeated full scans of them would double the run
time and free nothing. Reference counting still frees them as usual.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Run the block with the cyclic collector off (restored after, also when nested)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
