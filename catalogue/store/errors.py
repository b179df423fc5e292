"""The store's small exception tree."""

from __future__ import annotations


class StoreError(Exception):
    """The store could not do what was asked; the message says why and what to do."""


class NotFound(StoreError):
    """No record has the given id, dataset key or DOI."""


class VersionConflict(StoreError):
    """A version that is already in the store was offered again with different content."""


class PrivacyError(StoreError):
    """The RDF offered to the store carries a patient identifier (never stored)."""


class StoreBusy(StoreError):
    """Another process holds the store's write lock for longer than we may wait."""
