"""Hypothesis strategies for valid model objects, derived from the model's XML layout.

Every class gets a strategy built from its layout (``bigpicture.model.io_layout``): XML
attributes and text as unicode, decimals, enums from their permissible values, nil where the
XSD allows it, empty and repeated lists, nested SET attributes, one slot per XSD choice, and
the TAG-profile slots filled from the attributes the way the reader fills them.
"""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import quote

from hypothesis import strategies as st

from bigpicture.model.generated import metaflex as m
from bigpicture.model.io_layout import ClassLayout, FieldLayout, layouts, object_kinds
from bigpicture.model.profile import profile_values

#: Characters XML 1.0 can carry (no controls but tab and newline, no surrogates, no U+FFFE/F).
XML_TEXT = st.text(
    st.characters(
        blacklist_categories=("Cs", "Cc"),
        blacklist_characters="\ufffe\uffff",
    )
    | st.sampled_from("\t\n <>&\"'é😀"),
    max_size=12,
)
HEX64 = st.text("0123456789abcdef", min_size=64, max_size=64)
DECIMALS = st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-(10**9),
                       max_value=10**9)  # fmt: skip
SPECIAL_TEXT = {
    "checksum": HEX64,
    "unencrypted_checksum": HEX64,
    "metadata_standard": st.integers(0, 40).map(lambda n: f"2.0.{n}"),
    "pic_code": st.integers(100_000_000, 999_999_999).map(str),
    "rems_access_link": st.sampled_from(["https://rems.example.org/a?items=1", "urn:x:y"]),
}
#: The TAGs of the profile, so that generated attributes exercise the typed slots.
TAGS = st.sampled_from(
    ["sex", "animal_species", "anatomical_site", "specimen_type", "fixation_type",
     "extraction_method", "block_preparation", "staining_method", "staining_target",
     "staining_procedure", "doi", "type_of_dataset", "age_at_extraction", "interval_start",
     "interval_length", "unknown_tag", "ä tag"]
) | XML_TEXT  # fmt: skip
PROFILE_STRINGS = st.sampled_from(["Male", "Female", "Not-known", "Other", "P65Y", "P5Y"])


def _scalar(field: FieldLayout) -> st.SearchStrategy:
    if field.slot in SPECIAL_TEXT:
        return SPECIAL_TEXT[field.slot]
    if field.enum_values:
        return st.sampled_from(field.enum_values)
    if field.datatype == "decimal":
        return DECIMALS
    if field.slot == "tag":
        return TAGS
    if field.slot == "value":
        return PROFILE_STRINGS | XML_TEXT
    return XML_TEXT


def _field(field: FieldLayout, depth: int) -> st.SearchStrategy:
    if field.kind in ("wrapper", "items"):
        names = sorted(set(field.items.values()))
        if depth > 2:
            names = [n for n in names if n != "SetAttribute"] or names
        item = st.one_of([instances(n, depth + 1) for n in names])
        high = 3 if field.max_items == -1 else min(field.max_items, 5)
        value = st.lists(item, min_size=field.min_items if field.kind == "wrapper" else 0,
                         max_size=high)  # fmt: skip
    elif field.target:
        value = instances(field.target, depth + 1)
    else:
        value = _scalar(field)
    if field.multivalued and field.kind == "element":
        unique = field.target is None
        value = st.lists(value, min_size=max(field.min_occurs, 0), max_size=3, unique=unique)
        if field.min_occurs == 0:
            value = value.map(lambda v: v or None)
    if field.nillable or (field.min_occurs == 0 and not field.multivalued):
        value = st.none() | value
    return value


@st.composite
def _values(draw, layout: ClassLayout, depth: int) -> dict:
    values: dict[str, object] = {}
    choices: dict[str, list[FieldLayout]] = {}
    for field in (*layout.attributes, *layout.children):
        if field.choice:
            choices.setdefault(field.choice, []).append(field)
            continue
        values[field.slot] = draw(_field(field, depth))
    for group in choices.values():
        chosen = draw(st.sampled_from(group))
        value = draw(_field(chosen, depth))
        if value is None and not chosen.nillable:
            value = draw(_field(chosen, depth).filter(lambda v: v is not None))
        values[chosen.slot] = value
    for field in layout.held:
        if values.get(field.slot) is None:
            values[field.slot] = []
    if layout.profile:
        values.update(profile_values(layout.profile, values.get("attributes")))
    return values


def instances(class_name: str, depth: int = 0) -> st.SearchStrategy:
    """Valid instances of one generated class (nested objects included)."""
    layout = layouts()[class_name]
    values = _values(layout, depth)
    if layout.element in object_kinds():
        values = values.map(
            lambda v: {**v, "id": f"{layout.element.lower()}/{quote(v['alias'], safe='')}"}
        )
    return values.map(lambda v: layout.cls.model_validate(v))


def objects_of(element: str, max_size: int = 4) -> st.SearchStrategy:
    """Lists of objects of one kind with unique aliases (as in a valid file)."""
    return st.lists(
        instances(object_kinds()[element].name),
        min_size=1,
        max_size=max_size,
        unique_by=lambda obj: obj.alias,
    )


def submissions() -> st.SearchStrategy:
    """Submissions of a few objects of every kind."""
    from bigpicture.model.xml_io import SUBMISSION_SLOTS

    parts = {slot: objects_of(element, 2) | st.none() for element, slot in SUBMISSION_SLOTS.items()}
    return st.fixed_dictionaries(parts).map(lambda kw: m.Submission(**kw))


__all__ = ["instances", "objects_of", "submissions", "Decimal"]
