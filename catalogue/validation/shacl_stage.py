"""Stage 4, SHACL: the generated shapes plus the hand-written rules, run by our engine over the
data graph built from the parsed XML, reported in plain words at the object's file and line.

Every result of the engine is a finding: the shapes themselves say what XML nil and the XSD
choices allow (``bigpicture.model.shaclgen``, ``shapes/rules``).
"""

from __future__ import annotations

import functools

from rdflib.namespace import SH

from bigpicture.catalogue.validation.datagraph import (
    RDF_TYPE,
    DataGraph,
    build_data_graph,
    object_graphs,
)
from bigpicture.catalogue.validation.objects import ObjectIndex
from bigpicture.catalogue.validation.rdf_mapping import superclasses
from bigpicture.catalogue.validation.report import Finding, Severity, Stage
from bigpicture.catalogue.validation.shacl_engine import Engine, ShaclResult, UnsupportedShape
from bigpicture.catalogue.validation.shacl_shapes import shapes_graph

SEVERITIES = {SH.Violation: Severity.ERROR, SH.Warning: Severity.WARNING, SH.Info: Severity.INFO}


@functools.cache
def engine() -> Engine:
    """The compiled shapes (built once per process)."""
    return Engine(shapes_graph(), superclasses())


def check_shacl(index: ObjectIndex, part: slice = slice(None)) -> list[Finding]:
    """Findings of the SHACL stage, object by object when the shapes allow it (then only for
    ``part`` of the objects, so that two processes can share the work)."""
    try:
        shapes = engine()
    except UnsupportedShape:
        return _with_pyshacl(index) if part.start in (None, 0) else []
    if shapes.local:
        graphs = object_graphs(index, part=part)
    elif part == slice(None):
        graphs = [build_data_graph(index)]
    else:
        return []  # non-local shapes: the whole graph is validated by the part that has it all
    findings: list[Finding] = []
    for graph in graphs:
        results: list[ShaclResult] = []
        if shapes.local:
            shapes.validate_by_class(graph, results)
        else:
            results = shapes.validate(graph)
        findings += (to_finding(graph, r) for r in results)
    return findings


def _with_pyshacl(index: ObjectIndex) -> list[Finding]:
    """The reference engine, for shapes that use a feature our engine lacks (slow but right)."""
    import pyshacl

    from bigpicture.catalogue.validation.datagraph import to_rdflib
    from bigpicture.catalogue.validation.shacl_engine import from_rdflib
    from bigpicture.catalogue.validation.shacl_shapes import ontology_graph

    graph = build_data_graph(index)
    _, report, _ = pyshacl.validate(
        to_rdflib(graph), shacl_graph=shapes_graph(), ont_graph=ontology_graph(), inference="none"
    )
    findings = []
    for node in report.objects(None, SH.result):
        value = report.value(node, SH.value)
        shape = report.value(node, SH.sourceShape)
        message = shapes_graph().value(shape, SH.message)  # the rule's own words only
        result = ShaclResult(
            from_rdflib(report.value(node, SH.focusNode)),
            report.value(node, SH.resultPath),
            None if value is None else from_rdflib(value),
            report.value(node, SH.sourceConstraintComponent),
            shape,
            report.value(node, SH.resultSeverity),
            str(message) if message is not None else None,
        )
        findings.append(to_finding(graph, result))
    return findings


def _local(term) -> str:
    text = str(term)
    return text.rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _value_text(value) -> str:
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "..."


_TEMPLATES = {
    "MinCount": ("{slot} is missing.", "Add {slot} (see the MetaFleX documentation of {cls})."),
    "MaxCount": ("{slot} is given too many times.", "Keep only one {slot}."),
    "Datatype": (
        "{slot} has the value '{value}', which is not of the expected type.",
        "Write the value in the form the model expects.",
    ),
    "In": (
        "{slot} has the value '{value}', which is not one of the allowed values.",
        "Use one of the values listed for {slot} in the model.",
    ),
    "Pattern": (
        "{slot} has the value '{value}', which does not have the expected form.",
        "Correct the value's format.",
    ),
    "Class": ("{slot} holds something of the wrong kind.", "Check the structure of {cls}."),
    "Or": ("{slot} holds something of the wrong kind.", "Check the structure of {cls}."),
    "NodeKind": ("{slot} holds a value of the wrong kind.", "Check the structure of {cls}."),
    "Closed": ("{slot} is not allowed on a {cls}.", "Remove it or move it where it belongs."),
}


def _plain(result: ShaclResult, cls: str) -> tuple[str, str]:
    component = _local(result.component).removesuffix("ConstraintComponent")
    slot = _local(result.path) if result.path is not None else cls
    message, hint = _TEMPLATES.get(
        component, ("{cls} does not meet the rule ({component}).", "See the message of the rule.")
    )
    values = {"slot": slot, "cls": cls, "value": _value_text(result.value), "component": component}
    return message.format(**values), hint.format(**values)


def _rule_name(result: ShaclResult, cls: str) -> str:
    """A stable rule id: ``shacl:<Class>.<slot>:<Component>``."""
    component = _local(result.component).removesuffix("ConstraintComponent")
    slot = f".{_local(result.path)}" if result.path is not None else ""
    return f"shacl:{cls}{slot}:{component}"


def to_finding(graph: DataGraph, result: ShaclResult) -> Finding:
    """A finding at the object and line the focus node comes from."""
    element = graph.origin.get(result.focus)
    obj = graph.owner(result.focus)
    types = graph.spo.get(result.focus, {}).get(RDF_TYPE, ())
    cls = _local(types[0]) if types else "object"
    message, hint = _plain(result, cls)
    message = result.message or message
    return Finding(
        SEVERITIES.get(result.severity, Severity.ERROR),
        Stage.SHACL,
        _rule_name(result, cls),
        message,
        file=obj.file if obj else None,
        line=element.sourceline if element is not None else None,
        object=obj.kind if obj else None,
        alias=obj.alias if obj else None,
        hint=hint,
    )
