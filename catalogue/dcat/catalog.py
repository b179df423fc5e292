"""The catalogue as a whole (DCAT-AP 3.0.1 section 4.1, Catalogue), paged with Hydra.

Pages follow the Hydra Core Vocabulary (section 5.3, "Collections"): the catalogue node carries
``hydra:totalItems`` and a ``hydra:PartialCollectionView`` with first / previous / next / last
links. ``modified_since`` keeps only dataset versions modified on or after a date, for
incremental harvesting.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, XSD

from bigpicture.catalogue.dcat import authority
from bigpicture.catalogue.dcat.context import PublishContext
from bigpicture.catalogue.dcat.namespaces import DCAT, DCATAP, HYDRA, PREFIXES
from bigpicture.catalogue.dcat.profiles import Profile
from bigpicture.catalogue.dcat.resources import add_terms, date_literal, spatial
from bigpicture.catalogue.facts import DatasetFacts

CC0 = "http://creativecommons.org/publicdomain/zero/1.0/"


@dataclass(frozen=True)
class CatalogPage:
    """One page of the catalogue's dataset versions."""

    items: tuple[DatasetFacts, ...]
    total: int
    page: int = 1
    page_size: int = 0
    """0: everything on one page."""
    modified_since: str = ""

    @property
    def last_page(self) -> int:
        """Number of the last page (1 when everything fits on one)."""
        if not self.page_size:
            return 1
        return max(1, -(-self.total // self.page_size))


def published(facts: Iterable[DatasetFacts]) -> list[DatasetFacts]:
    """The dataset versions other catalogues should list (withdrawn ones are left out)."""
    return sorted((f for f in facts if f.status != "withdrawn"), key=lambda f: f.id)


def paginate(
    facts: Iterable[DatasetFacts], page: int = 1, page_size: int = 0, modified_since: str = ""
) -> CatalogPage:
    """The ``page``-th page of ``page_size`` published versions modified since a date."""
    chosen = [f for f in published(facts) if (f.modified or f.issued) >= modified_since]
    start = (page - 1) * page_size
    items = chosen[start : start + page_size] if page_size else chosen
    return CatalogPage(tuple(items), len(chosen), page, page_size, modified_since)


def new_graph() -> Graph:
    """An empty graph with the export's prefixes bound."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def catalog_node(
    graph: Graph, ctx: PublishContext, profile: Profile, dates: tuple[str, str]
) -> URIRef:
    """The dcat:Catalog with its title, publisher, licence, themes and legislation."""
    node = URIRef(ctx.catalog())
    graph.add((node, RDF.type, DCAT.Catalog))
    graph.add((node, DCTERMS.title, Literal(f"{ctx.publisher_name} Catalogue", lang="en")))
    graph.add(
        (
            node,
            DCTERMS.description,
            Literal(
                "FAIR metadata catalogue of the IMI Bigpicture digital-pathology repository: "
                "whole-slide image datasets with their clinical and technical metadata.",
                lang="en",
            ),
        )
    )
    graph.add((node, DCTERMS.publisher, profile.publisher(graph, ctx)))
    homepage = URIRef(ctx.url("/"))
    graph.add((node, FOAF.homepage, homepage))
    graph.add((homepage, RDF.type, FOAF.Document))
    graph.add((node, DCTERMS.license, catalogue_licence(graph)))
    graph.add((node, DCAT.themeTaxonomy, authority.declare_scheme(graph, authority.DATA_THEME)))
    add_terms(graph, node, DCTERMS.language, authority.ENGLISH)
    spatial(graph, node)
    add_terms(graph, node, DCATAP.applicableLegislation, *profile.legislation)
    graph.add((node, DCTERMS.conformsTo, URIRef(profile.conforms_to)))
    for prop, value in zip((DCTERMS.issued, DCTERMS.modified), dates, strict=True):
        if value:
            graph.add((node, prop, date_literal(value)))
    return node


def catalogue_dates(items: Sequence[DatasetFacts]) -> tuple[str, str]:
    """First publication and last modification of the listed versions."""
    issued = [f.issued for f in items if f.issued]
    modified = [f.modified or f.issued for f in items if f.modified or f.issued]
    return min(issued, default=""), max(modified, default="")


def catalogue_licence(graph: Graph) -> URIRef:
    """CC0 for the catalogue's own metadata."""
    node = URIRef(CC0)
    graph.add((node, RDF.type, DCTERMS.LicenseDocument))
    graph.add(
        (node, DCTERMS.type, authority.declare(graph, authority.licence_type("PublicDomain")))
    )
    return node


def page_url(ctx: PublishContext, page: CatalogPage, number: int) -> str:
    """The URL of page ``number`` with the same size and filter."""
    query = {"page": number, "page_size": page.page_size}
    if page.modified_since:
        query["modified_since"] = page.modified_since
    return ctx.catalog() + "?" + urlencode(query)


def hydra_view(graph: Graph, catalog: URIRef, ctx: PublishContext, page: CatalogPage) -> None:
    """Hydra paging controls (only when the catalogue is paged)."""
    graph.add((catalog, HYDRA.totalItems, Literal(page.total, datatype=XSD.nonNegativeInteger)))
    if not page.page_size:
        return
    view = URIRef(page_url(ctx, page, page.page))
    graph.add((catalog, HYDRA.view, view))
    graph.add((view, RDF.type, HYDRA.PartialCollectionView))
    graph.add((view, HYDRA.first, URIRef(page_url(ctx, page, 1))))
    graph.add((view, HYDRA.last, URIRef(page_url(ctx, page, page.last_page))))
    graph.add((view, HYDRA.itemsPerPage, Literal(page.page_size, datatype=XSD.nonNegativeInteger)))
    if page.page > 1:
        graph.add((view, HYDRA.previous, URIRef(page_url(ctx, page, page.page - 1))))
    if page.page < page.last_page:
        graph.add((view, HYDRA.next, URIRef(page_url(ctx, page, page.page + 1))))


def build_catalog(page: CatalogPage, ctx: PublishContext, profile: Profile) -> Graph:
    """The catalogue (or one page of it) in ``profile``, with every listed dataset version."""
    graph = new_graph()
    catalog = catalog_node(graph, ctx, profile, catalogue_dates(page.items))
    for facts in page.items:
        graph.add((catalog, DCAT.dataset, profile.describe_dataset(graph, facts, ctx)))
    hydra_view(graph, catalog, ctx, page)
    return graph


def describe_one(facts: DatasetFacts, ctx: PublishContext, profile: Profile) -> Graph:
    """One dataset version alone (the machine representations of its landing page)."""
    graph = new_graph()
    profile.describe_dataset(graph, facts, ctx)
    return graph


def all_pages(facts: Sequence[DatasetFacts], page_size: int) -> int:
    """How many pages of ``page_size`` the published versions fill."""
    return paginate(facts, 1, page_size).last_page
