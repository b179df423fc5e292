"""``/sparql``: the read-only SPARQL 1.1 Protocol endpoint (query operation, section 2.1).

GET ``?query=``; POST as ``application/x-www-form-urlencoded`` (``query=``) or as
``application/sparql-query``. The result format comes from ``format=`` or the Accept header.
Updates and malformed queries answer 400; a query over ``settings.sparql_timeout`` answers 503.
"""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request

from bigpicture.catalogue.sparql import (
    SparqlRefused,
    SparqlTimeout,
    choose_media_type,
    query_form,
    run_query,
)
from bigpicture.catalogue.web import current_settings
from bigpicture.catalogue.web.store_access import current_store

blueprint = Blueprint("sparql", __name__)

EXAMPLE = """PREFIX dcat: <http://www.w3.org/ns/dcat#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?version ?title ?issued WHERE {
  ?version a dcat:Dataset ; dcterms:title ?title ; dcterms:issued ?issued .
} ORDER BY DESC(?issued) LIMIT 20"""


def _problem(status: int, message: str) -> Response:
    return Response(message + "\n", status=status, mimetype="text/plain")


def _query_text() -> str | None:
    if request.method == "GET":
        return request.args.get("query")
    if request.mimetype == "application/sparql-query":
        return request.get_data(as_text=True)
    return request.form.get("query")


def _wants_form() -> bool:
    best = request.accept_mimetypes.best_match(["text/html", "application/sparql-results+json"])
    return request.method == "GET" and best == "text/html"


@blueprint.route("/sparql", methods=["GET", "POST"])
def sparql() -> Response | str:
    """Answer one SPARQL query (or show the query form to a browser)."""
    settings = current_settings()
    query = _query_text()
    if not query:
        if _wants_form():
            return render_template("sparql.html", timeout=settings.sparql_timeout, example=EXAMPLE)
        return _problem(400, "missing SPARQL query: pass query=… (GET or form POST)")
    if request.method == "POST" and request.form.get("update"):
        return _problem(400, "SPARQL updates are not accepted: this endpoint is read-only")
    format_name = request.args.get("format") or request.form.get("format") or ""
    try:
        media_type = choose_media_type(
            query_form(query), request.headers.get("Accept", ""), format_name
        )
        answer = run_query(current_store(), query, media_type, settings.sparql_timeout)
    except SparqlRefused as error:
        return _problem(400, str(error))
    except SparqlTimeout as error:
        return _problem(503, f"{error}; narrow the query or add a LIMIT")
    response = Response(answer.body, mimetype=answer.media_type)
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response
