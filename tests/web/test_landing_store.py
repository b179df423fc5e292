"""Landing pages over the real catalogue store: ingest, new version and withdrawal show up at
once, through both caches."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from bigpicture.catalogue.dcat.namespaces import DCAT
from bigpicture.catalogue.settings import load_settings
from bigpicture.catalogue.web import create_app

pytestmark = pytest.mark.slow

DEMO = Path(__file__).resolve().parents[2] / "catalogue" / "demo"
LEEDS_1 = DEMO / "round-1" / "leeds" / "DATASET_BPSYN_LEEDS_0003"
LEEDS_2 = DEMO / "round-2" / "leeds" / "DATASET_BPSYN_LEEDS_0003"
BASE = "https://store.example.org"


def test_versions_and_withdrawal_through_the_store(tmp_path: Path) -> None:
    from bigpicture.catalogue.app import open_catalogue

    settings = load_settings(environ={}, data_dir=tmp_path / "data", base_url=BASE)
    catalogue = open_catalogue(settings)
    first = catalogue.ingest(LEEDS_1, node="leeds").record.id
    client = create_app(settings).test_client()

    page = client.get(f"/datasets/{first}")
    assert page.status_code == 200 and b"Synthetic liver whole slide images" in page.data
    assert b"This version has been superseded" not in client.get(f"/datasets/{first}").data

    second = catalogue.ingest(LEEDS_2, node="leeds").record.id
    html = client.get(f"/datasets/{first}").get_data(as_text=True)
    assert "This version has been superseded" in html
    assert f'href="{BASE}/datasets/{second}">See the latest version' in html
    assert client.get("/datasets/BPSYN_LEEDS_0003").headers["Location"].endswith(second)

    catalogue.withdraw(second, reason="Test withdrawal: consent revoked.")
    gone = client.get(f"/datasets/{second}")
    assert gone.status_code == 410
    assert "Test withdrawal: consent revoked." in gone.get_data(as_text=True)
    assert "Synthetic liver whole slide images from Leeds" in gone.get_data(as_text=True)
    catalog = Graph().parse(data=client.get("/catalog.ttl").data, format="turtle")
    listed = {str(o) for o in catalog.objects(URIRef(f"{BASE}/catalog"), DCAT.dataset)}
    assert listed == {f"{BASE}/datasets/{first}#dataset"}


def test_sample_images_kept_at_ingest_are_shown_and_served(
    tmp_path: Path, example_submission: Path
) -> None:
    import shutil

    from bigpicture.catalogue.app import open_catalogue

    submission = tmp_path / example_submission.name
    shutil.copytree(example_submission, submission)
    thumbnails = submission / "LANDING_PAGE" / "THUMBNAILS"
    thumbnails.mkdir()
    jpeg = b"\xff\xd8\xff\xe0 a sample image"
    (thumbnails / "LUNGEX_IMG_01_HE_thumbnail.jpg").write_bytes(jpeg)
    settings = load_settings(environ={}, data_dir=tmp_path / "data", base_url=BASE)
    version = open_catalogue(settings).ingest(submission, node="helsinki").record.id
    client = create_app(settings).test_client()

    html = client.get(f"/datasets/{version}").get_data(as_text=True)
    assert f"/datasets/{version}/samples/LUNGEX_IMG_01_HE_thumbnail.jpg" in html
    assert f"/datasets/{version}/samples/LUNGEX_IMG_01_TTF1_thumbnail.jpg" not in html  # no file
    served = client.get(f"/datasets/{version}/samples/LUNGEX_IMG_01_HE_thumbnail.jpg")
    assert served.status_code == 200 and served.data == jpeg
    assert served.content_type == "image/jpeg"
    missing = client.get(f"/datasets/{version}/samples/LUNGEX_IMG_01_TTF1_thumbnail.jpg")
    assert missing.status_code == 404
