"""The same header read with pydicom: the fallback for unusual files and the yardstick.

DICOM PS3.3 A.32.8 through pydicom's data dictionary. This reader parses the whole header
(``stop_before_pixels``) and then picks the allow-listed attributes by keyword; the targeted
reader in ``binary`` must give exactly the same :class:`DicomHeader` (a test checks it on a
corpus, the benchmark compares their speed).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from bigpicture.harvest.dicom.header import USING_SUBSTANCE, CodedConcept, DicomHeader


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str | bytes):
        return str(value).strip(" \x00")
    if isinstance(value, Iterable):
        return "\\".join(str(item).strip(" \x00") for item in value)
    return str(value).strip(" \x00")


def _values(value: object) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str) or not isinstance(value, Iterable):
        return (str(value).strip(" \x00"),)
    return tuple(str(item).strip(" \x00") for item in value)  # type: ignore[union-attr]


def _floats(value: object) -> tuple[float, ...]:
    return tuple(float(item) for item in _values(value) if item != "")


def _int(value: object) -> int | None:
    if value is None or value == "":
        return None
    return int(value[0] if isinstance(value, list | tuple) else value)  # type: ignore[arg-type]


def _code(sequence: object) -> CodedConcept | None:
    for item in sequence or ():  # type: ignore[attr-defined]
        return CodedConcept(
            _text(item.get("CodeValue")),
            _text(item.get("CodingSchemeDesignator")),
            _text(item.get("CodeMeaning")),
        )
    return None


def _stains(ds) -> tuple[CodedConcept, ...]:
    found: list[CodedConcept] = []
    for description in ds.get("SpecimenDescriptionSequence", ()):
        for step in description.get("SpecimenPreparationSequence", ()):
            for item in step.get("SpecimenPreparationStepContentItemSequence", ()):
                name = _code(item.get("ConceptNameCodeSequence"))
                value = _code(item.get("ConceptCodeSequence"))
                if name and value and (name.code, name.scheme) == USING_SUBSTANCE:
                    if value not in found:
                        found.append(value)
    return tuple(found)


def _pixel_spacing(ds) -> tuple[float, ...]:
    for group in ds.get("SharedFunctionalGroupsSequence", ())[:1]:
        for measures in group.get("PixelMeasuresSequence", ())[:1]:
            return _floats(measures.get("PixelSpacing"))
    return ()


def header_from_dataset(ds) -> DicomHeader:
    """The allow-listed header of a pydicom Dataset."""
    paths = ds.get("OpticalPathSequence", ())
    powers = tuple(p for path in paths for p in _floats(path.get("ObjectiveLensPower"))[:1])
    count = _int(ds.get("NumberOfOpticalPaths"))
    focal = _int(ds.get("TotalPixelMatrixFocalPlanes"))
    descriptions = ds.get("SpecimenDescriptionSequence", ())
    return DicomHeader(
        sop_class_uid=_text(ds.get("SOPClassUID")),
        image_type=_values(ds.get("ImageType")),
        manufacturer=_text(ds.get("Manufacturer")),
        model=_text(ds.get("ManufacturerModelName")),
        objective_powers=powers,
        pixel_spacing_mm=_pixel_spacing(ds),
        total_columns=_int(ds.get("TotalPixelMatrixColumns")),
        total_rows=_int(ds.get("TotalPixelMatrixRows")),
        focal_planes=focal if focal is not None else _int(ds.get("NumberOfFocalPlanes")),
        optical_paths=count if count is not None else (len(paths) or None),
        container_id=_text(ds.get("ContainerIdentifier")),
        specimen_ids=tuple(
            _text(d.SpecimenIdentifier) for d in descriptions if d.get("SpecimenIdentifier")
        ),
        stains=_stains(ds),
    )


def read_header(path: Path) -> DicomHeader:
    """The header of a local file, parsed whole by pydicom (pixel data excepted)."""
    import pydicom

    return header_from_dataset(pydicom.dcmread(path, stop_before_pixels=True))


def read_header_from_bytes(data: bytes) -> DicomHeader:
    """The header of a file given its first bytes (enough to hold the whole header)."""
    import io

    import pydicom

    return header_from_dataset(pydicom.dcmread(io.BytesIO(data), stop_before_pixels=True))
