"""``/sitemap.xml`` (sitemaps.org protocol 0.9): the home page, the catalogue and every landing
page of a dataset version that is not withdrawn, with its last modification date."""

from __future__ import annotations

from xml.sax.saxutils import escape

from flask import Blueprint, Response, request

from bigpicture.catalogue.dcat.catalog import published
from bigpicture.catalogue.web.cache import Rendered, respond
from bigpicture.catalogue.web.published import facts_index, publish_context, render_cache

blueprint = Blueprint("sitemap", __name__)
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def url_element(loc: str, modified: str = "") -> str:
    """One ``<url>`` entry."""
    lastmod = f"<lastmod>{escape(modified[:10])}</lastmod>" if modified else ""
    return f"  <url><loc>{escape(loc)}</loc>{lastmod}</url>\n"


def render() -> Rendered:
    """The sitemap document."""
    ctx = publish_context()
    facts = published(facts_index().index().facts)
    entries = [
        url_element(ctx.url("/")),
        url_element(ctx.catalog()),
        url_element(ctx.url("/metrics")),
    ]
    entries += [url_element(ctx.landing_page(f.id), f.modified or f.issued) for f in facts]
    body = f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{NAMESPACE}">\n'
    body += "".join(entries) + "</urlset>\n"
    return Rendered(body.encode("utf-8"), "application/xml; charset=utf-8")


@blueprint.get("/sitemap.xml")
def sitemap() -> Response:
    """Every public page, for search engines."""
    entry = render_cache().get(facts_index().index().generation, ("sitemap",), render)
    return respond(entry, request)
