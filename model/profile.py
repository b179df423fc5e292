"""The known TAG profile (MetaFleX FORMAT.md section 7) between attributes and typed slots.

``profile_values`` is the one reading of the profile: the typed slot values (``sex``,
``anatomical_site``, ``staining_compound``, ...) of a list of attributes, the way the Bigpicture
search extractor reads them: the first attribute of the TAG with the expected kind (every one for
multivalued slots). The XML reader (``bigpicture.model.xml_io``) calls it while an object's
values are still a dict; ``read_profile`` applies it to finished objects. Attributes stay as
they are, unknown TAGs included. ``write_profile`` is the reverse for writers: it appends an
attribute for every filled typed slot whose TAG the object does not carry yet. Which slot reads
which TAG and kind comes from the model (annotations ``profile_tag`` and ``profile_kind``,
compiled by ``bigpicture.model.io_layout``).
"""

from __future__ import annotations

from pydantic import BaseModel, ValidationError

from bigpicture.model.generated import metaflex as m
from bigpicture.model.io_layout import ProfileSlot, layouts


# --- attributes -> typed values -------------------------------------------------------------
def profile_values(profile: tuple[ProfileSlot, ...], attributes) -> dict[str, object]:
    """Typed slot values read from tagged attributes; slots without a reading are left out."""
    found: dict[str, object] = {}
    by_tag: dict[str, list[BaseModel]] = {}
    for attribute in attributes or ():
        by_tag.setdefault(attribute.tag, []).append(attribute)
    for slot in profile:
        readings = [v for a in by_tag.get(slot.tag, ()) if (v := _reading(slot, a)) is not None]
        if readings:
            found[slot.slot] = readings if slot.multivalued else readings[0]
    return found


def _reading(slot: ProfileSlot, attribute: BaseModel) -> object:
    """The typed value of one attribute for a profile slot, or None if it does not fit."""
    kind = slot.kind
    if isinstance(attribute, m.CodeAttribute) and kind in ("code", "string_or_code"):
        return attribute.value
    if isinstance(attribute, m.StringAttribute) and kind in ("string", "string_or_code"):
        value = attribute.value
        return None if slot.allowed is not None and value not in slot.allowed else value
    if isinstance(attribute, m.SetAttribute) and kind == "set":
        return _age(attribute)
    return None


def _age(attribute: m.SetAttribute) -> m.AgeInterval | None:
    parts = {
        a.tag: a.value
        for a in attribute.value or ()
        if isinstance(a, m.StringAttribute) and a.value is not None
    }
    if "interval_start" not in parts or "interval_length" not in parts:
        return None
    try:
        return m.AgeInterval(
            interval_start=parts["interval_start"], interval_length=parts["interval_length"]
        )
    except ValidationError:
        return None  # not ISO-8601 durations: kept in attributes only


def read_profile(obj: BaseModel) -> BaseModel:
    """A copy of ``obj`` (and of its nested objects) with the profile slots filled."""
    update = {
        name: _read_nested(value)
        for name, value in obj
        if isinstance(value, BaseModel | list) and not _is_attribute_slot(name)
    }
    specs = _specs(obj)
    if specs:
        update.update(dict.fromkeys((spec.slot for spec in specs), None))
        update.update(profile_values(specs, obj.attributes))
    return obj.model_copy(update=update)


def _specs(obj: BaseModel) -> tuple[ProfileSlot, ...]:
    """Profile slots of objects that have attributes (not of AgeInterval itself)."""
    layout = layouts().get(type(obj).__name__)
    if layout is None or "attributes" not in type(obj).model_fields:
        return ()
    return layout.profile


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
