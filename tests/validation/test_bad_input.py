"""Hostile and broken input: each case gives a clear finding (exit 1) or an input error (exit 2)
in bounded time and memory, reads nothing outside the submission, opens no connection and
prints no traceback. ``bpcat validate`` runs in a child process with a memory cap and a timeout.
"""

from __future__ import annotations

import http.server
import json
import os
import resource
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from bigpicture.catalogue.validation.parsing import safe_parser

BPCAT = Path(sys.executable).with_name("bpcat")
MEMORY_CAP = 3 * 1024**3
TIMEOUT = 120
SECRET = "top-secret-content-7f3a"


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run_validate(path: Path, *args: str) -> tuple[int, dict | None, str]:
    """Exit code, JSON report (None on exit 2) and stderr of ``bpcat validate``."""
    done = subprocess.run(
        [str(BPCAT), "validate", str(path), "--format", "json", *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=_cap_memory,
        env={**os.environ, "BPCAT_DATA_DIR": str(path.parent / "bpcat-data")},
    )
    assert "Traceback" not in done.stdout + done.stderr
    report = json.loads(done.stdout) if done.returncode in (0, 1) else None
    return done.returncode, report, done.stderr


def rules(report: dict) -> set[str]:
    return {f["rule"] for f in report["findings"]}


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        type(self).requests.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b'<!ENTITY e "fetched">')

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def http_server() -> Iterator[tuple[str, list[str]]]:
    """A real HTTP server on 127.0.0.1 that records every request it gets."""
    handler = type("Recorder", (_Recorder,), {"requests": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", handler.requests
    server.shutdown()
    server.server_close()


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    """A named pipe: opening it for reading blocks forever, so any read would hang the run."""
    path = tmp_path / "outside" / "pipe"
    path.parent.mkdir()
    os.mkfifo(path)
    return path


def _policy(submission: Path, text: str) -> Path:
    path = submission / "METADATA" / "policy.xml"
    path.write_text(text, encoding="utf-8")
    return path


POLICY_BODY = """<POLICY_SET xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <POLICY alias="LUNGEX_POLICY"><DATASET_REF alias="BP_LUNG_ADC_EXAMPLE"/>
  <ATTRIBUTES><STRING_ATTRIBUTE><TAG>type_of_dataset</TAG><VALUE>{value}</VALUE>
  </STRING_ATTRIBUTE></ATTRIBUTES></POLICY></POLICY_SET>"""


def billion_laughs() -> str:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]
    return f"<!DOCTYPE POLICY_SET [{''.join(entities)}]>\n" + POLICY_BODY.format(value="&lol9;")


def quadratic_blowup() -> str:
    return f'<!DOCTYPE POLICY_SET [<!ENTITY a "{"a" * 100_000}">]>\n' + POLICY_BODY.format(
        value="&a;" * 100_000
    )


def test_billion_laughs(submission: Path) -> None:
    _policy(submission, billion_laughs())
    code, report, _ = run_validate(submission)
    assert code == 1 and "dtd-forbidden" in rules(report)


def test_quadratic_blowup(submission: Path) -> None:
    _policy(submission, quadratic_blowup())
    code, report, _ = run_validate(submission)
    assert code == 1 and "dtd-forbidden" in rules(report)


def test_external_entity_to_a_file(submission: Path, fifo: Path, tmp_path: Path) -> None:
    secret = tmp_path / "outside" / "secret.txt"
    secret.write_text(SECRET)
    doctype = (
        f'<!DOCTYPE POLICY_SET [<!ENTITY s SYSTEM "file://{secret}">'
        f'<!ENTITY p SYSTEM "file://{fifo}">]>\n'
    )
    _policy(submission, doctype + POLICY_BODY.format(value="&s;&p;"))
    code, report, _ = run_validate(submission)  # reading the pipe would hang: timeout
    assert code == 1 and "dtd-forbidden" in rules(report)
    assert SECRET not in json.dumps(report)


def test_external_entity_to_a_url(submission: Path, http_server) -> None:
    url, requests = http_server
    doctype = f'<!DOCTYPE POLICY_SET [<!ENTITY u SYSTEM "{url}/entity">]>\n'
    _policy(submission, doctype + POLICY_BODY.format(value="&u;"))
    code, report, _ = run_validate(submission)
    assert code == 1 and "dtd-forbidden" in rules(report)
    assert requests == []


def test_external_dtd(submission: Path, http_server) -> None:
    url, requests = http_server
    _policy(
        submission,
        f'<!DOCTYPE POLICY_SET SYSTEM "{url}/policy.dtd">\n' + POLICY_BODY.format(value="x"),
    )
    code, report, _ = run_validate(submission)
    assert code == 1 and "dtd-forbidden" in rules(report)
    assert requests == []


def test_the_parser_itself_resolves_nothing(fifo: Path, http_server) -> None:
    """Defence in depth: even without the DOCTYPE refusal, the parser reads and fetches nothing."""
    url, requests = http_server
    document = (
        f'<!DOCTYPE x SYSTEM "{url}/x.dtd" [<!ENTITY p SYSTEM "file://{fifo}">'
        f'<!ENTITY u SYSTEM "{url}/u">]><x>&p;&u;</x>'
    ).encode()
    try:
        root = etree.fromstring(document, safe_parser())
    except etree.XMLSyntaxError as error:  # refused: "Attempt to load network entity"
        assert "network" in str(error)
    else:
        assert "".join(root.itertext()) == ""
    assert requests == []


def test_xinclude(submission: Path, fifo: Path, http_server) -> None:
    url, requests = http_server
    text = POLICY_BODY.format(value="x").replace(
        "<POLICY alias",
        f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{url}/inc"/>'
        f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file://{fifo}"/>'
        "<POLICY alias",
    )
    _policy(submission, text)
    code, report, _ = run_validate(submission)
    assert code == 1 and "xinclude-forbidden" in rules(report)
    assert requests == []


@pytest.mark.slow
def test_a_60_mb_file(submission: Path) -> None:
    """A 60 MB text value: refused by the parser's 10 MB text limit, fast and in little memory."""
    dataset = submission / "METADATA" / "dataset.xml"
    text = dataset.read_text(encoding="utf-8")
    start = text.index("<DESCRIPTION>") + len("<DESCRIPTION>")
    end = text.index("</DESCRIPTION>")
    dataset.write_text(text[:start] + "x" * (60 * 1024 * 1024) + text[end:], encoding="utf-8")
    code, report, _ = run_validate(submission)
    assert code == 1
    problem = [f for f in report["findings"] if f["rule"] == "xml-malformed"]
    assert problem and problem[0]["file"] == "METADATA/dataset.xml" and problem[0]["line"]
    code, report, _ = run_validate(submission, "--max-file-mb", "50")
    assert code == 1 and "file-too-large" in rules(report)


def test_deep_nesting(submission: Path) -> None:
    value = "<SET_ATTRIBUTE><TAG>t</TAG><VALUE>" * 10_000 + "</VALUE></SET_ATTRIBUTE>" * 10_000
    _policy(
        submission, POLICY_BODY.format(value="x").replace("<ATTRIBUTES>", "<ATTRIBUTES>" + value, 1)
    )
    code, report, _ = run_validate(submission)
    malformed = [f for f in report["findings"] if f["rule"] == "xml-malformed"]
    assert code == 1 and malformed and "depth" in malformed[0]["message"].lower()


def test_bytes_not_in_the_declared_encoding(submission: Path) -> None:
    path = submission / "METADATA" / "observer.xml"
    data = path.read_bytes().replace(
        b"LUNGEX_OBSERVER_PATHOLOGIST_1", "LUNGEX_OBSERVER_PATHOLOGIST_\xe9".encode("latin-1")
    )
    path.write_bytes(data)
    code, report, _ = run_validate(submission)
    found = [f for f in report["findings"] if f["rule"] == "xml-malformed"]
    assert code == 1 and found[0]["line"] and found[0]["column"]
    assert "encoding" in found[0]["hint"].lower()


def _zip_folder(folder: Path, target: Path, extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, f"{folder.name}/{path.relative_to(folder).as_posix()}")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return target


def test_a_valid_zip(submission: Path, tmp_path: Path) -> None:
    code, report, _ = run_validate(_zip_folder(submission, tmp_path / "sub.zip"))
    assert code == 0 and report["valid"] and report["summary"]["files"] == 10


@pytest.mark.slow
def test_zip_bomb(submission: Path, tmp_path: Path) -> None:
    target = _zip_folder(submission, tmp_path / "bomb.zip")
    with zipfile.ZipFile(target, "a", zipfile.ZIP_DEFLATED) as archive:
        with archive.open(
            f"{submission.name}/METADATA/annotation.xml", "w", force_zip64=True
        ) as member:
            block = b"\0" * (8 * 1024 * 1024)
            for _ in range(40):  # 320 MB of zeros, a few hundred kB compressed
                member.write(block)
    assert target.stat().st_size < 2 * 1024 * 1024
    code, report, _ = run_validate(target)
    assert code == 1 and "zip-bomb" in rules(report)


def test_zip_members_leaving_the_submission(submission: Path, tmp_path: Path) -> None:
    evil = {
        "../evil.xml": b"<x/>",
        "/tmp/evil-absolute.xml": b"<x/>",
        f"{submission.name}/../../up.xml": b"<x/>",
    }
    target = _zip_folder(submission, tmp_path / "evil.zip", evil)
    code, report, _ = run_validate(target)
    unsafe = [f for f in report["findings"] if f["rule"] == "unsafe-zip-path"]
    assert code == 1 and len(unsafe) == 3
    assert not (tmp_path / "evil.xml").exists() and not Path("/tmp/evil-absolute.xml").exists()


def test_symlinks_leaving_the_folder(submission: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "observer.xml").write_text(f"<OBSERVER_SET>{SECRET}</OBSERVER_SET>")
    target = submission / "METADATA" / "observer.xml"
    target.unlink()
    target.symlink_to(outside / "observer.xml")
    (submission / "EXTRA").symlink_to(outside, target_is_directory=True)
    code, report, _ = run_validate(submission)
    links = [f for f in report["findings"] if f["rule"] == "link-outside-submission"]
    assert code == 1 and {f["file"] for f in links} == {"METADATA/observer.xml", "EXTRA"}
    assert SECRET not in json.dumps(report)


def test_a_named_pipe_in_the_folder_is_not_read(submission: Path) -> None:
    target = submission / "PRIVATE" / "rems.xml"
    target.unlink()
    os.mkfifo(target)  # opening it would block forever
    code, report, _ = run_validate(submission)
    assert code == 1 and "file-unreadable" in rules(report)


@pytest.mark.parametrize("content", [b"\x89PNG\r\n\x1a\n binary", b"PK\x03\x04 broken zip"])
def test_unreadable_input_is_exit_2(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "upload.bin"
    path.write_bytes(content)
    code, report, stderr = run_validate(path)
    assert code == 2 and report is None and str(path.name) in stderr


def test_missing_path_is_exit_2(tmp_path: Path) -> None:
    code, _, stderr = run_validate(tmp_path / "nothing-here")
    assert code == 2 and "no such file or folder" in stderr
