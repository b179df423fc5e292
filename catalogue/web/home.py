"""The home page: what the catalogue holds, in numbers, and the latest dataset versions."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request

from bigpicture.catalogue.statistics import compute
from bigpicture.catalogue.web.cache import Rendered, respond
from bigpicture.catalogue.web.charts import bar_chart
from bigpicture.catalogue.web.published import facts_index, publish_context, render_cache

blueprint = Blueprint("home", __name__)
LATEST = 8


def render() -> Rendered:
    """The home page of the current generation."""
    facts = facts_index().index().facts
    stats = compute(facts, facts_index().current_images())
    current = [f for f in facts if f.status == "current"]
    latest = sorted(current, key=lambda f: (f.issued, f.id), reverse=True)[:LATEST]
    organs = next(b for b in stats.breakdowns if b.dimension == "organ")
    chart = bar_chart(
        "home-organs", "Images by organ", [(value, float(t.images)) for value, t in organs.rows]
    )
    body = render_template(
        "home.html",
        stats=stats,
        latest=latest,
        ctx=publish_context(),
        chart=chart,
        nodes=len(stats.breakdowns[0].rows),
    )
    return Rendered(body.encode("utf-8"), "text/html; charset=utf-8")


@blueprint.get("/")
def home() -> Response:
    """The catalogue's front page."""
    entry = render_cache().get(facts_index().index().generation, ("home",), render)
    return respond(entry, request, vary="Accept-Encoding")
