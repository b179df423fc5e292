"""Search over HTTP: ``GET /api/search``, ``GET /api/suggest`` and the search page ``/search``.

The API and the page take the same parameters (:mod:`bigpicture.search.params`). A catalogue
with ``settings.peers`` federates every query unless asked ``local=1`` (peers are asked so).
The page works without JavaScript (a form, facet links, paging links); with it, the search
box suggests concepts and titles as you type (static/search.js).
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, render_template, request, url_for

from bigpicture.catalogue.web import current_settings
from bigpicture.search.facets import FACETS
from bigpicture.search.model import SORTS, SearchQuery, SearchResult
from bigpicture.search.params import QueryError, query_from_params, query_to_params, toggle_filter
from bigpicture.search.service import SearchService

blueprint = Blueprint("search", __name__)
_EXTENSION = "bpcat_search"


def search_service() -> SearchService:
    """The application's search service, opened on first use."""
    service = current_app.extensions.get(_EXTENSION)
    if service is None:
        from bigpicture.search.engines import open_backend
        from bigpicture.search.vocabulary import load_concepts

        vocabulary = load_concepts(current_settings())
        service = SearchService(open_backend(current_settings(), vocabulary), vocabulary)
        current_app.extensions[_EXTENSION] = service
    return service


def _answer(query: SearchQuery) -> SearchResult:
    settings = current_settings()
    peers = () if request.args.get("local") == "1" else settings.peers
    return search_service().answer(query, peers=peers, timeout=settings.peer_timeout)


def _query() -> SearchQuery:
    return query_from_params(request.args.get, request.args.getlist)


@blueprint.get("/api/search")
def api_search() -> Response | tuple[Response, int]:
    """Hits, facet counts and (when federated) peer statuses as JSON."""
    try:
        query = _query()
    except QueryError as error:
        return jsonify(error=str(error)), 400
    return jsonify(_answer(query).to_json())


@blueprint.get("/api/suggest")
def api_suggest() -> Response:
    """Suggestions for what is typed so far."""
    prefix = request.args.get("q", "")
    return jsonify(suggestions=search_service().suggest(prefix))


def _link(query: SearchQuery, **changes: object) -> str:
    return url_for("search.page") + _query_string(query_to_params(query, **changes))


def _query_string(params: list[tuple[str, str]]) -> str:
    from urllib.parse import urlencode

    return "?" + urlencode(params) if params else ""


@blueprint.get("/search")
def page() -> str | tuple[str, int]:
    """The search page: form, facets with counts, results, paging."""
    try:
        query = _query()
    except QueryError as error:
        return render_template("search.html", error=str(error), query=SearchQuery()), 400
    result = _answer(query)
    return render_template(
        "search.html",
        query=query,
        result=result,
        facets=FACETS,
        sorts=SORTS,
        link=lambda **changes: _link(query, **changes),
        toggle=lambda facet, value: _link(toggle_filter(query, facet, value)),
        error="",
    )
