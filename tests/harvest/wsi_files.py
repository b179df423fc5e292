"""Writers of VL WSI test files in the forms real scanners produce (used by the harvest tests)."""

from __future__ import annotations

from pathlib import Path

from bigpicture.harvest.dicom.synthetic import SyntheticSlide, build_dataset

#: Strings that must never leave the harvester (one per identifying attribute).
MARKERS = {
    "PatientName": "ZZMARKPATNAME^Secret",
    "PatientID": "ZZMARKPATID123",
    "PatientBirthDate": "19020304",
    "PatientAddress": "ZZMARKADDRESS 1 Hidden Street",
    "OtherPatientIDs": "ZZMARKOTHERID",
    "PatientComments": "ZZMARKPATCOMMENT",
    "AccessionNumber": "ZZMARKACCESSION",
    "ReferringPhysicianName": "ZZMARKREFPHYS^Doc",
    "OperatorsName": "ZZMARKOPERATOR^Op",
    "PerformingPhysicianName": "ZZMARKPERFPHYS^Doc",
    "InstitutionName": "ZZMARKINSTITUTION",
    "InstitutionAddress": "ZZMARKINSTADDRESS",
    "StudyDescription": "ZZMARKSTUDYDESC",
    "SeriesDescription": "ZZMARKSERIESDESC",
    "ImageComments": "ZZMARKIMAGECOMMENT free text",
    "StudyID": "ZZMARKSTUDYID",
    "DeviceSerialNumber": "ZZMARKSERIAL",
    "StudyInstanceUID": "1.2.826.0.1.3680043.9.9999.424242",
    "SeriesInstanceUID": "1.2.826.0.1.3680043.9.9999.434343",
}
#: The parts of MARKERS that are searched for in outputs (dates and UIDs as written).
MARKER_STRINGS = [v.split("^")[0] for v in MARKERS.values()] + ["19020304"]


def _undefined_lengths(dataset) -> None:
    for element in dataset:
        if element.VR == "SQ":
            element.is_undefined_length = True
            for item in element.value:
                item.is_undefined_length_sequence_item = True
                _undefined_lengths(item)


def write_variant(
    path: Path,
    slide: SyntheticSlide,
    *,
    implicit: bool = False,
    undefined: bool = False,
    icc_bytes: int = 0,
    charset: str = "ISO_IR 192",
    drop: tuple[str, ...] = (),
) -> Path:
    """One WSI file in a given encoding variant."""
    from pydicom.uid import ImplicitVRLittleEndian

    ds = build_dataset(slide)
    ds.SpecificCharacterSet = charset
    if icc_bytes:
        ds.ICCProfile = bytes(icc_bytes)
    for keyword in drop:
        if keyword in ds:
            delattr(ds, keyword)
    if undefined:
        _undefined_lengths(ds)
    if implicit:
        ds.file_meta.TransferSyntaxUID = ImplicitVRLittleEndian
    path.parent.mkdir(parents=True, exist_ok=True)
    ds.save_as(path, enforce_file_format=True)
    return path
