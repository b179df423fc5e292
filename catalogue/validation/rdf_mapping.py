"""How MetaFleX XML maps onto the model's RDF (bp: slots), compiled once from the LinkML model.

The layout comes from ``bigpicture.model.xmlmap`` (the XML annotations of the LinkML modules);
this module flattens it, with inherited slots and the TAG profile, into small lookup tables that
the data-graph builder walks without touching LinkML again.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field

BP = "https://w3id.org/bigpicture/metaflex/"
XSD = "http://www.w3.org/2001/XMLSchema#"
PLAIN = ""  # plain literal (xsd:string)
IRI_VALUE = "iri"  # a URI slot: the value is an IRI


@dataclass(frozen=True)
class ChildRule:
    """A child element of a class: a literal, a nested node, an enum element or a list."""

    slot: str
    mode: str  # literal | node | enum_element | list
    datatype: str = PLAIN
    node_class: str | None = None
    items: dict[str, str] = field(default_factory=dict)  # item element -> class
    meanings: dict[str, str] = field(default_factory=dict)  # enum value -> meaning IRI
    choice: str | None = None  # XSD choice group the element belongs to
    nillable: bool = False


@dataclass(frozen=True)
class ProfileRule:
    """A typed reading of a tagged attribute (FORMAT.md section 7)."""

    slot: str
    tag: str
    kind: str  # code | string | set | string_or_code
    node_class: str | None = None
    meanings: dict[str, str] = field(default_factory=dict)  # enum value -> meaning IRI


@dataclass(frozen=True)
class ClassRule:
    """Everything the builder needs for one class."""

    name: str
    attributes: tuple[tuple[str, str, str], ...]  # (xml attribute, slot, datatype)
    children: dict[str, ChildRule]
    direct_items: dict[str, tuple[str, str]]  # item element held directly -> (slot, class)
    profiles: tuple[ProfileRule, ...]
    held: tuple[str, ...] = ()  # slots whose items the element holds directly (STAIN's attributes)


def _datatype(view, range_name: str) -> str:
    if range_name in view.all_enums():
        return PLAIN
    if range_name not in view.all_types():
        return PLAIN
    uri = view.induced_type(range_name).uri or "xsd:string"
    if uri == "xsd:anyURI":
        return IRI_VALUE
    return PLAIN if uri == "xsd:string" else XSD + uri.split(":", 1)[1]


def _meanings(view, range_name: str) -> dict[str, str]:
    """Enum values that LinkML writes as their meaning's IRI (as gen-shacl's sh:in expects)."""
    if range_name not in view.all_enums():
        return {}
    values = view.get_enum(range_name).permissible_values or {}
    return {
        str(text): view.expand_curie(str(value.meaning))
        for text, value in values.items()
        if value.meaning
    }


def _child(view, xml_slot) -> tuple[str, ChildRule]:
    slot = BP + xml_slot.slot
    meanings = _meanings(view, xml_slot.range)
    if xml_slot.kind == "enum_element":
        return xml_slot.name, ChildRule(slot, "enum_element", meanings=meanings)
    if xml_slot.kind == "wrapper":
        items = {item.element: item.class_name for item in xml_slot.items}
        return xml_slot.name, ChildRule(slot, "list", items=items)
    if xml_slot.range in view.all_classes():
        return xml_slot.name, ChildRule(slot, "node", node_class=xml_slot.range)
    datatype = _datatype(view, xml_slot.range)
    return xml_slot.name, ChildRule(slot, "literal", datatype=datatype, meanings=meanings)


def _profiles(view, xmlmap, name: str) -> tuple[ProfileRule, ...]:
    rules = []
    for slot in view.class_induced_slots(name):
        notes = xmlmap.slot_annotations(view, name, slot.name)
        if "profile_tag" in notes:
            node_class = slot.range if slot.range in view.all_classes() else None
            if node_class == "Any":
                node_class = "CodedValue"
            rules.append(
                ProfileRule(
                    BP + slot.name,
                    str(notes["profile_tag"]),
                    str(notes["profile_kind"]),
                    node_class,
                    _meanings(view, slot.range),
                )
            )
    return tuple(rules)


def _class_rule(view, xmlmap, name: str) -> ClassRule:
    attributes: list[tuple[str, str, str]] = []
    children: dict[str, ChildRule] = {}
    direct: dict[str, tuple[str, str]] = {}
    for ancestor in reversed(view.class_ancestors(name)):
        for xml_slot in xmlmap.xml_slots(view, ancestor):
            if xml_slot.kind == "attribute":
                attributes.append(
                    (xml_slot.name, BP + xml_slot.slot, _datatype(view, xml_slot.range))
                )
                continue
            if xml_slot.kind in ("wrapper", "items"):
                for item in xml_slot.items:
                    direct[item.element] = (BP + xml_slot.slot, item.class_name)
            if xml_slot.name:
                element, rule = _child(view, xml_slot)
                children[element] = dataclasses.replace(
                    rule, choice=xml_slot.choice, nillable=xml_slot.nillable
                )
    return ClassRule(name, tuple(attributes), children, direct, _profiles(view, xmlmap, name))


def _held(name: str) -> tuple[str, ...]:
    from bigpicture.model.io_layout import layouts

    layout = layouts().get(name)
    return tuple(BP + f.slot for f in layout.held) if layout is not None else ()


@functools.cache
def class_rules() -> dict[str, ClassRule]:
    """Rules for every class of the model, by class name (loads LinkML once per process)."""
    from bigpicture.model import xmlmap

    view = xmlmap.schema_view()
    return {
        name: dataclasses.replace(_class_rule(view, xmlmap, name), held=_held(name))
        for name in view.all_classes()
    }


@functools.cache
def superclasses() -> dict[str, frozenset[str]]:
    """Class IRI -> IRIs of itself and every ancestor (rdfs:subClassOf*)."""
    from bigpicture.model import xmlmap

    view = xmlmap.schema_view()
    return {
        BP + name: frozenset(BP + a for a in view.class_ancestors(name))
        for name in view.all_classes()
    }
