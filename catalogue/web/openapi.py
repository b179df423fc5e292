"""``/openapi.json``: an OpenAPI 3.1 description of every machine endpoint of the catalogue.

The publishing endpoints are described here; other areas contribute ``PATHS`` and
``COMPONENTS`` fragments (``FRAGMENTS``), merged in. A test checks that every registered route
of the application appears.
"""

from __future__ import annotations

import importlib
from typing import Any

from flask import Blueprint, Response, current_app, json

from bigpicture.catalogue.dcat import PROFILES
from bigpicture.catalogue.web.representations import MEDIA_TYPES, REPRESENTATIONS

blueprint = Blueprint("openapi", __name__)

#: Modules of other areas that define ``PATHS`` (and optionally ``COMPONENTS``).
FRAGMENTS: tuple[str, ...] = (
    "bigpicture.search.openapi",
    "bigpicture.catalogue.validation.openapi",
    "bigpicture.catalogue.sparql_openapi",
)
RDF_TYPES = ("text/turtle", "application/ld+json", "application/rdf+xml")


def text_response(description: str, media_types: tuple[str, ...]) -> dict[str, Any]:
    """A response whose body is one of ``media_types`` (schema left open)."""
    return {"description": description, "content": {m: {"schema": {}} for m in media_types}}


def path_parameter(name: str, description: str) -> dict[str, Any]:
    """A required string path parameter."""
    return {
        "name": name,
        "in": "path",
        "required": True,
        "description": description,
        "schema": {"type": "string"},
    }


def query_parameter(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    """An optional query parameter."""
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
    }


CONDITIONAL = [
    {
        "name": "If-None-Match",
        "in": "header",
        "schema": {"type": "string"},
        "description": "ETag of a cached copy: 304 when unchanged",
    },
    {
        "name": "If-Modified-Since",
        "in": "header",
        "schema": {"type": "string"},
        "description": "HTTP-date of a cached copy: 304 when unchanged",
    },
]


def landing_operation() -> dict[str, Any]:
    """GET of a dataset version, in every representation."""
    extensions = ", ".join(f"`.{r.extension}` ({r.media_type})" for r in REPRESENTATIONS)
    return {
        "summary": "A dataset version: landing page and machine representations",
        "description": "Content negotiation on the Accept header, or a URL extension: "
        + extensions
        + ". Responses carry FAIR Signposting `Link` headers. A withdrawn "
        "version answers 410 with its citation and the reason.",
        "parameters": [
            path_parameter(
                "name", "Version identifier, optionally with an extension (e.g. BP_LUNG_ADC-2.ttl)"
            ),
            *CONDITIONAL,
        ],
        "responses": {
            "200": text_response("The representation", MEDIA_TYPES),
            "302": {"description": "A dataset key: redirect to its current version"},
            "304": {"description": "Not modified"},
            "404": {"description": "No such dataset version"},
            "406": {"description": "None of the offered media types is acceptable"},
            "410": text_response("Withdrawn: tombstone with citation and reason", MEDIA_TYPES),
        },
    }


def catalog_operation(extension: bool) -> dict[str, Any]:
    """GET of the (paged) DCAT-AP catalogue."""
    params = [
        query_parameter("page", "Page number", {"type": "integer", "minimum": 1, "default": 1}),
        query_parameter(
            "page_size",
            "Dataset versions per page",
            {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100},
        ),
        query_parameter(
            "modified_since",
            "Only versions modified on or after this date",
            {"type": "string", "format": "date"},
        ),
        query_parameter(
            "profile",
            "Application profile",
            {"type": "string", "enum": sorted(PROFILES), "default": "healthdcat-ap"},
        ),
        *CONDITIONAL,
    ]
    if extension:
        params.insert(
            0,
            {
                **path_parameter("extension", "ttl, jsonld or rdf"),
                "schema": {"type": "string", "enum": ["ttl", "jsonld", "rdf"]},
            },
        )
    types = RDF_TYPES if extension else ("text/html", *RDF_TYPES)
    return {
        "summary": "The catalogue as DCAT-AP 3 with HealthDCAT-AP, paged with Hydra",
        "parameters": params,
        "responses": {
            "200": text_response("One page of the catalogue", types),
            "400": {"description": "Bad paging parameters"},
        },
    }


def own_paths() -> dict[str, Any]:
    """The publishing endpoints."""
    metrics = {
        "summary": "Datasets, images, cases and terabytes by node, organ, diagnosis "
        "group, stain and scanner",
        "parameters": [
            query_parameter(
                "measure",
                "Charted measure (HTML only)",
                {"type": "string", "enum": ["datasets", "images", "cases", "terabytes"]},
            )
        ],
        "responses": {
            "200": {
                "description": "Statistics",
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/Metrics"}},
                    "text/html": {"schema": {}},
                },
            }
        },
    }
    return {
        "/": {
            "get": {
                "summary": "Home page with the catalogue's numbers",
                "responses": {"200": text_response("HTML page", ("text/html",))},
            }
        },
        "/datasets/{name}": {"get": landing_operation()},
        "/doi/{prefix}/{suffix}": {
            "get": {
                **landing_operation(),
                "summary": "A dataset version by its DOI",
                "parameters": [
                    path_parameter("prefix", "DOI prefix (10.x)"),
                    path_parameter("suffix", "DOI suffix"),
                    *CONDITIONAL,
                ],
            }
        },
        "/datasets/{name}/linkset": {
            "get": {
                "summary": "FAIR Signposting level 2 linkset (RFC 9264)",
                "parameters": [path_parameter("name", "Version identifier")],
                "responses": {
                    "200": text_response("Linkset", ("application/linkset+json",)),
                    "404": {"description": "No such dataset version"},
                },
            }
        },
        "/datasets/{name}/samples/{image}": {
            "get": {
                "summary": "A LANDING_PAGE sample image",
                "parameters": [
                    path_parameter("name", "Version identifier"),
                    path_parameter("image", "File name"),
                ],
                "responses": {
                    "200": text_response("Image", ("image/png", "image/jpeg")),
                    "404": {"description": "No such image"},
                },
            }
        },
        "/catalog": {"get": catalog_operation(False)},
        "/catalog.{extension}": {"get": catalog_operation(True)},
        "/sitemap.xml": {
            "get": {
                "summary": "Sitemap of the public pages",
                "responses": {"200": text_response("Sitemap", ("application/xml",))},
            }
        },
        "/metrics": {"get": metrics},
        "/metrics.json": {"get": {**metrics, "parameters": []}},
        "/openapi.json": {
            "get": {
                "summary": "This description",
                "responses": {"200": text_response("OpenAPI 3.1", ("application/json",))},
            }
        },
    }


