"""The model's XML and RDF layout per generated class, compiled once for the readers and writers.

``bigpicture.model.xmlmap`` reads the XML annotations of the LinkML modules (MetaFleX 2.0.0,
``BP.*.xsd``); this module flattens them per class, with the slots inherited from the XSD base
types and the TAG profile (FORMAT.md section 7), into small frozen records keyed by the
generated Python classes, so that ``xml_io`` and ``rdf_io`` never touch LinkML while working.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property
from types import MappingProxyType

from pydantic import BaseModel

from bigpicture.model import xmlmap
from bigpicture.model.generated import metaflex

BP = "https://w3id.org/bigpicture/metaflex/"
XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"


@dataclass(frozen=True)
class FieldLayout:
    """One slot of a class as XML and RDF see it."""

    slot: str
    kind: str
    """``attribute``, ``element``, ``wrapper``, ``items`` (held directly) or ``enum_element``."""
    name: str | None
    target: str | None
    """Class name when the value is an object, else None."""
    datatype: str
    """``string``, ``decimal``, ``uri`` or ``enum``."""
    multivalued: bool
    nillable: bool
    min_occurs: int
    items: MappingProxyType
    """Item element -> class name (wrappers and held items)."""
    meanings: MappingProxyType
    """Enum value -> meaning IRI (RDF writes the IRI when the value has a meaning)."""
    choice: str | None = None
    """Name of the XSD choice the slot belongs to (exactly one slot of a choice is present)."""
    enum_values: tuple[str, ...] = ()
    """Permitted values of an enum-valued slot."""
    min_items: int = 0
    """Fewest items of a wrapper (``FILES`` needs one ``FILE``)."""
    max_items: int = -1
    """Most items of a wrapper (-1: unbounded)."""

    @cached_property
    def polymorphic(self) -> bool:
        """True when the items may be of several classes (the five attribute kinds)."""
        return len(set(self.items.values())) > 1 or any(
            name != self.target for name in self.items.values()
        )


@dataclass(frozen=True)
class ProfileSlot:
    """A typed reading of tagged attributes (the TAG profile)."""

    slot: str
    tag: str
    kind: str
    """``code``, ``string``, ``string_or_code`` or ``set``."""
    multivalued: bool
    target: str | None
    allowed: frozenset[str] | None
    """Permitted values of an enum-valued slot (others stay only in ``attributes``)."""
    meanings: MappingProxyType


@dataclass(frozen=True)
class ClassLayout:
    """Everything the readers and writers need about one generated class."""

    name: str
    cls: type[BaseModel]
    element: str | None
    attributes: tuple[FieldLayout, ...]
    children: tuple[FieldLayout, ...]
    by_child: MappingProxyType
    """Child element name -> field (item elements of held items map to their field)."""
    profile: tuple[ProfileSlot, ...]

    @cached_property
    def held(self) -> tuple[FieldLayout, ...]:
        """Fields whose items sit directly in the element (never nil: empty is [])."""
        return tuple(f for f in self.children if f.kind == "items")

    @property
    def iri(self) -> str:
        """The class IRI (bp:<Class>)."""
        return BP + self.name


def _meanings(view, range_name: str) -> MappingProxyType:
    if range_name not in view.all_enums():
        return MappingProxyType({})
    values = view.get_enum(range_name).permissible_values or {}
    return MappingProxyType(
        {str(k): view.expand_curie(str(v.meaning)) for k, v in values.items() if v.meaning}
    )


def _datatype(view, range_name: str) -> str:
    if range_name in view.all_enums():
        return "enum"
    if range_name in view.all_types():
        uri = view.induced_type(range_name).uri or ""
        return {"xsd:decimal": "decimal", "xsd:anyURI": "uri"}.get(uri, "string")
    return "string"


def _field(view, class_name: str, xml_slot: xmlmap.XmlSlot) -> FieldLayout:
    notes = xmlmap.slot_annotations(view, class_name, xml_slot.slot)
    kind = "items" if notes.get("xml_inline") else xml_slot.kind
    is_class = xml_slot.range in view.all_classes()
    items = {}
    if is_class and kind in ("wrapper", "items"):
        items = {i.element: i.class_name for i in xmlmap.item_elements(view, xml_slot.range)}
    return FieldLayout(
        slot=xml_slot.slot,
        kind=kind,
        name=None if kind == "items" else xml_slot.name,
        target=xml_slot.range if is_class else None,
        datatype=_datatype(view, xml_slot.range),
        multivalued=xml_slot.multivalued,
        nillable=xml_slot.nillable and kind != "items",
        min_occurs=xml_slot.min_occurs,
        items=MappingProxyType(items),
        meanings=_meanings(view, xml_slot.range),
        choice=xml_slot.choice,
        enum_values=_enum_values(view, xml_slot.range),
        min_items=xml_slot.item_min * xml_slot.sequence_min,
        max_items=_product(xml_slot.item_max, xml_slot.sequence_max),
    )


def _product(items: int, sequences: int) -> int:
    return -1 if xmlmap.UNBOUNDED in (items, sequences) else items * sequences


def _enum_values(view, range_name: str) -> tuple[str, ...]:
    if range_name not in view.all_enums():
        return ()
    return tuple(str(v) for v in view.get_enum(range_name).permissible_values or {})


def _fields(view, class_name: str) -> list[FieldLayout]:
    """XML slots of the class and its ancestors, base types first (XSD extension order)."""
    found: dict[str, FieldLayout] = {}
    for ancestor in reversed(view.class_ancestors(class_name)):
        for xml_slot in xmlmap.xml_slots(view, ancestor):
            found[xml_slot.slot] = _field(view, class_name, xml_slot)
    return list(found.values())


def _profile(view, class_name: str) -> tuple[ProfileSlot, ...]:
    found = []
    for slot in view.class_induced_slots(class_name):
        notes = xmlmap.slot_annotations(view, class_name, slot.name)
        if "profile_tag" not in notes or slot.name in ("interval_start", "interval_length"):
            continue
        target = slot.range if slot.range in view.all_classes() else None
        allowed = None
        if slot.range in view.all_enums():
            allowed = frozenset(view.get_enum(slot.range).permissible_values or {})
        found.append(
            ProfileSlot(
                slot.name,
                str(notes["profile_tag"]),
                str(notes["profile_kind"]),
                bool(slot.multivalued),
                "CodedValue" if target == "Any" else target,
                allowed,
                _meanings(view, slot.range),
            )
        )
    return tuple(found)


def _layout(view, name: str) -> ClassLayout:
    fields = _fields(view, name)
    children = tuple(f for f in fields if f.kind != "attribute")
    by_child = {}
    for field in children:
        if field.kind == "items":
            by_child.update(dict.fromkeys(field.items, field))
        else:
            by_child[field.name] = field
    element = xmlmap.class_annotation(view, name, "xml_element")
    return ClassLayout(
        name=name,
        cls=getattr(metaflex, name),
        element=str(element) if element else None,
        attributes=tuple(f for f in fields if f.kind == "attribute"),
        children=children,
        by_child=MappingProxyType(by_child),
        profile=_profile(view, name),
    )


@cache
def layouts() -> MappingProxyType:
    """Layouts of every concrete generated class, by class name (loads LinkML once)."""
    view = xmlmap.schema_view()
    names = [n for n in view.all_classes() if hasattr(metaflex, n) and n != "Any"]
    return MappingProxyType({name: _layout(view, name) for name in names})


@cache
def object_kinds() -> MappingProxyType:
    """Object element (``IMAGE``) -> layout, for every class that is a MetaFleX object."""
    return MappingProxyType(
        {
            layout.element: layout
            for layout in layouts().values()
            if layout.element and issubclass(layout.cls, metaflex.MetaflexObject)
        }
    )


@cache
def element_of_class() -> MappingProxyType:
    """Generated class -> the element name of its items (``StringAttribute`` -> …)."""
    return MappingProxyType(
        {layout.cls: layout.element for layout in layouts().values() if layout.element}
    )


def layout_of(obj: BaseModel) -> ClassLayout:
    """The layout of a model object."""
    return layouts()[type(obj).__name__]
