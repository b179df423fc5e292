"""MetaFleX 2.0.0 XML <-> model objects (the generated classes of ``bigpicture.model``).

Reading accepts a bare object ``X`` or a container ``X_SET`` in every file (FORMAT.md section 2),
keeps every attribute in document order and fills the typed TAG-profile slots from the known
TAGs (section 7: the first matching attribute, every match for repeatable TAGs); unknown TAGs
stay in ``attributes``. Writing turns objects back into XML with the same infoset. Objects
get ``id`` = ``<kind>/<alias>`` (kind = lower-case element name, alias percent-encoded), the
relative form of their IRI. XML is parsed safely: no entities, no network, no DTD.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from urllib.parse import quote

from lxml import etree
from pydantic import BaseModel, ValidationError

from bigpicture.model.generated.metaflex import Submission
from bigpicture.model.io_layout import (
    XSI_NIL,
    ClassLayout,
    FieldLayout,
    element_of_class,
    layout_of,
    layouts,
    object_kinds,
)
from bigpicture.model.profile import profile_values

XSI = "http://www.w3.org/2001/XMLSchema-instance"
_SAFE_ALIAS = re.compile(r"[A-Za-z0-9_.~-]+")  # what quote() leaves as it is
NIL_VALUES = ("true", "1")
#: File kind (``BP.<kind>.xsd``) -> the object elements it holds.
FILE_KINDS: dict[str, tuple[str, ...]] = {
    "dataset": ("DATASET",),
    "policy": ("POLICY",),
    "sample": ("BIOLOGICAL_BEING", "CASE", "SPECIMEN", "BLOCK", "SLIDE"),
    "staining": ("STAINING",),
    "image": ("IMAGE",),
    "annotation": ("ANNOTATION",),
    "observation": ("OBSERVATION",),
    "observer": ("OBSERVER",),
    "landing_page": ("LANDING_PAGE",),
    "rems": ("REMS",),
    "organisation": ("ORGANISATION",),
}
#: Submission slot of each object element.
SUBMISSION_SLOTS: dict[str, str] = {
    "DATASET": "datasets",
    "POLICY": "policies",
    "BIOLOGICAL_BEING": "biological_beings",
    "CASE": "cases",
    "SPECIMEN": "specimens",
    "BLOCK": "blocks",
    "SLIDE": "slides",
    "STAINING": "stainings",
    "IMAGE": "images",
    "ANNOTATION": "annotations",
    "OBSERVATION": "observations",
    "OBSERVER": "observers",
    "LANDING_PAGE": "landing_pages",
    "REMS": "rems",
    "ORGANISATION": "organisations",
}


class XmlReadError(ValueError):
    """A MetaFleX file that cannot be read into model objects (names the file and line)."""

    def __init__(self, path: object, line: int | None, message: str) -> None:
        super().__init__(f"{path}:{line or '?'}: {message}")
        self.path, self.line, self.message = path, line, message


@dataclass(frozen=True)
class Document:
    """The objects of one MetaFleX file and the form of its root element."""

    kind: str
    """File kind: ``dataset``, ``sample``, ``image`` …"""
    objects: tuple[BaseModel, ...]
    bare: bool
    """True when the root element is the object itself (``X``), not ``X_SET``."""


def parser_options() -> dict[str, bool]:
    """The safe parser settings used for every MetaFleX file."""
    return {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False}


def file_kind_of(root_tag: str) -> str | None:
    """The file kind of a root element (``IMAGE_SET`` or ``IMAGE`` -> ``image``), else None."""
    element = root_tag[:-4] if root_tag.endswith("_SET") else root_tag
    for kind, elements in FILE_KINDS.items():
        if element in elements or (root_tag == "SAMPLE_SET" and kind == "sample"):
            return kind
    return None


# --- reading ---------------------------------------------------------------------------------


def read_submission(folder: Path) -> Submission:
    """Every object of every MetaFleX file under a submission folder, grouped by kind."""
    if not Path(folder).is_dir():
        raise FileNotFoundError(f"{folder} is not a folder")
    grouped: dict[str, list[BaseModel]] = {slot: [] for slot in SUBMISSION_SLOTS.values()}
    for path in sorted(Path(folder).rglob("*.xml")):
        document = read_document(path)
        if document is None:
            continue  # not a MetaFleX file (e.g. PRIVATE/datacite.xml)
        for obj in document.objects:
            grouped[SUBMISSION_SLOTS[_element_of(obj)]].append(obj)
    return Submission(**{slot: objects or None for slot, objects in grouped.items()})


def read_document(source: Path | bytes) -> Document | None:
    """The objects of one file (path or bytes); None when its root is not MetaFleX."""
    if isinstance(source, Path):
        with source.open("rb") as handle:
            return _read_stream(handle, source)
    return _read_stream(io.BytesIO(source), "<bytes>")


def _read_stream(stream, source: object) -> Document | None:
    token = _SEEN_ATTRIBUTES.set({})
    try:
        return _read_events(stream, source)
    finally:
        _SEEN_ATTRIBUTES.reset(token)


def _read_events(stream, source: object) -> Document | None:
    events = etree.iterparse(stream, events=("end",), tag=list(object_kinds()), **parser_options())
    objects: list[BaseModel] = []
    try:
        for _, element in events:
            parent = element.getparent()
            if parent is None or parent.getparent() is None:  # bare root, or a member of X_SET
                objects.append(_read_top(element, source))
                _forget(element)
    except etree.XMLSyntaxError as error:
        raise XmlReadError(source, error.lineno, f"not well-formed XML: {error.msg}") from None
    kind = file_kind_of(events.root.tag)
    if kind is None:
        return None
    return Document(kind, tuple(objects), not events.root.tag.endswith("_SET"))


def _forget(element: etree._Element) -> None:
    """Drop an object already read (and what came before it): memory holds one at a time."""
    element.clear(keep_tail=True)
    while element.getprevious() is not None:
        del element.getparent()[0]


def _read_top(element: etree._Element, source: object) -> BaseModel:
    plan = _plans()[object_kinds()[element.tag].name]
    try:
        values = plan.values(element)
        alias = values.get("alias", "")
        safe = alias if _SAFE_ALIAS.fullmatch(alias) else quote(alias, safe="")
        values["id"] = f"{element.tag.lower()}/{safe}"
        return plan.cls.model_validate(values)
    except ValidationError as error:
        first = error.errors()[0]
        detail = f"{'.'.join(map(str, first['loc']))}: {first['msg']}"
        raise XmlReadError(
            source, element.sourceline, f"{element.tag} {_alias(element)}: {detail}"
        ) from None
    except ValueError as error:
        raise XmlReadError(
            source, element.sourceline, f"{element.tag} {_alias(element)}: {error}"
        ) from None


def _alias(element: etree._Element) -> str:
    return repr(element.get("alias"))


def read_object(element: etree._Element, layout: ClassLayout) -> BaseModel:
    """One element as an instance of the class of ``layout`` (recursively)."""
    plan = _plans()[layout.name]
    return plan.cls.model_validate(plan.values(element))


# Child handling modes of the reading plan.
TEXT, DECIMAL, NODE, WRAPPER, ENUM_ELEMENT, HELD = range(6)


class _Plan:
    """How to read the elements of one class: the layout compiled into flat lookups.

    Plain values and nested objects become dicts, so the generated classes validate a whole
    object in one call; members of polymorphic lists (the five attribute kinds) are built as
    instances, because only their element name tells their class.
    """

    __slots__ = ("cls", "xml_attributes", "children", "held", "profile", "attributes_only")

    def __init__(self, layout: ClassLayout) -> None:
        self.cls = layout.cls
        self.xml_attributes = {f.name: f.slot for f in layout.attributes}
        self.held = tuple(f.slot for f in layout.held)
        self.profile = layout.profile
        self.children: dict[str, tuple] = {}
        #: References and files: XML attributes named as their slots, no children.
        self.attributes_only = not layout.children and all(
            f.name == f.slot for f in layout.attributes
        )

    def link(self, layout: ClassLayout, plans: dict[str, _Plan]) -> None:
        """Resolve the child handlers once every plan exists."""
        for tag, field in layout.by_child.items():
            items = {e: (plans[c], field.polymorphic) for e, c in field.items.items()}
            target = plans[field.target] if field.target and field.kind != "wrapper" else None
            self.children[tag] = (
                _mode(field),
                field.slot,
                field.nillable,
                field.multivalued,
                target,
                items,
            )

    def values(self, element: etree._Element) -> dict[str, object]:
        """The slot values of one element."""
        if self.attributes_only and not len(element):
            values = dict(element.attrib)
            if values.keys() <= self.xml_attributes.keys():
                return values
        values = {}
        if self.xml_attributes:
            for name, value in element.items():
                slot = self.xml_attributes.get(name)
                if slot is None:
                    raise ValueError(f"line {element.sourceline}: unexpected attribute {name}")
                values[slot] = value
        children = self.children
        for child in element:
            handler = children.get(child.tag)
            if handler is None:
                if child.tag.__class__ is not str:
                    continue  # a comment or processing instruction
                raise ValueError(f"line {child.sourceline}: unexpected element {child.tag}")
            if handler[0] == TEXT and not handler[2] and not handler[3]:  # the common case
                values[handler[1]] = child.text or ""
            else:
                _read_child(child, handler, values)
        for slot in self.held:
            values.setdefault(slot, [])
        if self.profile:
            values.update(profile_values(self.profile, values.get("attributes")))
        return values

    def instance(self, element: etree._Element) -> BaseModel:
        """One element as an instance."""
        return self.cls.model_validate(self.values(element))


def _mode(field: FieldLayout) -> int:
    if field.kind == "items":
        return HELD
    if field.kind in ("wrapper", "enum_element"):
        return WRAPPER if field.kind == "wrapper" else ENUM_ELEMENT
    if field.target:
        return NODE
    return DECIMAL if field.datatype == "decimal" else TEXT


@cache
def _plans() -> dict[str, _Plan]:
    plans = {name: _Plan(layout) for name, layout in layouts().items()}
    for name, layout in layouts().items():
        plans[name].link(layout, plans)
    return plans


def _read_child(child: etree._Element, handler: tuple, values: dict) -> None:
    mode, slot, nillable, multivalued, target, items = handler
    if mode == HELD:
        values.setdefault(slot, []).append(_read_item(child, items))
        return
    if nillable and child.get(XSI_NIL) in NIL_VALUES:
        value = None
    elif mode == TEXT:
        value = child.text or ""
    elif mode == NODE:
        value = target.values(child)
    elif mode == WRAPPER:
        value = [_read_item(item, items) for item in child.iterchildren(tag=etree.Element)]
    elif mode == DECIMAL:
        value = _decimal(child.text or "")
    else:
        value = next(child.iterchildren(tag=etree.Element)).tag
    if multivalued and mode != WRAPPER:
        values.setdefault(slot, []).append(value)
    else:
        values[slot] = value


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text.strip())
    except InvalidOperation:
        raise ValueError(f"{text!r} is not a decimal") from None


def _read_item(item: etree._Element, items: dict[str, tuple]) -> object:
    found = items.get(item.tag)
    if found is None:
        raise ValueError(f"line {item.sourceline}: unexpected element {item.tag}")
    plan, polymorphic = found
    if not polymorphic:
        return plan.values(item)
    seen = _SEEN_ATTRIBUTES.get()
    if seen is None:
        return plan.instance(item)
    key = etree.tostring(item, with_tail=False)
    instance = seen.get(key)
    if instance is None:
        instance = seen[key] = plan.instance(item)
    return instance


#: Attributes already read in the current file, by their serialised element. Identical
#: attribute elements (the same code, the same age band …) are read once and share one
#: instance: reading a 45,000-image file visits each distinct attribute once instead of
#: hundreds of thousands of times. Objects read from XML are meant to be read, not changed;
#: copy an attribute (``model_copy(deep=True)``) before changing it.
_SEEN_ATTRIBUTES: ContextVar[dict[bytes, BaseModel] | None] = ContextVar("seen", default=None)


# --- writing ---------------------------------------------------------------------------------


def write_file(objects: Iterable[BaseModel], kind: str, bare: bool = False) -> bytes:
    """A MetaFleX file of ``kind`` (``image``, ``sample`` …) holding ``objects``.

    ``bare`` writes the single object as the root element instead of an ``X_SET``.
    """
    objects = list(objects)
    if bare:
        if len(objects) != 1:
            raise ValueError("a bare file holds exactly one object")
        root = element_of(objects[0])
        root_with_ns = etree.Element(root.tag, nsmap={"xsi": XSI})
        root_with_ns[:] = root[:]
        root_with_ns.attrib.update(root.attrib)
        root = root_with_ns
    else:
        root = etree.Element(_set_element(kind), nsmap={"xsi": XSI})
        for obj in objects:
            root.append(element_of(obj))
    body = etree.tostring(root, encoding="UTF-8", pretty_print=True)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body


def write_document(document: Document) -> bytes:
    """The file of a read document, in the same root form."""
    return write_file(document.objects, document.kind, document.bare)


def _set_element(kind: str) -> str:
    if kind not in FILE_KINDS:
        raise ValueError(f"unknown file kind {kind!r} (one of {', '.join(FILE_KINDS)})")
    return "SAMPLE_SET" if kind == "sample" else f"{FILE_KINDS[kind][0]}_SET"


def _element_of(obj: BaseModel) -> str:
    return element_of_class()[type(obj)]


def element_of(obj: BaseModel, name: str | None = None) -> etree._Element:
    """One object as an element (named after its class unless ``name`` is given)."""
    layout = layout_of(obj)
    element = etree.Element(name or layout.element)
    _fill(element, obj, layout)
    return element


def _fill(element: etree._Element, obj: BaseModel, layout: ClassLayout) -> None:
    for field in layout.attributes:
        value = getattr(obj, field.slot)
        if value is not None:
            element.set(field.name, str(value))
    for field in layout.children:
        _write_field(element, getattr(obj, field.slot), field)


def _write_field(parent: etree._Element, value, field: FieldLayout) -> None:
    if field.kind == "items":
        for item in value or ():
            parent.append(element_of(item))
        return
    if value is None:
        if field.nillable and field.min_occurs:
            etree.SubElement(parent, field.name).set(XSI_NIL, "true")
        return
    values = value if field.multivalued and field.kind == "element" else [value]
    for single in values:
        _write_one(etree.SubElement(parent, field.name), single, field)


def _write_one(element: etree._Element, value, field: FieldLayout) -> None:
    if field.kind == "wrapper":
        for item in value:
            element.append(element_of(item))
    elif field.kind == "enum_element":
        etree.SubElement(element, str(value))
    elif field.target:
        _fill(element, value, layout_of(value))
    elif isinstance(value, Decimal):
        element.text = format(value, "f")  # xs:decimal has no exponent notation
    else:
        element.text = str(value)


def iter_objects(submission: Submission) -> Iterator[BaseModel]:
    """Every object of a submission, kind by kind."""
    for slot in SUBMISSION_SLOTS.values():
        yield from getattr(submission, slot) or ()
