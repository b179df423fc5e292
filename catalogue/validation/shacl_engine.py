"""A SHACL Core engine compiled to fast checks over a :class:`DataGraph` (W3C SHACL, section 4).

It implements the constraint components our shapes use — targets (4.1: targetClass with
rdfs:subClassOf, targetNode, targetSubjectsOf, targetObjectsOf), value type (4.1.1 class,
4.1.2 datatype, 4.1.3 nodeKind), cardinality (4.2), value range (4.3), string based (4.4
minLength, maxLength, pattern), logical (4.6 not, and, or, xone), shape-based (4.7 node,
property), other (4.8 closed, hasValue, in) — with predicate and inverse paths. A shape using
anything else raises :class:`UnsupportedShape`, so callers can fall back to pySHACL. Results
equal pySHACL's (focus node, path, value, source shape, constraint component, severity); a test
compares the two on a corpus of mutated submissions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, XSD

from bigpicture.catalogue.validation.datagraph import IRI, DataGraph, Lit
from bigpicture.catalogue.validation.shacl_codegen import compile_node_shape
from bigpicture.catalogue.validation.shacl_components import term_key

RDFS_LITERAL = "http://www.w3.org/2000/01/rdf-schema#Literal"
_XSD_STRING = str(XSD.string)

#: Shape properties that carry no constraint (descriptive or handled elsewhere).
_NON_VALIDATING = {
    SH.path,
    SH.description,
    SH.name,
    SH.order,
    SH.group,
    SH.message,
    SH.severity,
    SH.targetClass,
    SH.targetNode,
    SH.targetSubjectsOf,
    SH.targetObjectsOf,
    SH.deactivated,
    SH.ignoredProperties,
    SH.flags,
    SH.defaultValue,
    RDF.type,
    URIRef("http://www.w3.org/2000/01/rdf-schema#comment"),
    URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
}
_SUPPORTED = {
    SH["class"],
    SH.datatype,
    SH.nodeKind,
    SH.minCount,
    SH.maxCount,
    SH.minInclusive,
    SH.maxInclusive,
    SH.minExclusive,
    SH.maxExclusive,
    SH.minLength,
    SH.maxLength,
    SH.pattern,
    SH["not"],
    SH["and"],
    SH["or"],
    SH.xone,
    SH.node,
    SH.property,
    SH.closed,
    SH.hasValue,
    SH["in"],
}


class UnsupportedShape(Exception):
    """The shapes use a SHACL feature this engine does not implement."""


@dataclass(frozen=True)
class ShaclResult:
    """One validation result, as in sh:ValidationResult."""

    focus: object
    path: URIRef | None
    value: object | None
    component: URIRef
    source_shape: object
    severity: URIRef
    message: str | None
    """The shape's sh:message, if it has one."""
    detail: str = ""
    """A generic description of the violation."""

    def key(self) -> tuple:
        """What identifies a result when comparing engines."""
        value = None if self.value is None else term_key(self.value)
        return (str(self.focus), self.path, value, self.component, self.source_shape)


Check = Callable[[DataGraph, object, list], list | None]


@dataclass
class Shape:
    """A compiled node or property shape."""

    node: object
    path: tuple | None = None  # ("p", iri) or ("inv", iri)
    path_term: object = None
    severity: URIRef = SH.Violation
    message: str | None = None
    deactivated: bool = False
    checks: list[tuple[URIRef, Check]] = field(default_factory=list)
    min_count: int | None = None
    max_count: int | None = None
    check_empty: bool = False
    simple_properties: tuple | None = None
    """(shape, predicate, min, max, checks) per property shape, when all are simple."""
    fast: object | None = None
    """The shape compiled to one function (shacl_codegen), when it is simple."""
    properties: list[Shape] = field(default_factory=list)
    closed: frozenset[str] | None = None
    targets: list[tuple[str, object]] = field(default_factory=list)


def from_rdflib(value):
    """An rdflib term in our data-graph representation."""
    if isinstance(value, Literal):
        if value.datatype is None and value.language is None:
            return str(value)
        if value.language is not None:
            raise UnsupportedShape("language-tagged literals in shapes")
        return Lit(str(value), str(value.datatype))
    return IRI(str(value))


