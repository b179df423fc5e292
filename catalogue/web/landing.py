"""Dataset landing pages: ``/datasets/<id>`` and ``/doi/<prefix>/<suffix>``.

One URL per dataset version for people and machines: HTML by default, the other representations
by content negotiation (RFC 9110 section 12.5.1) or by URL extension (``representations``).
Every response carries FAIR Signposting links (level 1) and points to the level-2 linkset at
``/datasets/<id>/linkset``. A withdrawn version answers ``410 Gone`` with its citation and the
reason. Responses go through the render cache (``cache``) with ETag / Last-Modified.
"""

from __future__ import annotations

import json
import mimetypes

from flask import Blueprint, Response, abort, redirect, render_template, request

from bigpicture.catalogue import citation, schemaorg, signposting
from bigpicture.catalogue.dcat.context import PublishContext
from bigpicture.catalogue.facts import DatasetFacts
from bigpicture.catalogue.web import presenting
from bigpicture.catalogue.web.cache import Rendered, respond
from bigpicture.catalogue.web.datacite_bridge import RepresentationUnavailable
from bigpicture.catalogue.web.published import (
    facts_index,
    install_front_cache,
    publish_context,
    render_cache,
)
from bigpicture.catalogue.web.representations import (
    BY_MEDIA_TYPE,
    HTML,
    MEDIA_TYPES,
    REPRESENTATIONS,
    Representation,
    split_extension,
)
from bigpicture.catalogue.web.sources import IndexedFacts

blueprint = Blueprint("landing", __name__)
blueprint.record_once(lambda state: install_front_cache(state.app))
blueprint.add_app_template_filter(presenting.filesize, "filesize")
blueprint.add_app_template_filter(presenting.number, "number")
blueprint.add_app_template_filter(presenting.labels, "labels")
blueprint.add_app_template_filter(presenting.magnification, "magnification")


def described_by(facts: DatasetFacts, ctx: PublishContext) -> list[tuple[str, str]]:
    """(URL, media type) of every machine representation of a version."""
    page = ctx.landing_page(facts.id)
    return [(f"{page}.{rep.extension}", rep.media_type) for rep in REPRESENTATIONS]


def signposts(facts: DatasetFacts, ctx: PublishContext) -> list[signposting.Link]:
    """The level-1 signposting links of a version."""
    return signposting.links(facts, ctx, described_by(facts, ctx))


