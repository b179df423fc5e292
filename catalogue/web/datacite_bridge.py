"""DataCite XML of a dataset version, from the catalogue's DataCite module (catalogue/datacite)."""

from __future__ import annotations

from bigpicture.catalogue.dcat.context import PublishContext
from bigpicture.catalogue.facts import DatasetFacts


class RepresentationUnavailable(Exception):
    """This catalogue cannot produce the representation (the message says why)."""


def datacite_xml(facts: DatasetFacts, ctx: PublishContext) -> bytes:
    """DataCite Metadata Schema 4 XML of ``facts``."""
    if facts.status == "withdrawn" and not facts.creators:
        raise RepresentationUnavailable("The DataCite record of a withdrawn version is a tombstone")
    from bigpicture.catalogue.datacite.xml import datacite_xml as render

    return render(facts, ctx)
