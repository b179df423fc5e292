"""The RDF data graph of a submission, built straight from the parsed XML into a light index.

Object IRIs follow the model I/O contract: base + ``<kind>/<alias>`` with the lower-case
element name as kind; nested nodes (references, files, attributes, coded values) get IRIs
below their object's. Terms are plain Python values so that a 45,000-image submission
(millions of triples) is built in seconds: :class:`IRI` for nodes, ``str`` for plain
literals and :class:`Lit` for typed ones. :func:`to_rdflib` gives the same graph as rdflib
for pySHACL and Turtle output.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote

from lxml import etree

from bigpicture.catalogue.validation.kinds import KINDS
from bigpicture.catalogue.validation.objects import MetaObject, ObjectIndex
from bigpicture.catalogue.validation.rdf_mapping import (
    BP,
    IRI_VALUE,
    PLAIN,
    ChildRule,
    ClassRule,
    class_rules,
)

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDF_NIL = "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil"
XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"
DEFAULT_BASE = "https://catalogue.bigpicture.invalid/"


class IRI(str):
    """An IRI node (a ``str`` that knows it is not a literal)."""

    __slots__ = ()


RDF_NIL_IRI = IRI(RDF_NIL)


@dataclass(frozen=True, slots=True)
class Lit:
    """A typed literal (plain xsd:string literals are bare ``str``)."""

    lexical: str
    datatype: str

    def __str__(self) -> str:
        return self.lexical


class DataGraph:
    """Subject -> predicate -> objects, plus an rdf:type index and each node's origin."""

    def __init__(self) -> None:
        self.spo: dict[IRI, dict[str, list]] = {}
        self.instances: dict[str, list[IRI]] = defaultdict(list)
        self.origin: dict[IRI, etree._Element] = {}
        self.objects: dict[IRI, MetaObject] = {}
        """Object IRI -> object; a nested node belongs to the object whose IRI prefixes it."""

    def __len__(self) -> int:
        return sum(len(v) for po in self.spo.values() for v in po.values())

    def owner(self, node: IRI) -> MetaObject | None:
        """The object a node belongs to (itself or the object its IRI lies under)."""
        found = self.objects.get(node)
        while found is None and "/" in node:
            node = IRI(node.rsplit("/", 2)[0])
            found = self.objects.get(node)
        return found


def object_iri(base: str, kind: str, alias: str | None, line: int) -> IRI:
    """The IRI of an object: base + kind/alias (alias percent-encoded)."""
    name = quote(alias, safe="") if alias else f"_line{line}"
    return IRI(f"{base}{KINDS[kind].iri_segment}/{name}")


def _is_nil(element: etree._Element) -> bool:
    return element.get(XSI_NIL) in ("true", "1")


class _Builder:
    """Walks the XML of one object and writes its nodes (hot loop: kept flat on purpose)."""

    def __init__(self) -> None:
        self.rules = class_rules()
        self.class_iris = {name: IRI(BP + name) for name in self.rules}

    def node(self, graph: DataGraph, node: IRI, element, cls: str, obj: MetaObject) -> None:
        rule = self.rules[cls]
        class_iri = self.class_iris[cls]
        po: dict[str, list] = {RDF_TYPE: [class_iri]}
        graph.spo[node] = po
        graph.instances[class_iri].append(node)
        graph.origin[node] = element
        for xml_name, slot, datatype in rule.attributes:
            value = element.get(xml_name)
            if value is not None:
                po[slot] = [value if datatype == PLAIN else _literal(value, datatype)]
        counts: dict[str, int] = {}
        children, direct = rule.children, rule.direct_items
        for child in element:
            child_rule = children.get(child.tag)
            if child_rule is not None:
                if not (child_rule.nillable and _is_nil(child)):
                    self.child(graph, node, po, child, child_rule, obj, counts)
                continue
            item = direct.get(child.tag)
            if item is not None:
                self.item(graph, node, po, item[0], child, item[1], obj, counts)
        for slot in rule.held:  # no item held: an empty list (model I/O: rdf:nil)
            if slot not in po:
                po[slot] = [RDF_NIL_IRI]
        if rule.profiles:
            self.profiles(graph, node, po, element, rule, obj)

    def child(self, graph, node, po, child, child_rule: ChildRule, obj, counts) -> None:
        mode = child_rule.mode
        if mode == "literal":
            text = child.text or ""
            meaning = child_rule.meanings.get(text) if child_rule.meanings else None
            value = IRI(meaning) if meaning else _literal(text, child_rule.datatype)
            values = po.setdefault(child_rule.slot, [])
            if value not in values:  # an RDF graph is a set: a repeated value is one triple
                values.append(value)
        elif mode == "node":
            self.item(graph, node, po, child_rule.slot, child, child_rule.node_class, obj, counts)
        elif mode == "enum_element":
            values = po.setdefault(child_rule.slot, [])
            for value in child.iterchildren(tag=etree.Element):
                meaning = child_rule.meanings.get(value.tag)
                term = IRI(meaning) if meaning else value.tag
                if term not in values:
                    values.append(term)
        else:
            items = child_rule.items
            empty = True
            for item in child:
                cls = items.get(item.tag)
                if cls is not None:
                    empty = False
                    self.item(graph, node, po, child_rule.slot, item, cls, obj, counts)
            if empty:  # an empty list, as opposed to a nil one (model I/O: rdf:nil)
                po.setdefault(child_rule.slot, []).append(RDF_NIL_IRI)

    def item(self, graph, node, po, slot, element, cls, obj, counts) -> None:
        number = counts.get(slot, 0)
        counts[slot] = number + 1
        inner = IRI(f"{node}/{slot[_BP_LEN:]}/{number}")
        po.setdefault(slot, []).append(inner)
        self.node(graph, inner, element, cls, obj)

    def profiles(self, graph, node, po, element, rule: ClassRule, obj) -> None:
        holder = element.find("ATTRIBUTES")
        attributes = holder if holder is not None else element
        by_tag: dict[str, list] = defaultdict(list)
        for attribute in attributes.iterchildren(tag=etree.Element):
            tag = attribute.findtext("TAG")
            if tag:
                by_tag[tag].append(attribute)
        for profile in rule.profiles:
            for number, attribute in enumerate(by_tag.get(profile.tag, ())):
                self.profile_value(graph, node, po, profile, attribute, number, obj)

    def profile_value(self, graph, node, po, profile, attribute, number, obj) -> None:
        value = attribute.find("VALUE")
        kind = attribute.tag
        if value is None or _is_nil(value) or kind not in _PROFILE_ELEMENTS[profile.kind]:
            return  # a reading of the wrong type is left out (vocabulary stage: tag-wrong-type)
        if kind == "STRING_ATTRIBUTE":
            meaning = profile.meanings.get(value.text or "")
            term = IRI(meaning) if meaning else value.text or ""
            values = po.setdefault(profile.slot, [])
            if term not in values:
                values.append(term)
        elif kind in ("CODE_ATTRIBUTE", "SET_ATTRIBUTE") and profile.node_class:
            inner = IRI(f"{node}/{profile.slot[_BP_LEN:]}/{number}")
            po.setdefault(profile.slot, []).append(inner)
            if kind == "CODE_ATTRIBUTE":
                self.node(graph, inner, value, "CodedValue", obj)
            else:
                self.node(graph, inner, value, profile.node_class, obj)
        elif kind in ("NUMERIC_ATTRIBUTE", "MEASUREMENT_ATTRIBUTE"):
            po.setdefault(profile.slot, []).append((value.text or "").strip())


