"""The XML mapping of the model: how each class and slot appears in MetaFleX 2.0.0 XML.

The LinkML modules in ``model/schema`` carry the XML layout of the official XSD files
(MetaFleX 2.0.0, ``BP.*.xsd``) as annotations: ``xml_element``, ``xml_attribute``,
``xml_wrapper``, ``nillable``, ``xsd_min_occurs``, ``xsd_choice``, ``xsd_sequence_occurs``,
``xsd_item_occurs``, ``xsd_type``, ``xsd_type_ref``, ``xsd_root_element`` and
``xsd_enum_as_elements`` (docs/model.md lists them). This module reads them into small frozen
records, in document order, for the XSD generator and for XML readers and writers.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from linkml_runtime.linkml_model.meta import ClassDefinition, SlotDefinition
from linkml_runtime.utils.schemaview import SchemaView

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"
ROOT_SCHEMA = SCHEMA_DIR / "bigpicture.yaml"
#: MetaFleX files in the order of the root schema's imports (also the XSD file names).
MODULES: tuple[str, ...] = (
    "common",
    "sample",
    "staining",
    "image",
    "annotation",
    "observation",
    "observer",
    "dataset",
    "policy",
    "landing_page",
    "rems",
    "organisation",
)
UNBOUNDED = -1


@dataclass(frozen=True)
class ItemElement:
    """One element that may appear as an item of a list (e.g. STRING_ATTRIBUTE, FILE)."""

    element: str
    class_name: str


@dataclass(frozen=True)
class XmlSlot:
    """How one slot of a class is written in XML.

    ``kind`` is ``attribute`` (XML attribute), ``element`` (one element per value, named
    ``name``), ``wrapper`` (one element ``name`` holding the items), ``items`` (the items
    directly, no element of the slot's own: sets, STAIN content) or ``enum_element`` (an
    element whose only child's name is the enum value, IMAGE_TYPE).
    """

    slot: str
    kind: str
    name: str | None
    range: str
    multivalued: bool
    min_occurs: int
    max_occurs: int
    nillable: bool = False
    choice: str | None = None
    items: tuple[ItemElement, ...] = ()
    item_min: int = 1
    item_max: int = 1
    sequence_min: int = 1
    sequence_max: int = 1
    xsd_type: str | None = None
    wrapper_type: str | None = None
    element_type: str | None = None
    description: str | None = None


@cache
def schema_view(path: Path = ROOT_SCHEMA) -> SchemaView:
    """The model, loaded once, with every module imported."""
    view = SchemaView(str(path))
    view.imports_closure()
    return view


def annotations_of(element) -> dict[str, object]:
    """Annotations of a LinkML element as a plain tag -> value dictionary."""
    found = element.annotations or {}
    if not isinstance(found, dict):
        found = {k: v for k, v in vars(found).items() if not k.startswith("_")}
    return {tag: getattr(value, "value", value) for tag, value in found.items()}


def slot_annotations(view: SchemaView, class_name: str, slot_name: str) -> dict[str, object]:
    """Annotations of a slot in a class: the slot's own, then each ancestor's slot_usage."""
    merged = annotations_of(view.get_slot(slot_name))
    for ancestor in reversed(view.class_ancestors(class_name)):
        usage = (view.get_class(ancestor).slot_usage or {}).get(slot_name)
        if usage is not None:
            merged.update(annotations_of(usage))
    return merged


def occurs(text: object, default: tuple[int, int]) -> tuple[int, int]:
    """Parse an occurrence annotation such as ``1..unbounded``."""
    if text is None:
        return default
    low, high = str(text).split("..")
    return int(low), UNBOUNDED if high == "unbounded" else int(high)


def class_annotation(view: SchemaView, class_name: str, tag: str) -> object:
    """One annotation of a class (not inherited)."""
    return annotations_of(view.get_class(class_name)).get(tag)


def item_elements(view: SchemaView, range_class: str) -> tuple[ItemElement, ...]:
    """The elements a value of ``range_class`` may take: itself or its concrete descendants."""
    names = [range_class] + [
        name for name in view.all_classes() if range_class in view.class_ancestors(name)[1:]
    ]
    found = []
    for name in names:
        element = class_annotation(view, name, "xml_element")
        if element and not view.get_class(name).abstract:
            found.append(ItemElement(str(element), name))
    return tuple(found)


def xml_slots(view: SchemaView, class_name: str) -> tuple[XmlSlot, ...]:
    """The XML slots a class adds to its XSD base type, in document order."""
    cls: ClassDefinition = view.get_class(class_name)
    result = []
    for slot_name in cls.slots:
        found = _xml_slot(view, class_name, slot_name)
        if found is not None:
            result.append(found)
    return tuple(result)


def _xml_slot(view: SchemaView, class_name: str, slot_name: str) -> XmlSlot | None:
    notes = slot_annotations(view, class_name, slot_name)
    if notes.get("xml") == "none":
        return None
    slot: SlotDefinition = view.induced_slot(slot_name, class_name)
    kind, name = _kind(notes, slot, view)
    low, high = _occurs(notes, slot)
    item_low, item_high = occurs(notes.get("xsd_item_occurs"), _item_default(slot, kind))
    seq_low, seq_high = occurs(notes.get("xsd_sequence_occurs"), (1, 1))
    items = item_elements(view, slot.range) if slot.range in view.all_classes() else ()
    return XmlSlot(
        slot=slot_name,
        kind=kind,
        name=name,
        range=slot.range,
        multivalued=bool(slot.multivalued),
        min_occurs=low,
        max_occurs=high,
        nillable=bool(notes.get("nillable", False)),
        choice=notes.get("xsd_choice"),
        items=items if kind in ("wrapper", "items") else (),
        item_min=item_low,
        item_max=item_high,
        sequence_min=seq_low,
        sequence_max=seq_high,
        xsd_type=notes.get("xsd_type"),
        wrapper_type=notes.get("xsd_wrapper_type"),
        element_type=notes.get("xsd_enum_element_type"),
        description=slot.description,
    )


def _kind(notes: dict, slot: SlotDefinition, view: SchemaView) -> tuple[str, str | None]:
    if "xml_attribute" in notes:
        return "attribute", str(notes["xml_attribute"])
    if "xml_wrapper" in notes:
        return "wrapper", str(notes["xml_wrapper"])
    if notes.get("xml_inline"):
        return "items", None
    if notes.get("xsd_enum_as_elements"):
        return "enum_element", str(notes["xml_element"])
    if "xml_element" in notes:
        return "element", str(notes["xml_element"])
    return "items", None


def _occurs(notes: dict, slot: SlotDefinition) -> tuple[int, int]:
    if "xsd_min_occurs" in notes:
        low = int(notes["xsd_min_occurs"])
    elif slot.multivalued and slot.minimum_cardinality is not None:
        low = slot.minimum_cardinality if slot.required else 0
    else:
        low = 1 if slot.required else 0
    if slot.multivalued and "xml_wrapper" not in notes:
        high = slot.maximum_cardinality or UNBOUNDED
    else:
        high = 1
    return low, high


def _item_default(slot: SlotDefinition, kind: str) -> tuple[int, int]:
    if kind == "wrapper":
        return slot.minimum_cardinality or 0, slot.maximum_cardinality or UNBOUNDED
    return 1, 1


def module_of(view: SchemaView, name: str) -> str:
    """The MetaFleX module (file) a class, type or enum is defined in."""
    element = view.get_element(name)
    return str(element.from_schema).rsplit("/", 1)[-1]