def script_json(data: object) -> str:
    """JSON safe to embed in a ``<script>`` element."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def related(facts: DatasetFacts, index: IndexedFacts) -> dict[str, list[DatasetFacts]]:
    """Versions and complementary datasets, as facts (unknown identifiers are skipped)."""

    def found(ids: tuple[str, ...]) -> list[DatasetFacts]:
        return [f for f in (index.find(i) for i in ids) if f is not None]

    everything = index.index().facts
    return {
        "versions": [f for f in everything if f.dataset_key == facts.dataset_key],
        "complements": found(facts.complements),
        "complemented_by": [f for f in everything if facts.id in f.complements],
    }


def page_data(facts: DatasetFacts, ctx: PublishContext, index: IndexedFacts) -> dict[str, object]:
    """Everything the landing template shows."""
    page = ctx.landing_page(facts.id)
    return {
        "facts": facts,
        "page_url": page,
        "citation": facts.citation or citation.formatted(facts, ctx),
        "cite_url": citation.cite_url(facts, ctx),
        "latest": index.latest(facts) if facts.status == "superseded" else None,
        "related": related(facts, index),
        "formats": [
            (rep.label, f"{page}.{rep.extension}", rep.media_type) for rep in REPRESENTATIONS
        ],
        "licence_url": signposting.licence_url(facts),
        "schema_json": script_json(schemaorg.dataset(facts, ctx)),
        "samples": [
            (f"{page}/samples/{name}", name)
            for name in facts.sample_images
            if index.source.sample_image(facts.id, name) is not None
        ],
        "ctx": ctx,
    }


def render_html(facts: DatasetFacts, ctx: PublishContext, index: IndexedFacts) -> Rendered:
    """The HTML landing page (or the 410 tombstone of a withdrawn version)."""
    template = "withdrawn.html" if facts.status == "withdrawn" else "landing.html"
    body = render_template(template, **page_data(facts, ctx, index))
    return finish(facts, ctx, body.encode("utf-8"), "text/html; charset=utf-8")


def finish(facts: DatasetFacts, ctx: PublishContext, body: bytes, content_type: str) -> Rendered:
    """A representation with its status, signposting header and modification date."""
    header = signposting.link_header(signposts(facts, ctx), facts, ctx)
    status = 410 if facts.status == "withdrawn" else 200
    return Rendered(body, content_type, status, (("Link", header),), facts.modified or facts.issued)


def render(facts: DatasetFacts, rep: Representation | None, index: IndexedFacts) -> Rendered:
    """The representation ``rep`` (HTML when None) of a version."""
    ctx = publish_context()
    if rep is None:
        return render_html(facts, ctx, index)
    try:
        body = rep.render(facts, ctx)
    except RepresentationUnavailable as error:
        return Rendered(str(error).encode(), "text/plain; charset=utf-8", 404)
    return finish(facts, ctx, body, rep.content_type)


def negotiate() -> Representation | None | str:
    """The representation the Accept header prefers; "" when none is acceptable."""
    if not request.headers.get("Accept"):
        return None
    best = request.accept_mimetypes.best_match(MEDIA_TYPES)
    if best is None:
        return ""
    return None if best == HTML else BY_MEDIA_TYPE[best]


def not_acceptable() -> Response:
    """406 listing what is offered."""
    offered = "\n".join(MEDIA_TYPES)
    return Response(
        f"Not acceptable. Available media types:\n{offered}\n",
        406,
        content_type="text/plain; charset=utf-8",
    )


def serve(facts: DatasetFacts, rep: Representation | None, negotiated: bool) -> Response:
    """The (cached) response for one representation of a version."""
    if negotiated:
        choice = negotiate()
        if choice == "":
            return not_acceptable()
        rep = choice  # type: ignore[assignment]
    index = facts_index()
    key = ("landing", facts.id, rep.extension if rep else "html")
    entry = render_cache().get(index.index().generation, key, lambda: render(facts, rep, index))
    return respond(entry, request, vary="Accept" if negotiated else "Accept-Encoding")


@blueprint.get("/datasets/<name>")
def dataset(name: str) -> Response:
    """A dataset version: HTML, or another representation by extension or Accept header."""
    index = facts_index()
    key, rep = split_extension(name, lambda k: k in index.index().by_id)
    facts = index.index().by_id.get(key)
    if facts is None:
        return latest_version(name, index)
    return serve(facts, rep, negotiated=rep is None)


def latest_version(dataset_key: str, index: IndexedFacts) -> Response:
    """``/datasets/<dataset key>``: a temporary redirect to the dataset's current version."""
    versions = [f for f in index.index().facts if f.dataset_key == dataset_key]
    current = index.latest(versions[0]) if versions else None
    if current is None:
        abort(404)
    return redirect(publish_context().landing_page(current.id), 302)


@blueprint.get("/doi/<prefix>/<path:suffix>")
def doi(prefix: str, suffix: str) -> Response:
    """A dataset version by its DOI (content negotiation as on /datasets/<id>)."""
    facts = facts_index().index().by_doi.get(f"{prefix}/{suffix}".lower()) or abort(404)
    return serve(facts, None, negotiated=True)


@blueprint.get("/datasets/<name>/linkset")
def linkset(name: str) -> Response:
    """The FAIR Signposting level-2 linkset (RFC 9264) of a version."""
    index = facts_index()
    facts = index.index().by_id.get(name) or abort(404)

    def build() -> Rendered:
        ctx = publish_context()
        data = signposting.linkset(signposts(facts, ctx), ctx.landing_page(facts.id))
        body = json.dumps(data, indent=1).encode("utf-8")
        return Rendered(body, signposting.LINKSET_TYPE, 200, (), facts.modified or facts.issued)

    entry = render_cache().get(index.index().generation, ("linkset", facts.id), build)
    return respond(entry, request)


@blueprint.get("/datasets/<name>/samples/<image>")
def sample(name: str, image: str) -> Response:
    """A LANDING_PAGE sample image of a version."""
    index = facts_index()
    facts = index.index().by_id.get(name) or abort(404)
    if image not in facts.sample_images:
        abort(404)
    data = index.source.sample_image(facts.id, image)
    if data is None:
        abort(404)
    kind = mimetypes.guess_type(image)[0] or "application/octet-stream"
    return Response(data, content_type=kind, headers={"Cache-Control": "public, max-age=86400"})
