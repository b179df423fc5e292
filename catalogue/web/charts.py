"""Horizontal bar charts as inline SVG, drawn on the server (no script, nothing fetched).

Each chart has ``role="img"`` with a ``<title>`` and ``<desc>``; the page shows the same numbers
in a table, which is what screen readers and printouts rely on.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

BAR_HEIGHT = 22
LABEL_WIDTH = 190
CHART_WIDTH = 520
VALUE_WIDTH = 70


def short(text: str, limit: int = 28) -> str:
    """A label cut to ``limit`` characters."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def fmt(value: float) -> str:
    """A value for a bar's end label."""
    return f"{value:,.0f}" if value >= 10 or value == int(value) else f"{value:.2f}"


def bar(index: int, label: str, value: float, largest: float) -> str:
    """One labelled bar."""
    y = index * BAR_HEIGHT
    span = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH
    width = 0 if largest <= 0 else max(1, round(span * value / largest))
    return (
        f'<text x="{LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end">{escape(short(label))}</text>'
        f'<rect class="bar" x="{LABEL_WIDTH}" y="{y + 3}" width="{width}"'
        f' height="{BAR_HEIGHT - 6}"/>'
        f'<text x="{LABEL_WIDTH + width + 4}" y="{y + 15}">{escape(fmt(value))}</text>'
    )


def bar_chart(ident: str, title: str, rows: Sequence[tuple[str, float]]) -> str:
    """An SVG bar chart of (label, value) rows."""
    largest = max((value for _, value in rows), default=0)
    height = max(1, len(rows)) * BAR_HEIGHT
    bars = "".join(bar(i, label, value, largest) for i, (label, value) in enumerate(rows))
    described = "; ".join(f"{label}: {fmt(value)}" for label, value in rows) or "no data"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {CHART_WIDTH} {height}"'
        f' aria-labelledby="{ident}-t {ident}-d" width="{CHART_WIDTH}" height="{height}">'
        f'<title id="{ident}-t">{escape(title)}</title>'
        f'<desc id="{ident}-d">{escape(described)}</desc>'
        f"{bars}</svg>"
    )
