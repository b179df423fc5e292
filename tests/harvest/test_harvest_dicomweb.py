"""DICOM headers from Debian's Orthanc over DICOMweb: QIDO-RS and WADO-RS metadata only."""

from __future__ import annotations

import pytest
from harvest_servers import start_orthanc
from wsi_files import MARKERS

from bigpicture.harvest.dicom import reference
from bigpicture.harvest.dicom.synthetic import SyntheticSlide, write_slide
from bigpicture.harvest.http_client import HttpClient, RetryPolicy
from bigpicture.harvest.nodes import Node
from bigpicture.harvest.sources.dicomweb import DicomWebSource

pytestmark = pytest.mark.orthanc

SLIDES = [
    SyntheticSlide(container_id="SLIDE_A", stains=("hematoxylin", "eosin"), identifying=MARKERS),
    SyntheticSlide(container_id="SLIDE_A", flavour="LABEL", identifying=MARKERS),
    SyntheticSlide(
        container_id="SLIDE_B",
        stains=("ki67",),
        magnification=40.0,
        manufacturer="Other Scanner Co",
        optical_paths=2,
    ),
]


@pytest.fixture(scope="module")
def orthanc(tmp_path_factory, orthanc_program):
    program = orthanc_program
    folder = tmp_path_factory.mktemp("orthanc")
    server = start_orthanc(program, folder)
    files = [write_slide(folder / f"slide{i}.dcm", slide, i) for i, slide in enumerate(SLIDES)]
    for path in files:
        server.upload(path)
    yield server, files
    server.stop()


def _source(url: str) -> DicomWebSource:
    node = Node("pacs", "dicomweb", url=url, images_of="utrecht", concurrency=2)
    return DicomWebSource(node, HttpClient(RetryPolicy(attempts=2, timeout=10)))


def test_headers_equal_those_of_the_files(orthanc) -> None:
    server, files = orthanc
    found = _source(server.dicomweb).headers(lambda done, total: None)
    expected = sorted(repr(reference.read_header(path)) for path in files)
    assert sorted(repr(item.header) for item in found) == expected
    assert {item.header.container_id for item in found} == {"SLIDE_A", "SLIDE_B"}


def test_only_listing_and_metadata_are_requested(orthanc, monkeypatch) -> None:
    server, _ = orthanc
    asked: list[str] = []
    original = HttpClient.get

    def spy(self, url, **kwargs):
        asked.append(url)
        return original(self, url, **kwargs)

    monkeypatch.setattr(HttpClient, "get", spy)
    _source(server.dicomweb).headers(lambda done, total: None)
    assert any(url.endswith("/metadata") for url in asked)
    for url in asked:
        path = url.split("?")[0]
        assert path.endswith(("/studies", "/series", "/metadata")), url


def test_nothing_identifying_leaves_the_source(orthanc) -> None:
    server, _ = orthanc
    text = repr(_source(server.dicomweb).headers(lambda done, total: None))
    for value in MARKERS.values():
        assert value.split("^")[0] not in text