class ShapesCompiler:
    """Turns a shapes graph into :class:`Shape` objects (each shape node compiled once)."""

    def __init__(self, graph: Graph, superclasses: dict[str, frozenset[str]]) -> None:
        self.graph = graph
        self.superclasses = superclasses
        self.subclasses: dict[str, set[str]] = {}
        for cls, supers in superclasses.items():
            for sup in supers:
                self.subclasses.setdefault(sup, set()).add(cls)
        self.compiled: dict[object, Shape] = {}
        self.engine: Engine | None = None
        self.quick_values: dict[int, str] = {}

    def shapes_with_targets(self) -> list[Shape]:
        """Every shape that has a target, compiled."""
        nodes = set()
        for predicate in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf):
            nodes.update(self.graph.subjects(predicate, None))
        return [self.shape(node) for node in sorted(nodes, key=str)]

    def shape(self, node) -> Shape:
        if node in self.compiled:
            return self.compiled[node]
        g = self.graph
        shape = Shape(node)
        self.compiled[node] = shape
        path = g.value(node, SH.path)
        if path is not None:
            shape.path, shape.path_term = self._path(path), path
        severity = g.value(node, SH.severity)
        shape.severity = severity if severity is not None else SH.Violation
        message = g.value(node, SH.message)
        shape.message = str(message) if message is not None else None
        shape.deactivated = (
            bool(g.value(node, SH.deactivated))
            and str(g.value(node, SH.deactivated)).lower() == "true"
        )
        shape.targets = self._targets(node)
        for predicate in sorted(set(g.predicates(node, None))):
            if predicate in _NON_VALIDATING:
                continue
            if predicate not in _SUPPORTED:
                raise UnsupportedShape(f"{predicate} on {node}")
            self._compile(shape, predicate)
        shape.simple_properties = _flatten(shape)
        shape.fast = compile_node_shape(shape, self.quick_values)
        return shape

    def _path(self, path) -> tuple:
        if isinstance(path, URIRef):
            return ("p", str(path))
        inverse = self.graph.value(path, SH.inversePath)
        if isinstance(inverse, URIRef):
            return ("inv", str(inverse))
        raise UnsupportedShape(f"complex property path {path}")

    def _targets(self, node) -> list[tuple[str, object]]:
        g = self.graph
        targets: list[tuple[str, object]] = []
        for cls in g.objects(node, SH.targetClass):
            targets.append(("class", str(cls)))
        for value in g.objects(node, SH.targetNode):
            targets.append(("node", from_rdflib(value)))
        for p in g.objects(node, SH.targetSubjectsOf):
            targets.append(("subjectsOf", str(p)))
        for p in g.objects(node, SH.targetObjectsOf):
            targets.append(("objectsOf", str(p)))
        return targets

    def _list(self, node) -> list:
        return list(Collection(self.graph, node))

    def _compile(self, shape: Shape, predicate) -> None:
        g = self.graph
        for value in g.objects(shape.node, predicate):
            if predicate == SH.property:
                shape.properties.append(self.shape(value))
            elif predicate == SH.closed:
                if str(value).lower() == "true":
                    shape.closed = self._closed_allowed(shape.node)
            elif predicate == SH.minCount:
                shape.min_count = max(shape.min_count or 0, int(value))
            elif predicate == SH.maxCount:
                shape.max_count = min(shape.max_count or int(value), int(value))
            else:
                component, check = self._check(predicate, value)
                shape.checks.append((component, check))
                self.quick_values[id(check)] = str(value)
                shape.check_empty |= getattr(check, "needs_empty", False)

    def _closed_allowed(self, node) -> frozenset[str]:
        allowed = {
            str(p)
            for prop in self.graph.objects(node, SH.property)
            for p in self.graph.objects(prop, SH.path)
            if isinstance(p, URIRef)
        }
        for ignored in self.graph.objects(node, SH.ignoredProperties):
            allowed.update(str(p) for p in self._list(ignored))
        return frozenset(allowed)

    def _check(self, predicate, value) -> tuple[URIRef, Check]:
        from bigpicture.catalogue.validation import shacl_components as c

        builders = {
            SH["class"]: lambda: (
                SH.ClassConstraintComponent,
                c.class_check(self.subclasses.get(str(value), set()) | {str(value)}),
            ),
            SH.datatype: lambda: (SH.DatatypeConstraintComponent, c.datatype_check(str(value))),
            SH.nodeKind: lambda: (SH.NodeKindConstraintComponent, c.node_kind_check(value)),
            SH.minInclusive: lambda: (SH.MinInclusiveConstraintComponent, c.compare(value, "ge")),
            SH.maxInclusive: lambda: (SH.MaxInclusiveConstraintComponent, c.compare(value, "le")),
            SH.minExclusive: lambda: (SH.MinExclusiveConstraintComponent, c.compare(value, "gt")),
            SH.maxExclusive: lambda: (SH.MaxExclusiveConstraintComponent, c.compare(value, "lt")),
            SH.minLength: lambda: (SH.MinLengthConstraintComponent, c.length(int(value), True)),
            SH.maxLength: lambda: (SH.MaxLengthConstraintComponent, c.length(int(value), False)),
            SH.pattern: lambda: (
                SH.PatternConstraintComponent,
                c.pattern(str(value), self.graph.value(self._owner(predicate, value), SH.flags)),
            ),
            SH["in"]: lambda: (
                SH.InConstraintComponent,
                c.in_check([from_rdflib(v) for v in self._list(value)]),
            ),
            SH.hasValue: lambda: (SH.HasValueConstraintComponent, c.has_value(from_rdflib(value))),
            SH.node: lambda: (SH.NodeConstraintComponent, c.node_check(self, self.shape(value))),
            SH["not"]: lambda: (SH.NotConstraintComponent, c.not_check(self, self.shape(value))),
            SH["and"]: lambda: (
                SH.AndConstraintComponent,
                c.logical(self, [self.shape(v) for v in self._list(value)], "and"),
            ),
            SH["or"]: lambda: (
                SH.OrConstraintComponent,
                c.logical(self, [self.shape(v) for v in self._list(value)], "or"),
            ),
            SH.xone: lambda: (
                SH.XoneConstraintComponent,
                c.logical(self, [self.shape(v) for v in self._list(value)], "xone"),
            ),
        }
        return builders[predicate]()

    def _owner(self, predicate, value):
        return next(iter(self.graph.subjects(predicate, value)))


