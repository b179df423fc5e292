"""``/metrics``: datasets, images, cases and terabytes by node, organ, diagnosis group, stain
and scanner, as a page with server-drawn SVG charts and as JSON (``/metrics.json`` or
``Accept: application/json``). ``?measure=`` picks the charted measure (default images)."""

from __future__ import annotations

import json

from flask import Blueprint, Response, abort, render_template, request

from bigpicture.catalogue.statistics import MEASURES, Statistics, compute
from bigpicture.catalogue.web.cache import Rendered, respond
from bigpicture.catalogue.web.charts import bar_chart
from bigpicture.catalogue.web.published import facts_index, render_cache

blueprint = Blueprint("metrics", __name__)


def statistics() -> Statistics:
    """The statistics of the current generation."""
    return compute(facts_index().index().facts, facts_index().current_images())


def charts(stats: Statistics, measure: str) -> list[tuple[str, str, object]]:
    """(dimension label, SVG, breakdown) for every dimension."""
    return [
        (
            b.label,
            bar_chart(
                f"chart-{b.dimension}",
                f"{measure.capitalize()} by {b.label.lower()}",
                [(value, totals.measure(measure)) for value, totals in b.rows],
            ),
            b,
        )
        for b in stats.breakdowns
    ]


def render_page(measure: str) -> Rendered:
    """The metrics page."""
    stats = statistics()
    body = render_template(
        "metrics.html",
        stats=stats,
        charts=charts(stats, measure),
        measure=measure,
        measures=MEASURES,
    )
    return Rendered(body.encode("utf-8"), "text/html; charset=utf-8")


def render_json() -> Rendered:
    """The metrics as JSON."""
    body = json.dumps(statistics().as_dict(), indent=1).encode("utf-8")
    return Rendered(body, "application/json")


def serve(as_json: bool, vary: str) -> Response:
    """The cached page or JSON."""
    measure = request.args.get("measure", "images")
    if measure not in MEASURES:
        abort(400, f"measure must be one of {', '.join(MEASURES)}")
    key = ("metrics", "json") if as_json else ("metrics", "html", measure)
    build = render_json if as_json else (lambda: render_page(measure))
    entry = render_cache().get(facts_index().index().generation, key, build)
    return respond(entry, request, vary=vary)


@blueprint.get("/metrics")
def metrics() -> Response:
    """The catalogue's numbers, HTML or JSON by Accept header."""
    best = request.accept_mimetypes.best_match(("text/html", "application/json"))
    return serve(
        best == "application/json" and "text/html" not in request.accept_mimetypes.values(),
        "Accept",
    )


@blueprint.get("/metrics.json")
def metrics_json() -> Response:
    """The catalogue's numbers as JSON."""
    return serve(True, "Accept-Encoding")
