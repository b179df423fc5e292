"""The known TAG profile (MetaFleX FORMAT.md section 7) between attributes and typed slots.

``read_profile`` fills the typed slots (``sex``, ``anatomical_site``, ``staining_compound``, ...)
from an object's attributes, the way the Bigpicture search extractor reads them: the first
attribute of the TAG with the expected kind (every one for multivalued slots). Attributes stay
as they are, unknown TAGs included. ``write_profile`` is the reverse for writers: it appends an
attribute for every filled typed slot whose TAG the object does not carry yet. Which slot reads
which TAG and kind comes from the model (annotations ``profile_tag`` and ``profile_kind``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel

from bigpicture.model import xmlmap
from bigpicture.model.generated import metaflex as m


@dataclass(frozen=True)
class ProfileSlot:
    """A typed slot of the TAG profile."""

    slot: str
    tag: str
    kind: str
    range: str
    multivalued: bool


@cache
def profile_slots(class_name: str) -> tuple[ProfileSlot, ...]:
    """The profile slots of a model class, in model order."""
    view = xmlmap.schema_view()
    if class_name not in view.all_classes():
        return ()
    found = []
    for slot_name in view.class_slots(class_name):
        notes = xmlmap.slot_annotations(view, class_name, slot_name)
        if "profile_tag" in notes and notes.get("xml") == "none":
            slot = view.induced_slot(slot_name, class_name)
            found.append(
                ProfileSlot(
                    slot_name,
                    str(notes["profile_tag"]),
                    str(notes["profile_kind"]),
                    str(slot.range),
                    bool(slot.multivalued),
                )
            )
    return tuple(found)


# --- attributes -> typed values -------------------------------------------------------------
def _enum_values(range_name: str) -> set[str] | None:
    view = xmlmap.schema_view()
    if range_name not in view.all_enums():
        return None
    return set(view.get_enum(range_name).permissible_values)


def _typed(attribute: m.Attribute, spec: ProfileSlot) -> object | None:
    """The typed value of one attribute for a profile slot, or None if it does not fit."""
    if isinstance(attribute, m.CodeAttribute) and spec.kind in ("code", "string_or_code"):
        return attribute.value
    if isinstance(attribute, m.StringAttribute) and spec.kind in ("string", "string_or_code"):
        allowed = _enum_values(spec.range)
        return attribute.value if allowed is None or attribute.value in allowed else None
    if isinstance(attribute, m.SetAttribute) and spec.kind == "set":
        return _interval(attribute.value or [])
    return None


def _interval(members: list[m.Attribute]) -> m.AgeInterval | None:
    values = {
        a.tag: a.value for a in members if isinstance(a, m.StringAttribute) and a.value is not None
    }
    if "interval_start" not in values or "interval_length" not in values:
        return None
    return m.AgeInterval(
        interval_start=values["interval_start"], interval_length=values["interval_length"]
    )


def _read_slot(attributes: list[m.Attribute], spec: ProfileSlot) -> object | None:
    values = [_typed(a, spec) for a in attributes if a.tag == spec.tag]
    values = [value for value in values if value is not None]
    if spec.multivalued:
        return values or None
    return values[0] if values else None


def read_profile(obj: BaseModel) -> BaseModel:
    """A copy of ``obj`` (and of its nested objects) with the profile slots filled."""
    update = {
        name: _read_nested(value)
        for name, value in obj
        if isinstance(value, BaseModel | list) and not _is_attribute_slot(name)
    }
    attributes = getattr(obj, "attributes", None) or []
    for spec in _specs(obj):
        update[spec.slot] = _read_slot(attributes, spec)
    return obj.model_copy(update=update)


def _specs(obj: BaseModel) -> tuple[ProfileSlot, ...]:
    """Profile slots of objects that have attributes (not of AgeInterval itself)."""
    if "attributes" not in type(obj).model_fields:
        return ()
    return profile_slots(type(obj).__name__)


def _is_attribute_slot(name: str) -> bool:
    return name in ("attributes", "custom_attributes", "code_attributes", "value")


def _read_nested(value: object) -> object:
    if isinstance(value, list):
        return [_read_nested(item) for item in value]
    if isinstance(value, BaseModel) and not isinstance(value, m.Attribute | m.CodedValue):
        return read_profile(value)
    return value


# --- typed values -> attributes -------------------------------------------------------------
def _attribute(spec: ProfileSlot, value: object) -> m.Attribute:
    if isinstance(value, m.CodedValue):
        return m.CodeAttribute(tag=spec.tag, value=value)
    if isinstance(value, m.AgeInterval):
        members = [
            m.StringAttribute(tag="interval_start", value=value.interval_start),
            m.StringAttribute(tag="interval_length", value=value.interval_length),
        ]
        return m.SetAttribute(tag=spec.tag, value=members)
    return m.StringAttribute(tag=spec.tag, value=str(getattr(value, "value", value)))


def write_profile(obj: BaseModel) -> BaseModel:
    """A copy of ``obj`` whose attributes also hold every filled profile slot.

    Only TAGs the object does not already carry are added, so objects read from XML keep
    their attributes exactly as written.
    """
    update = {
        name: _write_nested(value)
        for name, value in obj
        if isinstance(value, BaseModel | list) and not _is_attribute_slot(name)
    }
    specs = _specs(obj)
    if specs:
        attributes = list(getattr(obj, "attributes", None) or [])
        present = {attribute.tag for attribute in attributes}
        for spec in specs:
            value = getattr(obj, spec.slot)
            if value is None or spec.tag in present:
                continue
            for item in value if spec.multivalued else [value]:
                attributes.append(_attribute(spec, item))
        update["attributes"] = attributes if attributes or obj.attributes is not None else None
    return obj.model_copy(update=update)


def _write_nested(value: object) -> object:
    if isinstance(value, list):
        return [_write_nested(item) for item in value]
    if isinstance(value, BaseModel) and not isinstance(value, m.Attribute | m.CodedValue):
        return write_profile(value)
    return value
