"""DICOM JSON metadata (WADO-RS ``/metadata``) read through the same allow-list.

DICOM PS3.18 F.2 (DICOM JSON Model): an instance is an object keyed by eight-hex-digit tags,
each with ``vr`` and ``Value`` (a list; items of a sequence are objects again). Only the tags
of :data:`~bigpicture.harvest.dicom.header.ALLOW_LIST` are looked at.
"""

from __future__ import annotations

from collections.abc import Mapping

from bigpicture.harvest.dicom.header import ALLOW_LIST, DicomHeader, Elements, build_header


def _leaf(values: list) -> list:
    found = []
    for value in values:
        if isinstance(value, str):
            value = value.strip(" \x00")
        if value not in ("", None) and not isinstance(value, dict):
            found.append(value)
    return found


def elements_from_json(instance: Mapping, allow: Mapping = ALLOW_LIST) -> Elements:
    """The allow-listed elements of one DICOM JSON instance."""
    out: dict[int, list] = {}
    for tag, sub in allow.items():
        element = instance.get(f"{tag:08X}")
        if not isinstance(element, Mapping):
            continue
        values = element.get("Value")
        if not isinstance(values, list):
            continue
        if sub is None:
            out[tag] = _leaf(values)
        else:
            out[tag] = [
                elements_from_json(item, sub) for item in values if isinstance(item, Mapping)
            ]
    return out


def header_from_json(instance: Mapping) -> DicomHeader:
    """The header of one instance of a WADO-RS metadata response."""
    return build_header(elements_from_json(instance))
