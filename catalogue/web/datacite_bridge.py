"""DataCite XML and JSON of a dataset version, from the catalogue's DataCite module."""

from __future__ import annotations

import json

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


def datacite_json(facts: DatasetFacts, ctx: PublishContext) -> bytes:
    """The DataCite REST API JSON document of ``facts``."""
    if facts.status == "withdrawn" and not facts.creators:
        raise RepresentationUnavailable("The DataCite record of a withdrawn version is a tombstone")
    from bigpicture.catalogue.datacite import datacite_json as render

    return json.dumps(render(facts, ctx), indent=1, ensure_ascii=False).encode("utf-8")