def _flatten(shape: Shape) -> tuple | None:
    """The flat form of a node shape's property shapes, or None if one is not simple."""
    if shape.path is not None:
        return None
    flat = []
    for prop in shape.properties:
        if prop.path is None or prop.path[0] != "p" or prop.properties or prop.closed:
            return None
        if prop.deactivated:
            continue
        low = prop.min_count if prop.min_count is not None else 0
        high = prop.max_count if prop.max_count is not None else float("inf")
        flat.append((prop, prop.path[1], low, high, tuple(prop.checks)))
    return tuple(flat)


class Engine:
    """Validates data graphs against compiled shapes."""

    def __init__(self, shapes: Graph, superclasses: dict[str, frozenset[str]]) -> None:
        self.compiler = ShapesCompiler(shapes, superclasses)
        self.compiler.engine = self
        self.shapes = self.compiler.shapes_with_targets()
        self.by_class: dict[str, list[Shape]] = {}
        self.local = True
        """True when every target is a class: objects can then be validated one by one."""
        for shape in self.shapes:
            for kind, value in shape.targets:
                if kind != "class":
                    self.local = False
                    continue
                for cls in self.compiler.subclasses.get(value, set()) | {value}:
                    shapes = self.by_class.setdefault(cls, [])
                    if shape not in shapes:
                        shapes.append(shape)
        for shape in self.shapes:
            if shape.path is not None and shape.path[0] == "inv":
                self.local = False

    def validate(self, data: DataGraph) -> list[ShaclResult]:
        """Every result of every targeted shape."""
        results: list[ShaclResult] = []
        for shape in self.shapes:
            if shape.deactivated:
                continue
            for focus in self.focus_nodes(data, shape):
                self.validate_focus(data, shape, focus, results)
        return results

    def validate_by_class(self, data: DataGraph, results: list[ShaclResult]) -> None:
        """Same results as :meth:`validate` when :attr:`local` (class targets only)."""
        by_class = self.by_class
        for cls, nodes in data.instances.items():
            for shape in by_class.get(cls, ()):
                if not shape.deactivated:
                    for focus in nodes:
                        self.validate_focus(data, shape, focus, results)

    def focus_nodes(self, data: DataGraph, shape: Shape) -> Iterable:
        seen: dict = {}
        for kind, value in shape.targets:
            if kind == "class":
                for cls in self.compiler.subclasses.get(value, set()) | {value}:
                    seen.update(dict.fromkeys(data.instances.get(cls, ())))
            elif kind == "node":
                seen[value] = None
            elif kind == "subjectsOf":
                seen.update(dict.fromkeys(s for s, po in data.spo.items() if value in po))
            else:
                seen.update(dict.fromkeys(o for po in data.spo.values() for o in po.get(value, ())))
        return seen

    def validate_focus(self, data: DataGraph, shape: Shape, focus, out: list) -> None:
        """Append to ``out`` the results of ``focus`` against ``shape`` (hot path)."""
        if shape.fast is not None:
            shape.fast(self, data, focus, out)
            return
        if shape.path is None and shape.simple_properties is not None:
            self._simple_node_shape(data, shape, focus, out)
            return
        values = value_nodes(data, shape, focus)
        count = len(values)
        if shape.min_count is not None and count < shape.min_count:
            out.append(
                self._result(
                    shape,
                    focus,
                    None,
                    SH.MinCountConstraintComponent,
                    f"At least {shape.min_count} value(s) needed, found {count}",
                )
            )
        if shape.max_count is not None and count > shape.max_count:
            out.append(
                self._result(
                    shape,
                    focus,
                    None,
                    SH.MaxCountConstraintComponent,
                    f"At most {shape.max_count} value(s) allowed, found {count}",
                )
            )
        if count or shape.check_empty:
            for component, check in shape.checks:
                bad = check(data, focus, values)
                if bad:
                    for value, message in bad:
                        out.append(self._result(shape, focus, value, component, message))
        for prop in shape.properties:
            if not prop.deactivated:
                for value in values:
                    self.validate_focus(data, prop, value, out)
        if shape.closed is not None:
            self._closed(data, shape, values, out)

    def _simple_node_shape(self, data: DataGraph, shape: Shape, focus, out: list) -> None:
        """A node shape whose property shapes have predicate paths and no nested shapes:
        the same checks as :meth:`validate_focus`, flattened into one loop."""
        for component, check in shape.checks:
            bad = check(data, focus, (focus,))
            if bad:
                for value, message in bad:
                    out.append(self._result(shape, focus, value, component, message))
        po = data.spo.get(focus, _NO_PO)
        for prop, predicate, low, high, checks in shape.simple_properties:
            values = po.get(predicate, _EMPTY)
            count = len(values)
            if count < low or count > high:
                self._counts(prop, focus, count, out)
            if checks and (count or prop.check_empty):
                for component, check in checks:
                    bad = check(data, focus, values)
                    if bad:
                        for value, message in bad:
                            out.append(self._result(prop, focus, value, component, message))
        if shape.closed is not None:
            closed = shape.closed
            if any(predicate not in closed for predicate in po):
                self._closed(data, shape, (focus,), out)

    def _emit(self, prop: Shape, focus, component, bad, out: list) -> None:
        if bad:
            for value, message in bad:
                out.append(self._result(prop, focus, value, component, message))

    def _counts(self, prop: Shape, focus, count: int, out: list) -> None:
        if prop.min_count is not None and count < prop.min_count:
            out.append(
                self._result(
                    prop,
                    focus,
                    None,
                    SH.MinCountConstraintComponent,
                    f"At least {prop.min_count} value(s) needed, found {count}",
                )
            )
        if prop.max_count is not None and count > prop.max_count:
            out.append(
                self._result(
                    prop,
                    focus,
                    None,
                    SH.MaxCountConstraintComponent,
                    f"At most {prop.max_count} value(s) allowed, found {count}",
                )
            )

    @staticmethod
    def _result(shape: Shape, focus, value, component, detail: str) -> ShaclResult:
        return ShaclResult(
            focus,
            shape.path_term if shape.path is not None else None,
            value,
            component,
            shape.node,
            shape.severity,
            shape.message,
            detail,
        )

    def _closed(self, data: DataGraph, shape: Shape, values, out: list) -> None:
        for value in values:
            for predicate, objects in data.spo.get(value, _NO_PO).items():
                if predicate not in shape.closed:
                    for obj in objects:
                        out.append(
                            ShaclResult(
                                value,
                                URIRef(predicate),
                                obj,
                                SH.ClosedConstraintComponent,
                                shape.node,
                                shape.severity,
                                shape.message,
                                f"{predicate} is not allowed here",
                            )
                        )

    def conforms(self, data: DataGraph, shape: Shape, focus) -> bool:
        """Whether ``focus`` conforms to ``shape`` (used by sh:node, sh:not, sh:or...)."""
        found: list[ShaclResult] = []
        self.validate_focus(data, shape, focus, found)
        return not found


_NO_PO: dict = {}
_EMPTY: tuple = ()


def value_nodes(data: DataGraph, shape: Shape, focus):
    """The value nodes of ``focus`` for ``shape`` (the focus itself for a node shape)."""
    if shape.path is None:
        return (focus,)
    kind, predicate = shape.path
    if kind == "p":
        return data.spo.get(focus, _NO_PO).get(predicate, _EMPTY)
    return [s for s, po in data.spo.items() if focus in po.get(predicate, _EMPTY)]
