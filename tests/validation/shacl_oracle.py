"""pySHACL as the reference engine: its results as comparable keys (tests and benchmark)."""

from __future__ import annotations

import pyshacl
from rdflib import Graph
from rdflib.namespace import SH

from bigpicture.catalogue.validation.shacl_components import term_key
from bigpicture.catalogue.validation.shacl_engine import from_rdflib


def pyshacl_keys(data: Graph, shapes: Graph, ontology: Graph | None) -> set[tuple]:
    """(focus, path, value, component, source shape) of every pySHACL result."""
    _, results, _ = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", advanced=False
    )
    keys = set()
    for result in results.objects(None, SH.result):  # top level only, not sh:detail
        value = results.value(result, SH.value)
        keys.add(
            (
                str(results.value(result, SH.focusNode)),
                results.value(result, SH.resultPath),
                None if value is None else term_key(from_rdflib(value)),
                results.value(result, SH.sourceConstraintComponent),
                results.value(result, SH.sourceShape),
            )
        )
    return keys
