"""Model objects <-> RDF, with the slot and class IRIs of the model (``bp:`` namespace).

Conventions (shared with the validation data graph):

- an object is ``<base><kind>/<alias>`` (its ``id`` under the base; kind = lower-case element
  name, alias percent-encoded), typed with its class ``bp:<Class>``;
- every slot is ``bp:<slot>``; a nested object (reference, file, attribute, coded value, typed
  profile value) is a node ``<parent>/<slot>/<n>``, numbered from 0 in list order, so the order
  of lists survives the round trip;
- strings are plain literals, decimals ``xsd:decimal``, URI slots IRIs, enum values the IRI of
  their meaning when the model gives one, else plain literals; a nil value has no triple and an
  empty list (e.g. an empty ``ATTRIBUTES``, as opposed to a nil one) is ``rdf:nil``.

The TAG-profile slots (species, sex, organ, stain …) are written as well, so queries need not
decode attributes. N-Triples are produced directly (fast enough for 45,000-image submissions);
Turtle and JSON-LD go through pyoxigraph.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from typing import BinaryIO, NamedTuple

from pydantic import BaseModel

from bigpicture.model.generated.metaflex import Submission
from bigpicture.model.io_layout import BP, ClassLayout, layouts
from bigpicture.model.xml_io import SUBMISSION_SLOTS, iter_objects, object_kinds

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDF_NIL = "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil"
XSD_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_TRAILING_INDEX = re.compile(r"/(\d+)$")


class IRI(str):
    """An IRI term."""

    __slots__ = ()


class Literal(NamedTuple):
    """A typed literal (plain string literals are bare ``str``)."""

    lexical: str
    datatype: str


Term = IRI | Literal | str


# --- objects -> triples ----------------------------------------------------------------------


def check_base(base: str) -> str:
    """``base`` if it can prefix object IRIs (absolute, ending in ``/``), else ValueError."""
    if "://" not in base or not base.endswith("/"):
        raise ValueError(f"base IRI {base!r} must be absolute and end with '/'")
    return base


def object_iri(obj: BaseModel, base: str) -> IRI:
    """The IRI of a top-level object: ``base`` + its ``id`` (unless ``id`` is absolute)."""
    return IRI(obj.id if "://" in obj.id else base + obj.id)


def triples(submission: Submission, base: str) -> Iterator[tuple[IRI, IRI, Term]]:
    """Every triple of a submission."""
    check_base(base)
    for obj in iter_objects(submission):
        yield from node_triples(object_iri(obj, base), obj)


def node_triples(node: IRI, obj: BaseModel) -> Iterator[tuple[IRI, IRI, Term]]:
    """The triples of one object or nested node, recursively."""
    layout = layouts()[type(obj).__name__]
    yield node, IRI(RDF_TYPE), IRI(layout.iri)
    for slot, value in obj:
        if value is None or slot == "id":
            continue
        predicate = IRI(BP + slot)
        if isinstance(value, list):
            if not value:
                yield node, predicate, IRI(RDF_NIL)
            for index, item in enumerate(value):
                yield from _value_triples(node, predicate, slot, index, item, layout)
        else:
            yield from _value_triples(node, predicate, slot, 0, value, layout)


def _value_triples(node: IRI, predicate: IRI, slot: str, index: int, value, layout: ClassLayout):
    if isinstance(value, BaseModel):
        inner = IRI(f"{node}/{slot}/{index}")
        yield node, predicate, inner
        yield from node_triples(inner, value)
    else:
        yield node, predicate, _term(value, _rdf_fields(layout.name).get(slot))


def _term(value, field) -> Term:
    if isinstance(value, Decimal):
        return Literal(format(value, "f"), XSD_DECIMAL)
    if field is not None:
        kind, meanings = field
        if kind == "uri":
            return IRI(value)
        if value in meanings:
            return IRI(meanings[value])
    return str(value)


_FIELDS: dict[str, dict[str, tuple[str, dict]]] = {}


def _rdf_fields(class_name: str) -> dict[str, tuple[str, dict]]:
    """Slot -> (datatype, enum meanings) of the scalar slots that need more than a string."""
    found = _FIELDS.get(class_name)
    if found is None:
        layout = layouts()[class_name]
        found = {
            f.slot: (f.datatype, dict(f.meanings))
            for f in (*layout.attributes, *layout.children)
            if f.datatype == "uri" or f.meanings
        }
        found.update({p.slot: ("enum", dict(p.meanings)) for p in layout.profile if p.meanings})
        _FIELDS[class_name] = found
    return found


def to_ntriples(submission: Submission, base: str) -> bytes:
    """The submission as N-Triples (UTF-8), written directly as text for speed."""
    buffer = io.BytesIO()
    write_ntriples(submission, base, buffer)
    return buffer.getvalue()


def write_ntriples(submission: Submission, base: str, stream: BinaryIO) -> None:
    """Write the submission as N-Triples to a binary stream, one object at a time."""
    check_base(base)
    for obj in iter_objects(submission):
        lines: list[str] = []
        _nt_node(f"<{object_iri(obj, base)}>", obj, lines)
        stream.write("".join(lines).encode("utf-8"))


def _nt_node(node: str, obj: BaseModel, lines: list[str]) -> None:
    """N-Triples lines of one node (``node`` is ``<iri>``), the same triples as node_triples."""
    name = obj.__class__.__name__
    append = lines.append
    append(f"{node} <{RDF_TYPE}> <{BP}{name}> .\n")
    fields = _FIELDS.get(name) or _rdf_fields(name)
    for slot, value in obj.__dict__.items():
        if value is None or slot == "id":
            continue
        head = f"{node} <{BP}{slot}> "
        kind = value.__class__
        if kind is str and slot not in fields:  # the common case, inline
            append(f'{head}"{value.translate(_ESCAPES)}" .\n')
        elif kind is list:
            if not value:
                append(f"{head}<{RDF_NIL}> .\n")
            for index, item in enumerate(value):
                _nt_value(node, head, slot, index, item, fields, lines)
        else:
            _nt_value(node, head, slot, 0, value, fields, lines)


def _nt_value(node: str, head: str, slot: str, index: int, value, fields, lines) -> None:
    if isinstance(value, BaseModel):
        inner = f"{node[:-1]}/{slot}/{index}>"
        lines.append(f"{head}{inner} .\n")
        _nt_node(inner, value, lines)
    elif value.__class__ is str and slot not in fields:
        lines.append(f'{head}"{value.translate(_ESCAPES)}" .\n')
    else:
        lines.append(f"{head}{_nt(_term(value, fields.get(slot)))} .\n")


def ntriples_lines(found) -> Iterator[str]:
    """N-Triples lines of (subject, predicate, object) terms."""
    for subject, predicate, value in found:
        yield f"<{subject}> <{predicate}> {_nt(value)} .\n"


def _nt(value: Term) -> str:
    if isinstance(value, IRI):
        return f"<{value}>"
    if isinstance(value, Literal):
        return f'"{value.lexical.translate(_ESCAPES)}"^^<{value.datatype}>'
    return f'"{value.translate(_ESCAPES)}"'


def serialize(submission: Submission, base: str, media_type: str = "text/turtle") -> bytes:
    """The submission in an RDF syntax named by media type (Turtle, JSON-LD, RDF/XML …)."""
    import pyoxigraph as ox

    rdf_format = ox.RdfFormat.from_media_type(media_type)
    if rdf_format is None:
        raise ValueError(f"unknown RDF media type {media_type!r}")
    parsed = ox.parse(to_ntriples(submission, base), format=ox.RdfFormat.N_TRIPLES)
    return ox.serialize(parsed, format=rdf_format, prefixes={"bp": BP})


def to_graph(submission: Submission, base: str):
    """The submission as an rdflib Graph (for pySHACL and tests; slower than N-Triples)."""
    from rdflib import Graph

    return Graph().parse(data=to_ntriples(submission, base), format="nt")


# --- triples -> objects ----------------------------------------------------------------------


def from_graph(graph, base: str) -> Submission:
    """The submission of an rdflib Graph such as :func:`to_graph` gives."""
    from rdflib import Literal as RdflibLiteral
    from rdflib import URIRef

    def term(value) -> Term:
        if isinstance(value, URIRef):
            return IRI(value)
        if isinstance(value, RdflibLiteral) and value.datatype is not None:
            return Literal(str(value), str(value.datatype))
        if isinstance(value, RdflibLiteral):
            return str(value)
        raise ValueError(f"blank nodes are not part of the model's RDF: {value}")

    return from_triples(((str(s), str(p), term(o)) for s, p, o in graph), base)


def from_ntriples(data: bytes, base: str) -> Submission:
    """The submission of N-Triples written by :func:`to_ntriples` (or any graph like it)."""
    import pyoxigraph as ox

    found = []
    for triple in ox.parse(data, format=ox.RdfFormat.N_TRIPLES):
        found.append((triple.subject.value, triple.predicate.value, _from_ox(triple.object, ox)))
    return from_triples(found, base)


def _from_ox(term, ox) -> Term:
    if isinstance(term, ox.NamedNode):
        return IRI(term.value)
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            return term.value
        return Literal(term.value, datatype)
    raise ValueError(f"blank nodes are not part of the model's RDF: {term}")


def from_triples(found, base: str) -> Submission:
    """The submission of (subject, predicate, object) terms (see :func:`triples`)."""
    check_base(base)
    graph: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for subject, predicate, value in found:
        graph[str(subject)][str(predicate)].append(value)
    classes = {layout.iri: name for name, layout in layouts().items()}
    grouped: dict[str, list] = defaultdict(list)
    kinds = {layout.name: element for element, layout in object_kinds().items()}
    for subject, properties in graph.items():
        name = _class_of(properties, classes)
        if name in kinds and subject.startswith(base) and subject.count("/", len(base)) == 1:
            obj = _build(subject, name, graph, classes, base)
            grouped[SUBMISSION_SLOTS[kinds[name]]].append(obj)
    return Submission(**{slot: _in_order(grouped.get(slot)) for slot in SUBMISSION_SLOTS.values()})


def _in_order(objects: list | None) -> list | None:
    return sorted(objects, key=lambda obj: obj.id) if objects else None


def _class_of(properties: dict[str, list], classes: dict[str, str]) -> str | None:
    for value in properties.get(RDF_TYPE, ()):
        if value in classes:
            return classes[value]
    return None


def _build(subject: str, name: str, graph, classes, base: str | None = None) -> BaseModel:
    layout = layouts()[name]
    values: dict[str, object] = {}
    fields = layout.cls.model_fields
    reverse = {slot: {iri: text for text, iri in meanings.items()}
               for slot, (_, meanings) in _rdf_fields(name).items()}  # fmt: skip
    for predicate, objects in graph[subject].items():
        if not predicate.startswith(BP):
            continue
        slot = predicate[len(BP) :]
        if slot not in fields:
            continue
        items = [_value(v, graph, classes, reverse.get(slot, {})) for v in _ordered(objects)]
        values[slot] = [] if items == [RDF_NIL] else items if _is_list(fields[slot]) else items[0]
    if base is not None:
        values["id"] = subject[len(base) :]
    return layout.cls.model_validate(values)


def _ordered(objects: list) -> list:
    def key(value):
        match = _TRAILING_INDEX.search(value) if isinstance(value, IRI) else None
        return (0, int(match[1])) if match else (1, 0)

    return sorted(objects, key=key)


def _value(value: Term, graph, classes, reverse: dict[str, str]):
    if isinstance(value, IRI):
        if value == RDF_NIL:
            return RDF_NIL
        name = _class_of(graph.get(value, {}), classes) if value in graph else None
        if name is not None:
            return _build(value, name, graph, classes)
        return reverse.get(value, str(value))
    if isinstance(value, Literal):
        return Decimal(value.lexical) if value.datatype == XSD_DECIMAL else value.lexical
    return value


def _is_list(field) -> bool:
    return "list[" in str(field.annotation)
