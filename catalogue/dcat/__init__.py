"""DCAT-AP 3 and HealthDCAT-AP descriptions of the catalogue, built from ``DatasetFacts``.

One mapping per profile (:mod:`.dcat_ap`, :mod:`.healthdcat_ap`), each assembled from the small
shared functions of :mod:`.agents`, :mod:`.resources` and :mod:`.authority`; no profile inherits
from another. :mod:`.catalog` builds the whole (or one page of the) catalogue and
:mod:`.formats` serialises graphs as Turtle, JSON-LD or RDF/XML.
"""

from __future__ import annotations

from bigpicture.catalogue.dcat.catalog import CatalogPage, build_catalog, paginate
from bigpicture.catalogue.dcat.context import PublishContext
from bigpicture.catalogue.dcat.formats import FORMATS, RdfFormat, serialise
from bigpicture.catalogue.dcat.profiles import PROFILES, Profile

__all__ = [
    "FORMATS",
    "PROFILES",
    "CatalogPage",
    "Profile",
    "PublishContext",
    "RdfFormat",
    "build_catalog",
    "paginate",
    "serialise",
]
