"""The SHACL Core constraint components (W3C SHACL sections 4.1-4.8) as compiled checks.

Each builder returns ``check(data, focus, values)`` returning a list of ``(value, message)``,
one per violation (empty when the values conform); ``value`` is None where pySHACL reports no
value (sh:hasValue). Checks run only on non-empty value lists unless marked ``needs_empty``.
sh:minCount and sh:maxCount are compared inline by the engine.
"""

from __future__ import annotations

import datetime
import functools
import re
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import SH, XSD

from bigpicture.catalogue.validation.datagraph import IRI, RDF_TYPE, Lit

RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_PY_TYPES = {
    str(XSD.string): str,
    str(XSD.integer): int,
    str(XSD.float): float,
    str(XSD.decimal): Decimal,
    str(XSD.boolean): bool,
    str(XSD.date): datetime.date,
}


def term_key(value) -> tuple:
    """RDF term identity of one of our values (an IRI never equals a literal)."""
    if isinstance(value, IRI):
        return ("iri", str(value))
    if isinstance(value, Lit):
        return ("lit", value.lexical, value.datatype)
    return ("lit", str(value), None)


_NO_PO: dict = {}


def class_check(allowed: set[str]):
    allowed = frozenset(allowed)

    def ok(data, value) -> bool:
        if not isinstance(value, IRI):
            return False
        return any(t in allowed for t in data.spo.get(value, _NO_PO).get(RDF_TYPE, ()))

    def check(data, focus, values):
        return [(v, f"Value {v} is not of the expected kind") for v in values if not ok(data, v)]

    check.allowed = allowed
    return check


@functools.cache
def _typed_ok(lexical: str, datatype: str) -> bool:
    literal = Literal(lexical, datatype=URIRef(datatype))
    if getattr(literal, "ill_typed", None) is True:
        return False
    expected = _PY_TYPES.get(datatype)
    return expected is None or isinstance(literal.value, expected)


def _datatype_ok(value, rule: str) -> bool:
    if isinstance(value, IRI):
        return False
    if rule == RDFS + "Literal":
        return True
    if isinstance(value, Lit):
        if value.datatype == rule:
            return _typed_ok(value.lexical, rule)
        return rule == RDFS + "Datatype"
    return rule == str(XSD.string)


def datatype_check(rule: str):
    if rule == str(XSD.string):

        def check(data, focus, values):
            return [
                (v, f"Value {v} is not a literal of type {rule}")
                for v in values
                if type(v) is not str and not _datatype_ok(v, rule)
            ]

        return check

    def check(data, focus, values):
        return [
            (v, f"Value {v} is not a literal of type {rule}")
            for v in values
            if not _datatype_ok(v, rule)
        ]

    return check


_KINDS = {
    str(SH.IRI): (True, False),
    str(SH.BlankNode): (False, False),
    str(SH.Literal): (False, True),
    str(SH.BlankNodeOrIRI): (True, False),
    str(SH.BlankNodeOrLiteral): (False, True),
    str(SH.IRIOrLiteral): (True, True),
}


def node_kind_check(kind):
    iri_ok, literal_ok = _KINDS[str(kind)]

    def check(data, focus, values):
        return [
            (v, f"Value {v} is not of node kind {kind}")
            for v in values
            if not (iri_ok if isinstance(v, IRI) else literal_ok)
        ]

    return check


@functools.cache
def _in_range(lexical: str, datatype: str | None, bound: Literal, op: str) -> bool:
    """SHACL 4.3 value range, decided as pySHACL does (its literal comparison, including its
    treatment of strings and ill-typed literals), so that both engines agree."""
    from pyshacl.rdfutil.compare import compare_literal

    value = Literal(lexical, datatype=URIRef(datatype) if datatype else None)
    if isinstance(bound.value, str) != isinstance(value.value, str):
        return False
    try:
        cmp = compare_literal(value, bound)
    except (TypeError, NotImplementedError):
        return False
    return {"ge": cmp >= 0, "le": cmp <= 0, "gt": cmp > 0, "lt": cmp < 0}[op]


def compare(bound: Literal, op: str):
    def ok(value) -> bool:
        if isinstance(value, IRI):
            return False
        datatype = value.datatype if isinstance(value, Lit) else None
        return _in_range(str(value), datatype, bound, op)

    def check(data, focus, values):
        return [(v, f"Value {v} is out of range ({op} {bound})") for v in values if not ok(v)]

    return check


def length(n: int, minimum: bool):
    def bad(value) -> bool:
        size = len(str(value))
        return size < n if minimum else size > n

    def check(data, focus, values):
        return [(v, f"Value {v} has {len(str(v))} characters") for v in values if bad(v)]

    return check


def pattern(regex: str, flags):
    compiled = re.compile(regex, _flags(str(flags) if flags else ""))

    search = compiled.search

    def check(data, focus, values):
        return [
            (v, f"Value {v} does not match the pattern {regex}")
            for v in values
            if not search(str(v))
        ]

    return check


def _flags(text: str) -> int:
    table = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE}
    result = 0
    for letter in text:
        result |= table.get(letter, 0)
    return result


def in_check(members: list):
    allowed = frozenset(term_key(m) for m in members)
    shown = ", ".join(str(m) for m in members)

    def check(data, focus, values):
        return [
            (v, f"Value {v} is not one of: {shown}") for v in values if term_key(v) not in allowed
        ]

    return check


def has_value(expected):
    key = term_key(expected)

    def check(data, focus, values):
        if any(term_key(value) == key for value in values):
            return None
        return [(None, f"The value {expected} is missing")]

    check.needs_empty = True
    return check


def node_check(compiler, shape):
    def check(data, focus, values):
        conforms = compiler.engine.conforms
        return [
            (v, f"Value {v} does not conform to its shape")
            for v in values
            if not conforms(data, shape, v)
        ]

    return check


def not_check(compiler, shape):
    def check(data, focus, values):
        conforms = compiler.engine.conforms
        return [
            (v, f"Value {v} conforms to a shape it must not")
            for v in values
            if conforms(data, shape, v)
        ]

    return check


def logical(compiler, shapes, mode: str):
    def ok(data, value) -> bool:
        passed = sum(1 for shape in shapes if compiler.engine.conforms(data, shape, value))
        return {"and": passed == len(shapes), "or": passed >= 1, "xone": passed == 1}[mode]

    def check(data, focus, values):
        return [
            (v, f"Value {v} fails the sh:{mode} of its shapes") for v in values if not ok(data, v)
        ]

    return check
