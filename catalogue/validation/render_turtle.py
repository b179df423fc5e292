"""The validation report as a SHACL validation report (W3C SHACL section 3.6), in Turtle.

Every finding, whatever its stage, is one sh:ValidationResult: the focus node is the object's
IRI (base + kind/alias) or, for a finding about a whole file, the file's IRI; the constraint
component is the finding's rule under the bpv: namespace; stage, file, line and hint are kept
with bpv: properties.
"""

from __future__ import annotations

from urllib.parse import quote

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, SH, XSD

from bigpicture.catalogue.validation.datagraph import DEFAULT_BASE
from bigpicture.catalogue.validation.report import Finding, Severity, ValidationReport

BPV = Namespace("https://w3id.org/bigpicture/metaflex/validation/")
_SEVERITY = {Severity.ERROR: SH.Violation, Severity.WARNING: SH.Warning, Severity.INFO: SH.Info}


def _focus(finding: Finding, base: str) -> URIRef:
    if finding.object and finding.alias:
        return URIRef(f"{base}{finding.object.lower()}/{quote(finding.alias, safe='')}")
    return URIRef(f"{base}file/{quote(finding.file or 'submission')}")


def _result(graph: Graph, finding: Finding, base: str) -> BNode:
    node = BNode()
    graph.add((node, RDF.type, SH.ValidationResult))
    graph.add((node, SH.focusNode, _focus(finding, base)))
    graph.add((node, SH.resultSeverity, _SEVERITY[finding.severity]))
    graph.add((node, SH.resultMessage, Literal(finding.message)))
    graph.add((node, SH.sourceConstraintComponent, BPV[quote(finding.rule, safe=":.")]))
    graph.add((node, BPV.stage, Literal(finding.stage.value)))
    if finding.file:
        graph.add((node, BPV.file, Literal(finding.file)))
    if finding.line:
        graph.add((node, BPV.line, Literal(finding.line, datatype=XSD.integer)))
    if finding.hint:
        graph.add((node, BPV.hint, Literal(finding.hint)))
    return node


def report_graph(report: ValidationReport, base: str = DEFAULT_BASE) -> Graph:
    """The sh:ValidationReport as an rdflib graph."""
    graph = Graph()
    graph.bind("sh", SH)
    graph.bind("bpv", BPV)
    root = BNode()
    graph.add((root, RDF.type, SH.ValidationReport))
    graph.add((root, SH.conforms, Literal(report.valid)))
    for finding in report.findings:
        graph.add((root, SH.result, _result(graph, finding, base)))
    return graph


def render_turtle(report: ValidationReport) -> str:
    """The report in Turtle."""
    return report_graph(report).serialize(format="turtle")
