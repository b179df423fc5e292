"""The catalogue store of the running application, opened once per process on first use."""

from __future__ import annotations

from flask import current_app

from bigpicture.catalogue.store import Store

EXTENSION = "bpcat.store"


def current_store() -> Store:
    """The store under ``settings.store_dir`` (tests may put another in ``app.extensions``)."""
    store = current_app.extensions.get(EXTENSION)
    if store is None:
        store = Store.open(current_app.config["BPCAT_SETTINGS"].store_dir)
        current_app.extensions[EXTENSION] = store
    return store
