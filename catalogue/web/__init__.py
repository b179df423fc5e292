"""The web application: landing pages, DCAT, search, validation and SPARQL over HTTP.

Only this package imports Flask. ``create_app(settings)`` is the factory; views live one
concern per module and are registered in ``BLUEPRINT_MODULES``.
"""

from __future__ import annotations

import importlib

from flask import Flask

from bigpicture.catalogue.settings import Settings, load_settings

#: Modules of this package that each define ``blueprint``.
BLUEPRINT_MODULES: tuple[str, ...] = (
    "home",
    "search",
    "landing",
    "catalog",
    "sitemap",
    "metrics",
    "openapi",
    "sparql",
    "validate",
)


def create_app(settings: Settings | None = None) -> Flask:
    """A configured Flask application for ``settings`` (default: from the environment)."""
    settings = settings or load_settings()
    # bigpicture is a namespace package: Flask cannot guess an instance folder for it.
    app = Flask(__name__, instance_path=str((settings.data_dir / "instance").resolve()))
    app.config["BPCAT_SETTINGS"] = settings
    for name in BLUEPRINT_MODULES:
        app.register_blueprint(importlib.import_module(f"{__name__}.{name}").blueprint)
    return app


def current_settings() -> Settings:
    """The settings of the application handling the current request."""
    from flask import current_app

    return current_app.config["BPCAT_SETTINGS"]
