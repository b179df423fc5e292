"""MetaFleX XML <-> model objects: lossless round trips, both root forms, the TAG profile."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from pydantic import BaseModel

from bigpicture.catalogue.synth import SynthOptions, generate
from bigpicture.model import profile
from bigpicture.model.generated import metaflex as m
from bigpicture.model.io_layout import layout_of
from bigpicture.model.xml_io import (
    FILE_KINDS,
    XmlReadError,
    iter_objects,
    parser_options,
    read_document,
    read_submission,
    write_document,
    write_file,
)
from tests.conftest import OFFICIAL_XSD_DIR
from tests.model.metaflex_strategies import objects_of

PARSER = etree.XMLParser(remove_comments=True, remove_pis=True, **parser_options())


def canonical(data: bytes) -> bytes:
    """C14N 2.0 of a document without comments and whitespace-only text between elements."""
    root = etree.fromstring(data, PARSER)
    for element in root.iter():
        if len(element) and element.text is not None and not element.text.strip():
            element.text = None
        if element.tail is not None and not element.tail.strip():
            element.tail = None
    return etree.tostring(root, method="c14n2")


def _schema(kind: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(OFFICIAL_XSD_DIR / f"BP.{kind}.xsd")))


SCHEMAS = {kind: _schema(kind) for kind in FILE_KINDS}


def _round_trip_files(folder: Path) -> int:
    count = 0
    for path in sorted(folder.rglob("*.xml")):
        document = read_document(path)
        assert document is not None, path
        assert canonical(write_document(document)) == canonical(path.read_bytes()), path
        count += 1
    return count


def test_the_shared_example_round_trips(example_submission: Path) -> None:
    assert _round_trip_files(example_submission) == 10


def test_synthetic_submissions_round_trip(tmp_path: Path) -> None:
    list(generate(tmp_path, SynthOptions(datasets=6, images=(15, 40), seed=8)))
    assert _round_trip_files(tmp_path) >= 60


def test_read_submission_groups_every_object(example_submission: Path) -> None:
    submission = read_submission(example_submission)
    counts = {slot: len(value or []) for slot, value in submission}
    assert counts["images"] == 4 and counts["slides"] == 4 and counts["observations"] == 5
    assert counts["biological_beings"] == 2 and counts["stainings"] == 2
    assert submission.images[0].id == "image/LUNGEX_IMG_01_HE"
    assert all(obj.id.startswith(f"{type(obj).__name__.lower()[:3]}") for obj in
               [submission.images[0], submission.slides[0], submission.cases[0]])  # fmt: skip


def test_typed_profile_slots_are_filled_and_attributes_kept(example_submission: Path) -> None:
    submission = read_submission(example_submission)
    being, specimen = submission.biological_beings[0], submission.specimens[1]
    assert being.sex == "Male" and being.animal_species.meaning == "Homo sapiens"
    assert specimen.anatomical_site[0].code == "39607008"
    assert specimen.age_at_extraction == m.AgeInterval(interval_start="P70Y", interval_length="P5Y")
    assert specimen.extraction_method.meaning == "Biopsy"
    assert len(specimen.attributes) == 5  # known TAGs stay in the attributes too
    stain = submission.stainings[1].stains[0]
    assert stain.staining_target == "TTF-1 (NKX2-1)" and stain.staining_method == "immunostaining"
    assert submission.landing_pages[0].doi is None
    custom = submission.observations[2].statement.custom_attributes
    assert [a.tag for a in custom] == ["ttf1_result", "ttf1_positive_tumour_cells"]


def _profile_holders(obj):
    """The object and its nested objects that carry attributes and profile slots."""
    if isinstance(obj, m.Attribute | m.CodedValue):
        return
    if layout_of(obj).profile and "attributes" in type(obj).model_fields:
        yield obj
    for _, value in obj:
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, BaseModel):
                yield from _profile_holders(item)


def _fits(value, attributes) -> bool:
    """A typed value is the value of one of the attributes it was read from."""
    if isinstance(value, m.AgeInterval):
        return any(isinstance(a, m.SetAttribute) for a in attributes)
    return any(a.value == value for a in attributes)


def test_profile_slots_come_from_the_attributes_read(example_submission: Path, tmp_path: Path):
    """Every filled typed slot of an object read from XML is read from its attributes with that
    TAG (each value from one of them); the writer then adds no attribute, and reading the
    profile again (``read_profile``, the same reading) changes nothing."""
    list(generate(tmp_path, SynthOptions(datasets=6, images=(10, 20), seed=3)))
    filled = 0
    for folder in [example_submission, *tmp_path.iterdir()]:
        for obj in iter_objects(read_submission(folder)):
            for holder in _profile_holders(obj):
                for spec in layout_of(holder).profile:
                    tagged = [a for a in holder.attributes or () if a.tag == spec.tag]
                    value = getattr(holder, spec.slot)
                    if value is None:
                        continue
                    values = value if spec.multivalued else [value]
                    assert 1 <= len(values) <= len(tagged), (obj.id, spec.slot)
                    assert all(_fits(v, tagged) for v in values), (obj.id, spec.slot)
                    filled += 1
            assert profile.write_profile(obj) == obj, obj.id
            assert profile.read_profile(obj) == obj, obj.id
    assert filled > 100


def test_bare_and_set_forms_are_both_read(example_submission: Path) -> None:
    document = read_document(example_submission / "METADATA" / "observer.xml")
    bare = write_file(document.objects, "observer", bare=True)
    assert etree.fromstring(bare).tag == "OBSERVER"
    again = read_document(bare)
    assert again.bare and again.objects == document.objects
    assert canonical(write_document(again)) == canonical(bare)
    assert SCHEMAS["observer"].validate(etree.fromstring(bare))


def test_unknown_elements_are_reported_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "observer.xml"
    path.write_text('<OBSERVER_SET>\n<OBSERVER alias="O"><OBSERVER_TYPE>Human</OBSERVER_TYPE>\n'
                    "<COLOUR>red</COLOUR><ATTRIBUTES/></OBSERVER></OBSERVER_SET>")  # fmt: skip
    with pytest.raises(XmlReadError) as raised:
        read_document(path)
    assert "observer.xml:2" in str(raised.value) and "COLOUR" in str(raised.value)


def test_entities_are_never_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    path = tmp_path / "observer.xml"
    path.write_text(
        f'<!DOCTYPE x [<!ENTITY e SYSTEM "file://{secret}">]>'
        '<OBSERVER alias="O"><OBSERVER_TYPE>Human</OBSERVER_TYPE>'
        "<ATTRIBUTES><STRING_ATTRIBUTE><TAG>t</TAG><VALUE>&e;</VALUE></STRING_ATTRIBUTE>"
        "</ATTRIBUTES></OBSERVER>"
    )
    document = read_document(path)
    assert "TOP SECRET" not in repr(document)


def test_files_that_are_not_metaflex_are_skipped(example_submission: Path, tmp_path: Path):
    folder = tmp_path / "DATASET_X"
    for source in example_submission.rglob("*.xml"):
        target = folder / source.relative_to(example_submission)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes())
    (folder / "PRIVATE" / "datacite.xml").write_text('<resource xmlns="urn:x"/>')
    assert read_submission(folder) == read_submission(example_submission)


KINDS = sorted((kind, elements) for kind, elements in FILE_KINDS.items())


@pytest.mark.parametrize(("kind", "elements"), KINDS, ids=[k for k, _ in KINDS])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_objects_round_trip_through_valid_xml(kind, elements, data) -> None:
    objects = [obj for element in elements for obj in data.draw(objects_of(element, 3))]
    bare = len(objects) == 1 and data.draw(st.booleans(), label="bare")
    written = write_file(objects, kind, bare=bare)
    assert SCHEMAS[kind].validate(etree.fromstring(written)), SCHEMAS[kind].error_log.last_error
    document = read_document(written)
    assert document.bare == bare and document.kind == kind
    assert list(document.objects) == objects  # objects -> XML -> objects
    assert canonical(write_document(document)) == canonical(written)  # XML -> objects -> XML


def test_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_submission(tmp_path / "missing")
