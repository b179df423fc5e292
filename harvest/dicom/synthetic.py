"""Synthetic VL Whole Slide Microscopy Image files (tiny pixel data) for tests, demos, benchmarks.

DICOM PS3.3 A.32.8: the modules a scanner writes (patient, study, series, equipment, whole
slide image, optical path, specimen with a staining step, shared functional groups), filled
with made-up values. ``identifying`` puts given strings into every identifying attribute
(patient, person names, accession number, comments) so that tests can prove they never leave
the harvester.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bigpicture.harvest.dicom.header import WSI_SOP_CLASS

#: SNOMED CT stains (PS3.16 CID 8112) by short name.
STAINS: Mapping[str, tuple[str, str]] = {
    "hematoxylin": ("12710003", "hematoxylin stain"),
    "eosin": ("36879007", "water soluble eosin stain"),
    "ki67": ("406479005", "Ki-67 antibody"),
}


@dataclass(frozen=True)
class SyntheticSlide:
    """What one synthetic WSI file says about its slide and scanner."""

    container_id: str = "SLIDE_1"
    specimen_id: str = "SPECIMEN_1"
    manufacturer: str = "Acme Scanners"
    model: str = "SlideMaster 3000"
    magnification: float = 20.0
    pixel_spacing_mm: float = 0.0005
    columns: int = 40000
    rows: int = 30000
    focal_planes: int = 1
    optical_paths: int = 1
    stains: Sequence[str] = ("hematoxylin", "eosin")
    flavour: str = "VOLUME"
    identifying: Mapping[str, str] = field(default_factory=dict)
    """Keyword -> value for identifying attributes (PatientName, PatientID, …)."""


IDENTIFYING_KEYWORDS: tuple[str, ...] = (
    "PatientName",
    "PatientID",
    "PatientBirthDate",
    "PatientAddress",
    "OtherPatientIDs",
    "PatientComments",
    "AccessionNumber",
    "ReferringPhysicianName",
    "OperatorsName",
    "PerformingPhysicianName",
    "InstitutionName",
    "InstitutionAddress",
    "StudyDescription",
    "SeriesDescription",
    "ImageComments",
    "StudyID",
    "DeviceSerialNumber",
)


def _code(value: str, scheme: str, meaning: str):
    from pydicom.dataset import Dataset

    code = Dataset()
    code.CodeValue, code.CodingSchemeDesignator, code.CodeMeaning = value, scheme, meaning
    return code


def _content_item(name: tuple[str, str, str], value, text: str = ""):
    from pydicom.dataset import Dataset

    item = Dataset()
    item.ValueType = "TEXT" if text else "CODE"
    item.ConceptNameCodeSequence = [_code(*name)]
    if text:
        item.TextValue = text
    else:
        item.ConceptCodeSequence = [value]
    return item


def _specimen(slide: SyntheticSlide, comment: str):
    from pydicom.dataset import Dataset

    step = Dataset()
    step.SpecimenPreparationStepContentItemSequence = [
        _content_item(("121041", "DCM", "Specimen Identifier"), None, text=slide.specimen_id),
        _content_item(("111701", "DCM", "Processing type"), _code("127790008", "SCT", "Staining")),
        *(
            _content_item(
                ("424361007", "SCT", "Using substance"), _code(*STAINS[s][:1], "SCT", STAINS[s][1])
            )
            for s in slide.stains
        ),
    ]
    description = Dataset()
    description.SpecimenIdentifier = slide.specimen_id
    description.SpecimenUID = "2.25.1000"
    description.SpecimenPreparationSequence = [step]
    if comment:
        description.SpecimenShortDescription = comment[:64]
        description.SpecimenDetailedDescription = comment
    return description


def _optical_path(index: int, magnification: float):
    from pydicom.dataset import Dataset

    path = Dataset()
    path.OpticalPathIdentifier = str(index + 1)
    path.IlluminationTypeCodeSequence = [_code("111744", "DCM", "Brightfield illumination")]
    path.IlluminationColorCodeSequence = [_code("414298005", "SCT", "Full Spectrum")]
    path.ObjectiveLensPower = magnification
    return path


def _shared_groups(slide: SyntheticSlide):
    from pydicom.dataset import Dataset

    measures = Dataset()
    measures.PixelSpacing = [slide.pixel_spacing_mm, slide.pixel_spacing_mm]
    measures.SliceThickness = 0.001
    group = Dataset()
    group.PixelMeasuresSequence = [measures]
    return group


def _identity(ds, slide: SyntheticSlide) -> None:
    values = {"PatientName": "Anonymous^Slide", "PatientID": "ANON", **slide.identifying}
    for keyword, value in values.items():
        setattr(ds, keyword, value)


def build_dataset(slide: SyntheticSlide, index: int = 0):
    """A pydicom FileDataset of one synthetic WSI instance."""
    from pydicom import Dataset
    from pydicom.dataset import FileMetaDataset
    from pydicom.uid import ExplicitVRLittleEndian, generate_uid

    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = WSI_SOP_CLASS
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset()
    ds.file_meta = meta
    ds.SpecificCharacterSet = "ISO_IR 192"
    ds.ImageType = ["ORIGINAL", "PRIMARY", slide.flavour, "NONE"]
    ds.SOPClassUID = WSI_SOP_CLASS
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.StudyInstanceUID = slide.identifying.get("StudyInstanceUID", generate_uid())
    ds.SeriesInstanceUID = slide.identifying.get("SeriesInstanceUID", generate_uid())
    ds.FrameOfReferenceUID = generate_uid()
    ds.StudyDate, ds.StudyTime, ds.ContentDate = "20240101", "120000", "20240101"
    ds.Modality, ds.InstanceNumber, ds.SeriesNumber = "SM", index + 1, 1
    ds.Manufacturer, ds.ManufacturerModelName = slide.manufacturer, slide.model
    ds.SoftwareVersions = "1.0"
    _identity(ds, slide)
    ds.ContainerIdentifier = slide.container_id
    ds.SpecimenDescriptionSequence = [_specimen(slide, slide.identifying.get("ImageComments", ""))]
    ds.ImagedVolumeWidth, ds.ImagedVolumeHeight, ds.ImagedVolumeDepth = 20.0, 15.0, 0.001
    ds.TotalPixelMatrixColumns, ds.TotalPixelMatrixRows = slide.columns, slide.rows
    ds.TotalPixelMatrixFocalPlanes = slide.focal_planes
    ds.NumberOfFocalPlanes = slide.focal_planes
    ds.NumberOfOpticalPaths = slide.optical_paths
    ds.OpticalPathSequence = [
        _optical_path(i, slide.magnification) for i in range(slide.optical_paths)
    ]
    ds.DimensionOrganizationType = "TILED_FULL"
    ds.SharedFunctionalGroupsSequence = [_shared_groups(slide)]
    ds.SamplesPerPixel, ds.PhotometricInterpretation = 3, "RGB"
    ds.PlanarConfiguration, ds.Rows, ds.Columns = 0, 2, 2
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 8, 8, 7, 0
    ds.NumberOfFrames = 1
    ds.PixelData = bytes(12)
    return ds


def write_slide(path: Path, slide: SyntheticSlide, index: int = 0, implicit: bool = False) -> Path:
    """Write one synthetic WSI file (explicit VR little endian unless ``implicit``)."""
    from pydicom.uid import ImplicitVRLittleEndian

    ds = build_dataset(slide, index)
    if implicit:
        ds.file_meta.TransferSyntaxUID = ImplicitVRLittleEndian
    path.parent.mkdir(parents=True, exist_ok=True)
    ds.save_as(path, enforce_file_format=True)
    return path