_BP_LEN = len(BP)
#: Attribute elements that give a typed reading of each profile kind (FORMAT.md section 7).
_PROFILE_ELEMENTS = {
    "code": ("CODE_ATTRIBUTE",),
    "string": ("STRING_ATTRIBUTE",),
    "set": ("SET_ATTRIBUTE",),
    "string_or_code": ("STRING_ATTRIBUTE", "CODE_ATTRIBUTE"),
}


def _literal(text: str, datatype: str):
    if datatype == PLAIN:
        return text
    if datatype == IRI_VALUE:
        return IRI(text.strip())
    return Lit(text.strip(), datatype)


def object_graphs(
    index: ObjectIndex, base: str = DEFAULT_BASE, part: slice = slice(None)
) -> Iterator[DataGraph]:
    """One small data graph per object of ``part`` of the objects (the first object of a
    duplicated alias only).

    Objects share no node (references are inlined Reference nodes), so the union of these
    graphs is the whole data graph; a stage can validate them one by one in little memory.
    """
    builder = _Builder()
    for obj in index.objects[part]:
        if not index.is_first(obj):
            continue
        node = object_iri(base, obj.kind, obj.alias, obj.line)
        graph = DataGraph()
        graph.objects[node] = obj
        builder.node(graph, node, obj.element, KINDS[obj.kind].model_class, obj)
        yield graph


def build_data_graph(index: ObjectIndex, base: str = DEFAULT_BASE) -> DataGraph:
    """The whole data graph of ``index`` in one :class:`DataGraph`."""
    whole = DataGraph()
    for graph in object_graphs(index, base):
        whole.spo.update(graph.spo)
        whole.origin.update(graph.origin)
        whole.objects.update(graph.objects)
        for cls, nodes in graph.instances.items():
            whole.instances[cls].extend(nodes)
    return whole


#: N-Triples escapes of a literal's characters (W3C N-Triples, ECHAR).
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def ntriples(graph: DataGraph) -> str:
    """The graph as N-Triples (hot loop: one f-string per triple)."""
    lines: list[str] = []
    append = lines.append
    for subject, po in graph.spo.items():
        start = f"<{subject}> <"
        for predicate, values in po.items():
            head = f"{start}{predicate}> "
            for value in values:
                kind = value.__class__
                if kind is IRI:
                    append(f"{head}<{value}> .\n")
                elif kind is Lit:
                    append(f'{head}"{value.lexical.translate(_ESCAPES)}"^^<{value.datatype}> .\n')
                else:
                    append(f'{head}"{value.translate(_ESCAPES)}" .\n')
    return "".join(lines)


def to_rdflib(graph: DataGraph):
    """The same graph as an rdflib.Graph (for pySHACL, Turtle and tests)."""
    from rdflib import Graph, Literal, URIRef

    result = Graph()
    for s, po in graph.spo.items():
        subject = URIRef(s)
        for p, objects in po.items():
            predicate = URIRef(p)
            for o in objects:
                result.add((subject, predicate, to_term(o, Literal, URIRef)))
    return result


def to_term(value, literal_type, iri_type):
    """One of our terms as an rdflib term."""
    if isinstance(value, IRI):
        return iri_type(value)
    if isinstance(value, Lit):
        return literal_type(value.lexical, datatype=iri_type(value.datatype))
    return literal_type(value)
