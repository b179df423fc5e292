"""The technical metadata of one DICOM WSI file, read through a strict allow-list.

DICOM PS3.3 A.32.8 (VL Whole Slide Microscopy Image IOD): General Equipment (C.7.5.1),
Whole Slide Microscopy Image (C.8.12.4), Optical Path (C.8.12.5), Specimen (C.7.6.22) and the
Pixel Measures functional group (C.7.6.16.2.1). Only the tags of :data:`ALLOW_LIST` are ever
read; everything else in a file (patient, study, person names, UIDs, comments) is skipped
unread, so it cannot reach the catalogue whatever the file holds.

The allow-list is a nested mapping ``tag -> None`` (a value to keep) or ``tag -> mapping`` (a
sequence whose items are read with that mapping). Readers turn a file into :data:`Elements`
(the same nested shape, holding decoded values) and :func:`build_header` turns that into a
:class:`DicomHeader`; the pydicom reader in ``reference`` builds the same header on its own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

# --- tags (group << 16 | element) --------------------------------------------------------
SPECIFIC_CHARACTER_SET = 0x00080005
IMAGE_TYPE = 0x00080008
SOP_CLASS_UID = 0x00080016
MANUFACTURER = 0x00080070
MODEL_NAME = 0x00081090
CODE_VALUE = 0x00080100
CODING_SCHEME = 0x00080102
CODE_MEANING = 0x00080104
PIXEL_SPACING = 0x00280030
PIXEL_MEASURES = 0x00289110
CONTAINER_ID = 0x00400512
SPECIMEN_ID = 0x00400551
SPECIMEN_DESCRIPTION = 0x00400560
SPECIMEN_PREPARATION = 0x00400610
PREPARATION_STEP_ITEMS = 0x00400612
CONCEPT_NAME = 0x0040A043
CONCEPT_CODE = 0x0040A168
TOTAL_COLUMNS = 0x00480006
TOTAL_ROWS = 0x00480007
FOCAL_PLANES = 0x00480013
OPTICAL_PATHS_SEQ = 0x00480105
OBJECTIVE_POWER = 0x00480112
OPTICAL_PATH_COUNT = 0x00480302
TOTAL_FOCAL_PLANES = 0x00480303
SHARED_GROUPS = 0x52009229

_CODE = {CODE_VALUE: None, CODING_SCHEME: None, CODE_MEANING: None}

#: Every tag a reader may look at; anything else is skipped unread.
ALLOW_LIST: Mapping[int, object] = {
    SPECIFIC_CHARACTER_SET: None,
    IMAGE_TYPE: None,
    SOP_CLASS_UID: None,
    MANUFACTURER: None,
    MODEL_NAME: None,
    CONTAINER_ID: None,
    SPECIMEN_DESCRIPTION: {
        SPECIMEN_ID: None,
        SPECIMEN_PREPARATION: {PREPARATION_STEP_ITEMS: {CONCEPT_NAME: _CODE, CONCEPT_CODE: _CODE}},
    },
    TOTAL_COLUMNS: None,
    TOTAL_ROWS: None,
    FOCAL_PLANES: None,
    OPTICAL_PATHS_SEQ: {OBJECTIVE_POWER: None},
    OPTICAL_PATH_COUNT: None,
    TOTAL_FOCAL_PLANES: None,
    SHARED_GROUPS: {PIXEL_MEASURES: {PIXEL_SPACING: None}},
}

#: Value representation of every allow-listed value (for implicit-VR files).
VR_OF: Mapping[int, str] = {
    SPECIFIC_CHARACTER_SET: "CS",
    IMAGE_TYPE: "CS",
    SOP_CLASS_UID: "UI",
    MANUFACTURER: "LO",
    MODEL_NAME: "LO",
    CODE_VALUE: "SH",
    CODING_SCHEME: "SH",
    CODE_MEANING: "LO",
    PIXEL_SPACING: "DS",
    CONTAINER_ID: "LO",
    SPECIMEN_ID: "LO",
    TOTAL_COLUMNS: "UL",
    TOTAL_ROWS: "UL",
    FOCAL_PLANES: "US",
    OBJECTIVE_POWER: "DS",
    OPTICAL_PATH_COUNT: "UL",
    TOTAL_FOCAL_PLANES: "UL",
}

#: Concept name of a specimen preparation step item giving the substance used (SCT 424361007).
USING_SUBSTANCE = ("424361007", "SCT")
#: SOP Class UID of VL Whole Slide Microscopy Image Storage.
WSI_SOP_CLASS = "1.2.840.10008.5.1.4.1.1.77.1.6"

#: Decoded elements: ``tag -> values`` (leaf) or ``tag -> list of item Elements`` (sequence).
Elements = Mapping[int, Sequence[object]]


@dataclass(frozen=True, order=True)
class CodedConcept:
    """A coded value (PS3.3 8.8): code value, coding scheme designator and code meaning."""

    code: str
    scheme: str
    meaning: str


@dataclass(frozen=True)
class DicomHeader:
    """The allow-listed technical metadata of one DICOM file; nothing else exists here."""

    sop_class_uid: str = ""
    image_type: tuple[str, ...] = ()
    manufacturer: str = ""
    model: str = ""
    objective_powers: tuple[float, ...] = ()
    """Objective lens power of each optical path (the magnification, e.g. 20.0 or 40.0)."""
    pixel_spacing_mm: tuple[float, ...] = ()
    """Pixel spacing (row, column) in mm, from the shared Pixel Measures functional group."""
    total_columns: int | None = None
    total_rows: int | None = None
    focal_planes: int | None = None
    optical_paths: int | None = None
    container_id: str = ""
    """Container (slide) identifier: ties the file to a MetaFleX SLIDE or IMAGE."""
    specimen_ids: tuple[str, ...] = ()
    stains: tuple[CodedConcept, ...] = ()
    """Substances used in the staining steps of the specimen preparation."""

    @property
    def flavour(self) -> str:
        """The third value of Image Type: VOLUME, LABEL, OVERVIEW or THUMBNAIL (or '')."""
        return self.image_type[2] if len(self.image_type) > 2 else ""

    @property
    def magnification(self) -> float | None:
        """The objective lens power of the first optical path that states one."""
        return self.objective_powers[0] if self.objective_powers else None

    @property
    def scanner(self) -> str:
        """Manufacturer and model, as one label ("Leica Aperio GT 450")."""
        return " ".join(part for part in (self.manufacturer, self.model) if part)


def text(elements: Elements, tag: int) -> str:
    """A string value (several values joined by a backslash, as DICOM writes them)."""
    values = elements.get(tag)
    if not values:
        return ""
    if len(values) == 1:
        return str(values[0])
    return "\\".join(str(value) for value in values)


def integer(elements: Elements, tag: int) -> int | None:
    """The first value of an integer element, if any."""
    values = elements.get(tag, ())
    return int(values[0]) if values else None  # type: ignore[call-overload]


def decimals(elements: Elements, tag: int) -> tuple[float, ...]:
    """The values of a decimal string element."""
    return tuple(float(value) for value in elements.get(tag, ()))  # type: ignore[arg-type]


def items(elements: Elements, tag: int) -> Sequence[Elements]:
    """The items of a sequence element (none when absent)."""
    return elements.get(tag, ())  # type: ignore[return-value]


def _code(item: Elements, tag: int) -> CodedConcept | None:
    for code in items(item, tag)[:1]:
        return CodedConcept(
            text(code, CODE_VALUE), text(code, CODING_SCHEME), text(code, CODE_MEANING)
        )
    return None


def _stains(elements: Elements) -> tuple[CodedConcept, ...]:
    found: list[CodedConcept] = []
    for description in items(elements, SPECIMEN_DESCRIPTION):
        for step in items(description, SPECIMEN_PREPARATION):
            for item in items(step, PREPARATION_STEP_ITEMS):
                name = _code(item, CONCEPT_NAME)
                value = _code(item, CONCEPT_CODE)
                if name and value and (name.code, name.scheme) == USING_SUBSTANCE:
                    if value not in found:
                        found.append(value)
    return tuple(found)


def _pixel_spacing(elements: Elements) -> tuple[float, ...]:
    for group in items(elements, SHARED_GROUPS)[:1]:
        for measures in items(group, PIXEL_MEASURES)[:1]:
            return decimals(measures, PIXEL_SPACING)
    return ()


def _optical_paths(elements: Elements) -> tuple[tuple[float, ...], int | None]:
    paths = items(elements, OPTICAL_PATHS_SEQ)
    powers = tuple(p for path in paths for p in decimals(path, OBJECTIVE_POWER)[:1])
    count = integer(elements, OPTICAL_PATH_COUNT)
    return powers, count if count is not None else (len(paths) or None)


def build_header(elements: Elements) -> DicomHeader:
    """The header of a file from its allow-listed elements."""
    powers, paths = _optical_paths(elements)
    focal = integer(elements, TOTAL_FOCAL_PLANES)
    return DicomHeader(
        sop_class_uid=text(elements, SOP_CLASS_UID),
        image_type=tuple(str(value) for value in elements.get(IMAGE_TYPE, ())),
        manufacturer=text(elements, MANUFACTURER),
        model=text(elements, MODEL_NAME),
        objective_powers=powers,
        pixel_spacing_mm=_pixel_spacing(elements),
        total_columns=integer(elements, TOTAL_COLUMNS),
        total_rows=integer(elements, TOTAL_ROWS),
        focal_planes=focal if focal is not None else integer(elements, FOCAL_PLANES),
        optical_paths=paths,
        container_id=text(elements, CONTAINER_ID),
        specimen_ids=tuple(
            text(d, SPECIMEN_ID)
            for d in items(elements, SPECIMEN_DESCRIPTION)
            if d.get(SPECIMEN_ID)
        ),
        stains=_stains(elements),
    )
