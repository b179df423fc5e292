"""/openapi.json describes every route of the application."""

from __future__ import annotations

import re


def openapi_path(rule: str) -> str:
    """A Flask rule in OpenAPI syntax (``<path:suffix>`` -> ``{suffix}``)."""
    return re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule)


def test_every_route_is_described(app, client) -> None:
    document = client.get("/openapi.json").get_json()
    assert document["openapi"].startswith("3.1")
    assert document["servers"] == [{"url": "https://catalogue.example.org/bp"}]
    paths = document["paths"]
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        path = openapi_path(rule.rule)
        assert path in paths, f"{rule.rule} ({rule.endpoint}) is missing from /openapi.json"
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert method.lower() in paths[path], f"{method} {rule.rule} is not described"


def test_component_references_resolve(client) -> None:
    document = client.get("/openapi.json").get_json()
    schemas = document["components"]["schemas"]
    text = str(document)
    for name in re.findall(r"#/components/schemas/([A-Za-z0-9_]+)", text):
        assert name in schemas, name


def test_document_is_valid_openapi_3_1(client) -> None:
    """Checked with openapi-spec-validator (installed with linkml)."""
    from openapi_spec_validator import validate

    validate(client.get("/openapi.json").get_json())
