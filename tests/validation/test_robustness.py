"""Whatever the bytes, validation answers with a report and never raises (Hypothesis)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from bigpicture.catalogue.validation import Severity, validate_upload

PIECES = [b"<", b">", b"&", b"</CASE>", b'"', b"\xff", b"<!DOCTYPE x>", b"<SLIDE alias='x'>"]
EDITS = st.lists(
    st.tuples(
        st.sampled_from(["flip", "cut", "insert", "delete"]),
        st.floats(0, 1),
        st.integers(0, 255),
        st.sampled_from(PIECES),
    ),
    min_size=1,
    max_size=6,
)


def damage(data: bytes, edits) -> bytes:
    out = bytearray(data)
    for action, where, number, piece in edits:
        at = min(int(where * len(out)), len(out) - 1)
        if action == "flip":
            out[at] = number
        elif action == "cut":
            del out[max(at, 1) :]
        elif action == "insert":
            out[at:at] = piece
        else:
            del out[at : at + number + 1]
        if not out:
            out.extend(b"<")
    return bytes(out)


@settings(max_examples=40, deadline=None)
@given(edits=EDITS)
def test_damaged_files_give_a_report(example_submission: Path, edits) -> None:
    sample = (example_submission / "METADATA" / "sample.xml").read_bytes()
    data = damage(sample, edits)
    report = validate_upload("sample.xml", data)
    assert isinstance(report.to_json()["findings"], list)
    if not report.valid:
        assert any(f.severity is Severity.ERROR and f.message for f in report.findings)
