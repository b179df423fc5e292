"""Validation of our DCAT exports against the official shapes in ../shared/external-shapes.

Follows external-shapes/USING.md: every shape file of a profile is loaded into one graph (no
owl:imports followed); the one path-less property of HealthDCAT-AP R8 non-public-shapes.ttl is
repaired in memory; the HealthData@EU lists are merged into the data graph; only top-level
results (``?report sh:result ?r``) whose focus node the export describes are counted.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import OWL, RDF, SH

SHARED = Path(os.environ.get("BPCAT_SHARED_DIR", Path(__file__).resolve().parents[3] / "shared"))
SHAPES = SHARED / "external-shapes"
DCAT_AP = SHAPES / "dcat-ap-3.0.1"
HEALTH = SHAPES / "healthdcat-ap-release-8"

PROFILE_FILES = {
    "dcat-ap-3": (
        DCAT_AP / "shapes.ttl",
        DCAT_AP / "range.ttl",
        DCAT_AP / "shapes_recommended.ttl",
        DCAT_AP / "mdr-vocabularies.shape.ttl",
    ),
    "healthdcat-ap": (
        DCAT_AP / "shapes.ttl",
        DCAT_AP / "range.ttl",
        DCAT_AP / "shapes_recommended.ttl",
        HEALTH / "shapes" / "graph-guard.ttl",
        HEALTH / "ranges" / "range.ttl",
        HEALTH / "shapes" / "non-public-shapes.ttl",
        HEALTH / "recommended" / "non-public-shapes_recommended.ttl",
        HEALTH / "controlled-vocabularies" / "mdr-vocabularies.shape.ttl",
    ),
}


@dataclass(frozen=True, order=True)
class Finding:
    """One top-level SHACL result."""

    severity: str
    focus: str
    path: str
    message: str
    shape: str

    def __str__(self) -> str:
        return f"{self.severity}: {self.focus} {self.path}: {self.message}"


def repair_pathless_property(shapes: Graph) -> None:
    """Move the sh:or of a path-less sh:property node up to its node shape (USING.md)."""
    for shape, prop in list(shapes.subject_objects(SH.property)):
        if (prop, SH.path, None) in shapes:
            continue
        for predicate in (SH["or"], SH.severity, SH.message):
            for value in shapes.objects(prop, predicate):
                shapes.add((shape, predicate, value))
        shapes.remove((shape, SH.property, prop))


@cache
def shapes_graph(profile: str) -> Graph:
    """All shape files of ``profile`` in one graph, repaired, without owl:imports."""
    graph = Graph()
    for path in PROFILE_FILES[profile]:
        if not path.is_file():
            raise FileNotFoundError(f"{path} is missing: set BPCAT_SHARED_DIR to the shared folder")
        graph.parse(path, format="turtle")
    graph.remove((None, OWL.imports, None))
    repair_pathless_property(graph)
    return graph


@cache
def health_lists() -> Graph:
    """The HealthData@EU controlled vocabularies shipped with the shapes."""
    graph = Graph()
    for path in sorted((HEALTH / "catalogue").glob("*.rdf")):
        graph.parse(path, format="xml")
    return graph


def validate(data: Graph, profile: str) -> list[Finding]:
    """Top-level SHACL results for the resources ``data`` describes."""
    from pyshacl import validate as run

    merged = Graph()
    for triple in data:
        merged.add(triple)
    if profile == "healthdcat-ap":
        for triple in health_lists():
            merged.add(triple)
    _, report, _ = run(
        merged,
        shacl_graph=shapes_graph(profile),
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    described = set(data.subjects()) | {URIRef("urn:x-shacl:guard")}
    return sorted(
        finding(report, r) for r in top_level(report) if report.value(r, SH.focusNode) in described
    )


def top_level(report: Graph) -> list:
    """The results directly attached to the validation report."""
    reports = list(report.subjects(RDF.type, SH.ValidationReport))
    return [result for rep in reports for result in report.objects(rep, SH.result)]


def finding(report: Graph, result) -> Finding:
    """A result as a ``Finding``."""

    def text(predicate) -> str:
        value = report.value(result, predicate)
        return "" if value is None or isinstance(value, BNode) else str(value)

    severity = text(SH.resultSeverity).rsplit("#", 1)[-1]
    return Finding(
        severity,
        text(SH.focusNode),
        text(SH.resultPath),
        text(SH.resultMessage),
        text(SH.sourceShape),
    )
