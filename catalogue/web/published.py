"""The publishing state of one application: its facts index, render cache and context.

Kept in ``app.extensions`` (never a module global). ``install_source`` plugs in a
``FactsSource`` (tests, benchmarks); otherwise the store of ``settings`` is opened on first use.
"""

from __future__ import annotations

from flask import Flask, current_app

from bigpicture.catalogue.dcat import PublishContext
from bigpicture.catalogue.settings import Settings
from bigpicture.catalogue.web.cache import FrontCache, RenderCache
from bigpicture.catalogue.web.sources import FactsSource, IndexedFacts

FACTS = "bpcat_facts"
CACHE = "bpcat_render_cache"
CONTEXT = "bpcat_publish_context"


def install_source(app: Flask, source: FactsSource) -> IndexedFacts:
    """Serve the facts of ``source`` (replacing any previous source)."""
    indexed = IndexedFacts(source)
    app.extensions[FACTS] = indexed
    app.extensions[CACHE] = RenderCache()
    if isinstance(app.wsgi_app, FrontCache):
        app.wsgi_app.clear()
    return indexed


def install_front_cache(app: Flask) -> None:
    """Put the ``FrontCache`` in front of ``app`` (once), following the store's generation."""
    if isinstance(app.wsgi_app, FrontCache):
        return

    def generation() -> str | None:
        indexed = app.extensions.get(FACTS)
        return (
            None
            if indexed is None or not app.extensions[CACHE].enabled
            else (indexed.source.generation())
        )

    app.wsgi_app = FrontCache(app.wsgi_app, generation)  # type: ignore[method-assign]


def store_source(settings: Settings) -> FactsSource:
    """The facts of the catalogue store under ``settings.data_dir``."""
    from bigpicture.catalogue.web.store_access import current_store
    from bigpicture.catalogue.web.store_facts import open_store_source

    return open_store_source(settings, current_store())


def facts_index() -> IndexedFacts:
    """The facts index of the current application."""
    app = current_app
    if FACTS not in app.extensions:
        install_source(app, store_source(app.config["BPCAT_SETTINGS"]))
    return app.extensions[FACTS]


def render_cache() -> RenderCache:
    """The render cache of the current application."""
    facts_index()
    return current_app.extensions[CACHE]


def publish_context() -> PublishContext:
    """The publishing context (base URL, publisher, contact) of the current application."""
    extensions = current_app.extensions
    if CONTEXT not in extensions:
        extensions[CONTEXT] = PublishContext.from_settings(current_app.config["BPCAT_SETTINGS"])
    return extensions[CONTEXT]
