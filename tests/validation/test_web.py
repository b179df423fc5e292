"""``POST /api/validate``: the same JSON report over HTTP, the HTML page, and the upload limit."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from validation_cases import apply_patches, load_case
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from bigpicture.catalogue.settings import load_settings
from bigpicture.catalogue.validation import validate_path
from bigpicture.catalogue.web import create_app


def _zip(folder: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*.xml")):
            archive.write(path, f"{folder.name}/{path.relative_to(folder).as_posix()}")
    return buffer.getvalue()


@pytest.fixture
def client(tmp_path: Path):
    settings = load_settings(environ={}, data_dir=tmp_path / "data", upload_limit_mb=1)
    return create_app(settings).test_client()


def _post(client, name: str, data: bytes, query: str = ""):
    """A multipart upload built in memory (no spooled temporary file left open)."""
    boundary, body = encode_multipart({"file": FileStorage(io.BytesIO(data), name)})
    return client.post(
        f"/api/validate{query}", data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )


def test_zip_gives_the_same_report_as_the_cli(client, submission: Path) -> None:
    apply_patches(submission, load_case("meaning-mismatch")["patches"])
    answer = _post(client, "submission.zip", _zip(submission))
    assert answer.status_code == 200 and answer.is_json
    expected = validate_path(submission).to_json()
    assert answer.get_json()["findings"] == expected["findings"]
    assert answer.get_json()["valid"] is True


def test_one_xml_file(client, submission: Path) -> None:
    data = (submission / "METADATA" / "dataset.xml").read_bytes().replace(b"<TITLE>", b"<TITEL>")
    report = _post(client, "dataset.xml", data).get_json()
    assert report["valid"] is False
    assert any(f["stage"] == "parsing" and f["file"] == "dataset.xml" for f in report["findings"])


def test_html_report(client, submission: Path) -> None:
    answer = _post(client, "submission.zip", _zip(submission), "?format=html")
    assert answer.status_code == 200 and answer.mimetype == "text/html"
    assert b"VALID" in answer.data


def test_upload_over_the_limit_is_413(client) -> None:
    answer = _post(client, "big.zip", b"PK" + b"\0" * (2 * 1024 * 1024))
    assert answer.status_code == 413
    assert "limit of 1 MB" in answer.get_json()["error"]


@pytest.mark.parametrize("data", [b"PK\x03\x04 broken", b""])
def test_unreadable_upload_is_400(client, data: bytes) -> None:
    answer = _post(client, "broken.zip", data)
    assert answer.status_code == 400 and answer.get_json()["error"]


def test_missing_file_is_400(client) -> None:
    answer = client.post("/api/validate", data={}, content_type="multipart/form-data")
    assert answer.status_code == 400
