"""Compiles a simple node shape into one straight-line Python function (the engine's hot path).

A node shape whose property shapes all have predicate paths and no nested shapes becomes a
function with one block per property shape: the value list is fetched once, cardinality is
compared inline, and the common value checks (sh:datatype xsd:string, sh:nodeKind, sh:class)
are first tried with a cheap type test; only a value failing that test goes through the
general check of :mod:`shacl_components`, which decides and words the result. The function
therefore reports exactly what the general engine reports, only sooner.
"""

from __future__ import annotations

from rdflib.namespace import SH, XSD

_QUICK_TESTS = {
    # component -> (test on one value x that is True when x surely conforms)
    "string": "type(x) is str",
    "literal": "type(x) is not IRI",
    "iri": "type(x) is IRI",
}


def _quick(component, shape_value) -> str | None:
    if component == SH.DatatypeConstraintComponent and shape_value == str(XSD.string):
        return _QUICK_TESTS["string"]
    if component == SH.NodeKindConstraintComponent:
        if shape_value == str(SH.Literal):
            return _QUICK_TESTS["literal"]
        if shape_value in (str(SH.IRI), str(SH.BlankNodeOrIRI)):
            return _QUICK_TESTS["iri"]
    return None


def _class_quick(check_name: str, allowed: frozenset, env: dict) -> str:
    env[f"A_{check_name}"] = allowed
    return f"type(x) is IRI and (data.spo.get(x, NO_PO).get(RDFT) or NO_TYPE)[0] in A_{check_name}"


def compile_node_shape(shape, quick_values: dict) -> object | None:
    """A function ``fast(engine, data, focus, out)`` for ``shape``, or None if not simple.

    ``quick_values`` maps id(check) -> the constraint's parameter (datatype or node kind IRI),
    recorded by the compiler when it built each check.
    """
    if shape.simple_properties is None or shape.checks:
        return None
    lines = ["def fast(engine, data, focus, out):", "    po = data.spo.get(focus, NO_PO)"]
    from bigpicture.catalogue.validation.datagraph import RDF_TYPE

    env: dict[str, object] = {
        "NO_PO": {},
        "EMPTY": (),
        "INF": float("inf"),
        "RDFT": RDF_TYPE,
        "NO_TYPE": (None,),
    }
    for n, (prop, predicate, low, high, checks) in enumerate(shape.simple_properties):
        env[f"P{n}"], env[f"S{n}"] = predicate, prop
        lines.append(f"    v = po.get(P{n}, EMPTY)")
        lines.append("    n = len(v)")
        if low > 0 or high != float("inf"):
            lines.append(f"    if n < {low} or n > {high if high != float('inf') else 'INF'}:")
            lines.append(f"        engine._counts(S{n}, focus, n, out)")
        for m, (component, check) in enumerate(checks):
            env[f"C{n}_{m}"], env[f"K{n}_{m}"] = check, component
            call = f"engine._emit(S{n}, focus, K{n}_{m}, C{n}_{m}(data, focus, v), out)"
            quick = _quick(component, quick_values.get(id(check)))
            if component == SH.ClassConstraintComponent:
                quick = _class_quick(f"{n}_{m}", check.allowed, env)
            guard = f"    if n or S{n}.check_empty:"
            if quick:
                lines += [
                    guard,
                    "        for x in v:",
                    f"            if not ({quick}):",
                    f"                {call}",
                    "                break",
                ]
            else:
                lines += [guard, f"        {call}"]
    if shape.closed is not None:
        env["CLOSED"] = shape.closed
        lines += [
            "    for p in po:",
            "        if p not in CLOSED:",
            "            engine._closed(data, SHAPE, (focus,), out)",
            "            break",
        ]
        env["SHAPE"] = shape
    from bigpicture.catalogue.validation.datagraph import IRI

    env["IRI"] = IRI
    exec(compile("\n".join(lines), f"<shape {shape.node}>", "exec"), env)  # noqa: S102
    return env["fast"]
