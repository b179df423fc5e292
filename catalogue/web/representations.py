"""Machine representations of a dataset version, one registry keyed by URL extension.

Like Datasette's output renderers: ``/datasets/<id>.<extension>`` picks a renderer by its
extension, and the same renderers answer content negotiation on ``/datasets/<id>`` by media
type. HTML is rendered by the landing view itself (it needs the templates).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bigpicture.catalogue import citation
from bigpicture.catalogue.dcat import FORMATS, serialise
from bigpicture.catalogue.dcat.catalog import describe_one
from bigpicture.catalogue.dcat.context import PublishContext
from bigpicture.catalogue.dcat.profiles import DEFAULT_PROFILE
from bigpicture.catalogue.facts import DatasetFacts

HTML = "text/html"


@dataclass(frozen=True)
class Representation:
    """One machine representation: URL extension, media type, label and renderer."""

    extension: str
    media_type: str
    label: str
    render: Callable[[DatasetFacts, PublishContext], bytes]

    @property
    def content_type(self) -> str:
        """The Content-Type header value."""
        if self.media_type.endswith("json"):
            return self.media_type
        return self.media_type + "; charset=utf-8"


def rdf_renderer(name: str) -> Callable[[DatasetFacts, PublishContext], bytes]:
    """A renderer of the HealthDCAT-AP description in RDF format ``name``."""

    def render(facts: DatasetFacts, ctx: PublishContext) -> bytes:
        return serialise(describe_one(facts, ctx, DEFAULT_PROFILE), FORMATS[name])

    return render


def text_renderer(
    function: Callable[[DatasetFacts, PublishContext], str],
) -> Callable[[DatasetFacts, PublishContext], bytes]:
    """A renderer of a text function, encoded as UTF-8."""
    return lambda facts, ctx: function(facts, ctx).encode("utf-8")


def datacite_xml(facts: DatasetFacts, ctx: PublishContext) -> bytes:
    """DataCite Metadata Schema 4 XML, from the catalogue's DataCite module."""
    from bigpicture.catalogue.web.datacite_bridge import datacite_xml as render

    return render(facts, ctx)


def datacite_json(facts: DatasetFacts, ctx: PublishContext) -> bytes:
    """DataCite REST API JSON, from the catalogue's DataCite module."""
    from bigpicture.catalogue.web.datacite_bridge import datacite_json as render

    return render(facts, ctx)


REPRESENTATIONS: tuple[Representation, ...] = (
    Representation("jsonld", "application/ld+json", "JSON-LD (DCAT-AP)", rdf_renderer("jsonld")),
    Representation("ttl", "text/turtle", "Turtle (DCAT-AP)", rdf_renderer("turtle")),
    Representation("rdf", "application/rdf+xml", "RDF/XML (DCAT-AP)", rdf_renderer("rdfxml")),
    Representation(
        "datacite.xml", "application/vnd.datacite.datacite+xml", "DataCite XML", datacite_xml
    ),
    Representation(
        "datacite.json", "application/vnd.datacite.datacite+json", "DataCite JSON", datacite_json
    ),
    Representation("bib", "application/x-bibtex", "BibTeX", text_renderer(citation.bibtex)),
    Representation(
        "ris", "application/x-research-info-systems", "RIS", text_renderer(citation.ris)
    ),
    Representation(
        "txt", "text/x-bibliography", "Formatted citation", text_renderer(citation.formatted)
    ),
)
BY_EXTENSION = {r.extension: r for r in REPRESENTATIONS}
BY_MEDIA_TYPE = {r.media_type: r for r in REPRESENTATIONS}
#: Media types offered on a landing page, HTML first (the default for browsers and */*).
MEDIA_TYPES = (HTML, *BY_MEDIA_TYPE)


def split_extension(name: str, known: Callable[[str], bool]) -> tuple[str, Representation | None]:
    """(identifier, representation) of ``<id>.<extension>``; (name, None) if none applies."""
    if known(name):
        return name, None
    for rep in sorted(REPRESENTATIONS, key=lambda r: -len(r.extension)):
        suffix = "." + rep.extension
        if name.endswith(suffix) and known(name[: -len(suffix)]):
            return name[: -len(suffix)], rep
    return name, None
