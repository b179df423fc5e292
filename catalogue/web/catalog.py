"""The catalogue for other catalogues: ``/catalog`` (and ``.ttl``, ``.jsonld``, ``.rdf``).

DCAT-AP 3 with HealthDCAT-AP (``?profile=dcat-ap-3`` for plain DCAT-AP 3.0.1), paged with Hydra:
``page`` (from 1), ``page_size`` (default 100, at most 1000) and ``modified_since`` (ISO date).
People get an HTML list of the same page; machines choose by Accept header or extension.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, Response, abort, render_template, request

from bigpicture.catalogue.dcat import FORMATS, PROFILES, RdfFormat, build_catalog, paginate
from bigpicture.catalogue.dcat import serialise as write
from bigpicture.catalogue.dcat.catalog import CatalogPage, catalogue_dates, page_url
from bigpicture.catalogue.dcat.profiles import DEFAULT_PROFILE
from bigpicture.catalogue.web.cache import Rendered, respond
from bigpicture.catalogue.web.published import facts_index, publish_context, render_cache

blueprint = Blueprint("catalog", __name__)

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000
BY_EXTENSION = {fmt.extension: fmt for fmt in FORMATS.values()}
MEDIA_TYPES = ("text/html", *(fmt.media_type for fmt in FORMATS.values()))


@dataclass(frozen=True)
class CatalogQuery:
    """The paging and profile parameters of a catalogue request."""

    page: int
    page_size: int
    modified_since: str
    profile: str

    @property
    def key(self) -> tuple[str, ...]:
        """Cache key part."""
        return (str(self.page), str(self.page_size), self.modified_since, self.profile)


def read_query() -> CatalogQuery:
    """The query parameters, checked (400 on nonsense)."""
    try:
        page = int(request.args.get("page", 1))
        size = int(request.args.get("page_size", DEFAULT_PAGE_SIZE))
    except ValueError:
        abort(400, "page and page_size must be whole numbers")
    profile = request.args.get("profile", DEFAULT_PROFILE.name)
    since = request.args.get("modified_since", "")
    if page < 1 or not 1 <= size <= MAX_PAGE_SIZE or profile not in PROFILES:
        abort(400, f"page >= 1, 1 <= page_size <= {MAX_PAGE_SIZE}, profile in {sorted(PROFILES)}")
    if since and not (len(since) >= 10 and since[4] == "-" and since[7] == "-"):
        abort(400, "modified_since must be an ISO date (YYYY-MM-DD)")
    return CatalogQuery(page, size, since, profile)


def current_page(query: CatalogQuery) -> CatalogPage:
    """The requested page of the published dataset versions."""
    facts = facts_index().index().facts
    return paginate(facts, query.page, query.page_size, query.modified_since)


def render_rdf(query: CatalogQuery, fmt: RdfFormat) -> Rendered:
    """One page of the catalogue in an RDF format."""
    page = current_page(query)
    graph = build_catalog(page, publish_context(), PROFILES[query.profile])
    content_type = fmt.media_type + (
        "; charset=utf-8" if fmt.media_type != "application/ld+json" else ""
    )
    links = (("Link", paging_links(page)),) if page.last_page > 1 else ()
    return Rendered(write(graph, fmt), content_type, 200, links, catalogue_dates(page.items)[1])


def paging_links(page: CatalogPage) -> str:
    """RFC 8288 first / prev / next / last links of a page (for harvesters without Hydra)."""
    ctx = publish_context()
    found = [("first", 1), ("last", page.last_page)]
    if page.page > 1:
        found.append(("prev", page.page - 1))
    if page.page < page.last_page:
        found.append(("next", page.page + 1))
    return ", ".join(f'<{page_url(ctx, page, number)}>; rel="{rel}"' for rel, number in found)


def render_html(query: CatalogQuery) -> Rendered:
    """One page of the catalogue as an HTML table."""
    page = current_page(query)
    body = render_template(
        "catalog.html", page=page, query=query, ctx=publish_context(), formats=FORMATS.values()
    )
    return Rendered(
        body.encode("utf-8"), "text/html; charset=utf-8", 200, (), catalogue_dates(page.items)[1]
    )


def serve(fmt: RdfFormat | None, vary: str) -> Response:
    """The cached response for one page in one format (HTML when ``fmt`` is None)."""
    query = read_query()
    key = ("catalog", fmt.name if fmt else "html", *query.key)
    index = facts_index().index()
    build = (lambda: render_rdf(query, fmt)) if fmt else (lambda: render_html(query))
    return respond(render_cache().get(index.generation, key, build), request, vary=vary)


@blueprint.get("/catalog")
def catalog() -> Response:
    """The catalogue, by content negotiation (HTML for people)."""
    best = (
        request.accept_mimetypes.best_match(MEDIA_TYPES)
        if request.headers.get("Accept")
        else "text/html"
    )
    if best is None:
        return Response("Not acceptable: " + ", ".join(MEDIA_TYPES) + "\n", 406)
    fmt = next((f for f in FORMATS.values() if f.media_type == best), None)
    return serve(fmt, "Accept")


@blueprint.get("/catalog.<extension>")
def catalog_file(extension: str) -> Response:
    """The catalogue in the RDF format of ``extension`` (ttl, jsonld, rdf)."""
    fmt = BY_EXTENSION.get(extension) or abort(404)
    return serve(fmt, "Accept-Encoding")