SPARQL_RESULTS = (
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/turtle",
    "application/n-triples",
)


def sparql_operation(method: str) -> dict[str, Any]:
    """The read-only SPARQL 1.1 Protocol endpoint."""
    operation: dict[str, Any] = {
        "summary": "Read-only SPARQL 1.1 query endpoint (no updates; time-limited)",
        "parameters": [
            query_parameter(
                "format",
                "Result format (else the Accept header): json, xml, csv",
                {"type": "string"},
            ),
        ],
        "responses": {
            "200": text_response("Query results", SPARQL_RESULTS),
            "400": {"description": "Malformed query, or an update"},
            "503": {"description": "The query ran over the time limit"},
        },
    }
    if method == "get":
        operation["parameters"].insert(
            0, query_parameter("query", "The SPARQL query", {"type": "string"})
        )
    else:
        operation["requestBody"] = {
            "content": {
                "application/x-www-form-urlencoded": {
                    "schema": {"type": "object", "properties": {"query": {"type": "string"}}}
                },
                "application/sparql-query": {"schema": {"type": "string"}},
            }
        }
    return operation


def validate_operation() -> dict[str, Any]:
    """``POST /api/validate``: validation of an uploaded submission."""
    return {
        "summary": "Validate an uploaded MetaFleX submission (a zip or one XML file)",
        "description": "200 with the validation report whether or not the submission is valid "
        "(see docs/validation-report.md).",
        "parameters": [
            query_parameter(
                "format",
                "Report format (else the Accept header)",
                {"type": "string", "enum": ["json", "html", "turtle"]},
            ),
        ],
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["file"],
                        "properties": {"file": {"type": "string", "format": "binary"}},
                    }
                }
            },
        },
        "responses": {
            "200": text_response(
                "Validation report", ("application/json", "text/html", "text/turtle")
            ),
            "400": {"description": "No file, an unreadable upload or an unknown format"},
            "413": {"description": "Larger than BPCAT_UPLOAD_LIMIT_MB"},
        },
    }


def page_paths() -> dict[str, Any]:
    """Endpoints of other areas that their fragments leave out."""
    return {
        "/api/validate": {"post": validate_operation()},
        "/sparql": {"get": sparql_operation("get"), "post": sparql_operation("post")},
        "/search": {
            "get": {
                "summary": "Search page (HTML; the API is /api/search)",
                "parameters": [query_parameter("q", "Free text", {"type": "string"})],
                "responses": {"200": text_response("HTML page", ("text/html",))},
            }
        },
    }


def own_components() -> dict[str, Any]:
    """Schemas of the publishing endpoints."""
    totals = {
        "type": "object",
        "properties": {
            "datasets": {"type": "integer"},
            "images": {"type": "integer"},
            "cases": {"type": "integer"},
            "terabytes": {"type": "number"},
        },
    }
    row = {"allOf": [totals, {"type": "object", "properties": {"value": {"type": "string"}}}]}
    return {
        "Totals": totals,
        "Metrics": {
            "type": "object",
            "properties": {
                "total": {"$ref": "#/components/schemas/Totals"},
                "by": {"type": "object", "additionalProperties": {"type": "array", "items": row}},
            },
        },
    }


def fragments() -> list[Any]:
    """The fragment modules of other areas that are installed."""
    found = []
    for name in FRAGMENTS:
        try:
            found.append(importlib.import_module(name))
        except ImportError:
            continue
    return found


def document(base_url: str) -> dict[str, Any]:
    """The whole OpenAPI document."""
    paths, components = {**page_paths(), **own_paths()}, own_components()
    for module in fragments():
        paths.update(getattr(module, "PATHS", {}))
        components.update(getattr(module, "COMPONENTS", {}))
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Bigpicture Catalogue API",
            "version": "1",
            "description": "Landing pages, DCAT-AP catalogue, metrics, search, "
            "validation and SPARQL of the Bigpicture metadata catalogue.",
        },
        "servers": [{"url": base_url}],
        "paths": dict(sorted(paths.items())),
        "components": {"schemas": components},
    }


@blueprint.get("/openapi.json")
def openapi() -> Response:
    """The OpenAPI description."""
    settings = current_app.config["BPCAT_SETTINGS"]
    body = json.dumps(document(settings.base_url), indent=1)
    return Response(body, content_type="application/json")
