"""FAIR Signposting (signposting.org/FAIR, levels 1 and 2) for dataset landing pages.

Level 1 is a set of typed links sent as an HTTP ``Link`` header (RFC 8288): ``cite-as``,
``describedby`` (with ``type``), ``item``, ``license``, ``type``, ``author`` and ``collection``.
Level 2 is the same set as a linkset document (RFC 9264, ``application/linkset+json``), announced
with ``rel="linkset"``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bigpicture.catalogue.citation import cite_url
from bigpicture.catalogue.dcat.agents import orcid_iri
from bigpicture.catalogue.dcat.context import PublishContext
from bigpicture.catalogue.dcat.resources import SPDX_LICENCES
from bigpicture.catalogue.facts import DatasetFacts

LINKSET_TYPE = "application/linkset+json"
SCHEMA_DATASET = "https://schema.org/Dataset"
SCHEMA_ABOUT_PAGE = "https://schema.org/AboutPage"


@dataclass(frozen=True)
class Link:
    """One typed link from a landing page."""

    href: str
    rel: str
    type: str = ""

    def header(self) -> str:
        """The link as one value of an HTTP ``Link`` header."""
        typed = f'; type="{self.type}"' if self.type else ""
        return f'<{self.href}>; rel="{self.rel}"{typed}'


def licence_url(facts: DatasetFacts) -> str:
    """The licence as a URL (SPDX identifiers become spdx.org URLs)."""
    if not facts.licence:
        return ""
    return facts.licence if "://" in facts.licence else SPDX_LICENCES + facts.licence


def linkset_url(facts: DatasetFacts, ctx: PublishContext) -> str:
    """Where the level-2 linkset of a dataset version is served."""
    return ctx.landing_page(facts.id) + "/linkset"


def links(
    facts: DatasetFacts, ctx: PublishContext, described_by: Sequence[tuple[str, str]]
) -> list[Link]:
    """The level-1 links of a landing page; ``described_by`` is (url, media type) pairs."""
    found = [Link(cite_url(facts, ctx), "cite-as")]
    found += [Link(url, "describedby", media) for url, media in described_by]
    found += [Link(SCHEMA_DATASET, "type"), Link(SCHEMA_ABOUT_PAGE, "type")]
    found += [Link(orcid_iri(p.orcid), "author") for p in facts.creators if p.orcid]
    if licence_url(facts):
        found.append(Link(licence_url(facts), "license"))
    if facts.rems_access_link and facts.status != "withdrawn":
        found.append(Link(facts.rems_access_link, "item", "text/html"))
    found.append(Link(ctx.catalog(), "collection", "text/html"))
    return found


def link_header(found: Sequence[Link], facts: DatasetFacts, ctx: PublishContext) -> str:
    """The HTTP ``Link`` header: every link, plus the level-2 linkset."""
    everything = [*found, Link(linkset_url(facts, ctx), "linkset", LINKSET_TYPE)]
    return ", ".join(link.header() for link in everything)


def linkset(found: Sequence[Link], anchor: str) -> dict[str, object]:
    """The links as an RFC 9264 JSON linkset anchored at the landing page."""
    context: dict[str, object] = {"anchor": anchor}
    for link in found:
        target = {"href": link.href, **({"type": link.type} if link.type else {})}
        context.setdefault(link.rel, []).append(target)  # type: ignore[union-attr]
    return {"linkset": [context]}
