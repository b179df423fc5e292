"""The application profiles the catalogue speaks, in one registry."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rdflib import Graph, URIRef

from bigpicture.catalogue.dcat import authority, dcat_ap, healthdcat_ap
from bigpicture.catalogue.dcat.context import PublishContext
from bigpicture.catalogue.facts import DatasetFacts


@dataclass(frozen=True)
class Profile:
    """One application profile: how a dataset and the catalogue's publisher are described."""

    name: str
    title: str
    conforms_to: str
    describe_dataset: Callable[[Graph, DatasetFacts, PublishContext], URIRef]
    publisher: Callable[[Graph, PublishContext], URIRef]
    legislation: tuple[authority.Term, ...] = ()


DCAT_AP_3 = Profile(
    name="dcat-ap-3",
    title="DCAT-AP 3.0.1",
    conforms_to="https://semiceu.github.io/DCAT-AP/releases/3.0.1/",
    describe_dataset=dcat_ap.describe_dataset,
    publisher=dcat_ap.publisher,
)
HEALTHDCAT_AP = Profile(
    name="healthdcat-ap",
    title="HealthDCAT-AP Release 8 (NON_PUBLIC)",
    conforms_to="https://healthdataeu.pages.code.europa.eu/healthdcat-ap/releases/release-8/",
    describe_dataset=healthdcat_ap.describe_dataset,
    publisher=lambda graph, ctx: healthdcat_ap.health_agent(
        graph, ctx, ctx.publisher_name, ctx.contact_email
    ),
    legislation=(authority.EHDS,),
)

#: Profiles by name; the catalogue serves HealthDCAT-AP (a superset of DCAT-AP 3) by default.
PROFILES: dict[str, Profile] = {p.name: p for p in (HEALTHDCAT_AP, DCAT_AP_3)}
DEFAULT_PROFILE = HEALTHDCAT_AP
