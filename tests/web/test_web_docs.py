"""docs/web.md names every route of the application."""

from __future__ import annotations

import re
from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "web.md"


def doc_path(rule: str) -> str:
    """A Flask rule as the docs write it (``<path:suffix>`` -> ``<suffix>``)."""
    return re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"<\1>", rule).replace("<name>", "<id>")


def test_every_route_is_documented(app) -> None:
    text = DOC.read_text()
    for rule in app.url_map.iter_rules():
        path = doc_path(rule.rule).replace("<filename>", "<file>").replace("<image>", "<file>")
        if rule.endpoint == "catalog.catalog_file":
            assert all(f"`/catalog.{ext}`" in text for ext in ("ttl", "jsonld", "rdf"))
            continue
        assert f"`{path}`" in text, f"{rule.rule} is not in docs/web.md"


def test_every_representation_is_documented() -> None:
    from bigpicture.catalogue.web.representations import REPRESENTATIONS

    text = DOC.read_text()
    for rep in REPRESENTATIONS:
        assert f"`.{rep.extension}`" in text and f"`{rep.media_type}`" in text
