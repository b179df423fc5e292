"""The targeted DICOM reader gives exactly what pydicom gives, and nothing off the allow-list."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from wsi_files import MARKERS, write_variant

from bigpicture.harvest.dicom import batch, binary, reference
from bigpicture.harvest.dicom.header import DicomHeader
from bigpicture.harvest.dicom.remote import read_header_prefix
from bigpicture.harvest.dicom.synthetic import SyntheticSlide

VARIANTS = {
    "explicit": ({}, {}),
    "implicit": ({}, {"implicit": True}),
    "undefined-lengths": ({}, {"undefined": True}),
    "implicit-undefined": ({}, {"implicit": True, "undefined": True}),
    "big-icc-profile": ({}, {"icc_bytes": 200_000}),
    "two-optical-paths": ({"optical_paths": 2, "magnification": 40.0}, {}),
    "no-stains": ({"stains": (), "container_id": "SLIDE_B", "specimen_id": "SPEC_B"}, {}),
    "ki67-label": ({"stains": ("ki67",), "flavour": "LABEL"}, {}),
    "latin-1": ({"manufacturer": "Hamamatsu Photonics Åb"}, {"charset": "ISO_IR 100"}),
    "utf-8": ({"model": "Scanner µ 3000"}, {}),
    "iso-2022-fallback": ({}, {"charset": "ISO 2022 IR 100"}),
    "no-specimen": ({}, {"drop": ("SpecimenDescriptionSequence",)}),
    "no-shared-groups": ({}, {"drop": ("SharedFunctionalGroupsSequence", "Manufacturer")}),
    "focal-planes": ({"focal_planes": 5, "columns": 123456, "rows": 654321}, {}),
    "identifying": ({"identifying": MARKERS}, {"undefined": True}),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("wsi")
    return {
        name: write_variant(folder / f"{name}.dcm", SyntheticSlide(**slide), **options)
        for name, (slide, options) in VARIANTS.items()
    }


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_targeted_reader_equals_pydicom(corpus, name) -> None:
    expected = reference.read_header(corpus[name])
    assert batch.read_one(corpus[name]).header == expected
    assert expected.sop_class_uid  # the corpus file really is a WSI file


def test_the_corpus_exercises_every_field(corpus) -> None:
    headers = [reference.read_header(path) for path in corpus.values()]
    for field in dataclasses.fields(DicomHeader):
        values = {repr(getattr(h, field.name)) for h in headers}
        assert len(values) > 1 or field.name == "sop_class_uid", field.name


def test_header_values(corpus) -> None:
    header = binary.read_header(corpus["two-optical-paths"])
    assert header.manufacturer == "Acme Scanners" and header.model == "SlideMaster 3000"
    assert header.magnification == 40.0 and header.optical_paths == 2
    assert header.pixel_spacing_mm == (0.0005, 0.0005)
    assert (header.total_columns, header.total_rows, header.focal_planes) == (40000, 30000, 1)
    assert header.container_id == "SLIDE_1" and header.specimen_ids == ("SPECIMEN_1",)
    assert [s.code for s in header.stains] == ["12710003", "36879007"]
    assert header.flavour == "VOLUME"
    assert binary.read_header(corpus["latin-1"]).manufacturer == "Hamamatsu Photonics Åb"


def test_unusual_files_fall_back_to_pydicom(corpus) -> None:
    with pytest.raises(binary.Unsupported):
        binary.read_header(corpus["iso-2022-fallback"])
    assert batch.read_one(corpus["iso-2022-fallback"]).header is not None


def test_header_from_a_prefix_reads_only_what_it_needs(corpus) -> None:
    data = corpus["big-icc-profile"].read_bytes()
    asked: list[int] = []

    def read(size: int) -> bytes:
        asked.append(size)
        return data[:size]

    assert read_header_prefix(read) == reference.read_header(corpus["big-icc-profile"])
    assert max(asked) < len(data) + 4 * 1024 * 1024 and len(asked) >= 2


def test_nothing_identifying_is_in_the_header(corpus) -> None:
    header = batch.read_one(corpus["identifying"]).header
    text = repr(header)
    for value in MARKERS.values():
        assert value.split("^")[0] not in text


def test_not_dicom_is_reported_not_raised(tmp_path) -> None:
    path = tmp_path / "junk.dcm"
    path.write_bytes(b"this is not a DICOM file" * 100)
    result = batch.read_one(path)
    assert result.header is None and result.error


def test_many_files_across_processes_keep_their_order(corpus, monkeypatch) -> None:
    monkeypatch.setattr(batch, "PARALLEL_THRESHOLD", 100)
    monkeypatch.setattr(batch, "CHUNK", 50)
    paths = [corpus[name] for name in sorted(VARIANTS)] * 40
    results = batch.read_headers(paths, workers=2)
    assert [r.path for r in results] == paths
    assert [r.header for r in results] == [batch.read_one(p).header for p in paths]
