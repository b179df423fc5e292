"""The home page of the catalogue."""

from __future__ import annotations

from flask import Blueprint, render_template

blueprint = Blueprint("home", __name__)


@blueprint.get("/")
def home() -> str:
    """The catalogue's front page."""
    return render_template("home.html")
