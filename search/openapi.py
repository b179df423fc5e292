"""OpenAPI 3.1 description of the search endpoints, for the catalogue's ``/openapi.json``.

``PATHS`` and ``COMPONENTS`` are plain dicts the publisher of ``/openapi.json`` merges into
its document (``paths`` and ``components.schemas``).
"""

from __future__ import annotations

from typing import Any

from bigpicture.search.facets import FACETS
from bigpicture.search.model import KINDS, MAX_SIZE, SORTS


def _facet_parameters() -> list[dict[str, Any]]:
    return [
        {
            "name": facet.name,
            "in": "query",
            "required": False,
            "description": f"{facet.label} filter: a code or a label; repeat the parameter "
            "(or separate values with |) to accept any of several values"
            + ("; matches the concept and everything below it" if facet.coded else ""),
            "schema": {"type": "array", "items": {"type": "string"}},
            "style": "form",
            "explode": True,
        }
        for facet in FACETS
    ]


def _parameters() -> list[dict[str, Any]]:
    common = [
        {
            "name": "q",
            "in": "query",
            "description": "Free text; words or a concept name",
            "schema": {"type": "string"},
        },
        {
            "name": "kind",
            "in": "query",
            "description": "dataset or image records",
            "schema": {"type": "string", "enum": list(KINDS), "default": "dataset"},
        },
        {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 1}},
        {
            "name": "size",
            "in": "query",
            "schema": {"type": "integer", "minimum": 0, "maximum": MAX_SIZE, "default": 20},
        },
        {
            "name": "sort",
            "in": "query",
            "schema": {"type": "string", "enum": list(SORTS), "default": "relevance"},
        },
        {
            "name": "facets",
            "in": "query",
            "description": "Comma-separated facets to count (default: every facet; empty: none)",
            "schema": {"type": "string"},
        },
        {
            "name": "local",
            "in": "query",
            "description": "1: answer from this catalogue only (no federation to peers)",
            "schema": {"type": "string", "enum": ["0", "1"]},
        },
    ]
    return common + _facet_parameters()


COMPONENTS: dict[str, Any] = {
    "SearchHit": {
        "type": "object",
        "required": ["id", "kind", "short_name", "title", "doi", "url"],
        "properties": {
            "id": {"type": "string"},
            "kind": {"type": "string", "enum": list(KINDS)},
            "short_name": {"type": "string"},
            "title": {"type": "string"},
            "doi": {"type": "string"},
            "url": {
                "type": "string",
                "description": "Landing page (/datasets/<id>; a harvested record's own page)",
            },
            "score": {"type": "number"},
            "highlights": {"type": "object", "additionalProperties": {"type": "string"}},
            "source": {"type": "string", "description": "Peer catalogue URL, '' when local"},
            "origin": {
                "type": "string",
                "enum": ["harvested"],
                "description": "'harvested': a dataset of another catalogue (DCAT) that a node "
                "listed; no DOI or page here. Absent on this catalogue's own datasets",
            },
        },
        "additionalProperties": True,
    },
    "FacetValue": {
        "type": "object",
        "required": ["value", "label", "count"],
        "properties": {
            "value": {"type": "string"},
            "label": {"type": "string"},
            "count": {"type": "integer"},
        },
    },
    "PeerStatus": {
        "type": "object",
        "properties": {
            "url": {"type": "string"},
            "status": {"type": "string", "enum": ["ok", "timeout", "error"]},
            "total": {"type": "integer"},
            "seconds": {"type": "number"},
            "message": {"type": "string"},
        },
    },
    "SearchResult": {
        "type": "object",
        "required": ["total", "hits", "facets"],
        "properties": {
            "total": {"type": "integer"},
            "page": {"type": "integer"},
            "size": {"type": "integer"},
            "sort": {"type": "string"},
            "kind": {"type": "string"},
            "hits": {"type": "array", "items": {"$ref": "#/components/schemas/SearchHit"}},
            "facets": {
                "type": "object",
                "properties": {
                    facet.name: {
                        "type": "array",
                        "items": {"$ref": "#/components/schemas/FacetValue"},
                    }
                    for facet in FACETS
                },
            },
            "concepts": {"type": "array", "items": {"type": "object"}},
            "peers": {"type": "array", "items": {"$ref": "#/components/schemas/PeerStatus"}},
            "partial": {"type": "boolean"},
        },
    },
    "Suggestions": {
        "type": "object",
        "properties": {
            "suggestions": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "text": {"type": "string"},
                        "facet": {"type": "string"},
                        "value": {"type": "string"},
                    },
                },
            }
        },
    },
}

_ERROR = {
    "description": "Invalid parameter",
    "content": {
        "application/json": {
            "schema": {"type": "object", "properties": {"error": {"type": "string"}}}
        }
    },
}

PATHS: dict[str, Any] = {
    "/api/search": {
        "get": {
            "summary": "Search datasets or images, with facet counts (federated across peers)",
            "operationId": "search",
            "tags": ["search"],
            "parameters": _parameters(),
            "responses": {
                "200": {
                    "description": "One page of hits, facet counts and peer statuses",
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/SearchResult"}
                        }
                    },
                },
                "400": _ERROR,
            },
        }
    },
    "/api/suggest": {
        "get": {
            "summary": "Suggestions for what is typed so far: concepts and dataset titles",
            "operationId": "suggest",
            "tags": ["search"],
            "parameters": [
                {"name": "q", "in": "query", "required": True, "schema": {"type": "string"}}
            ],
            "responses": {
                "200": {
                    "description": "Suggestions",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Suggestions"}}
                    },
                }
            },
        }
    },
}
