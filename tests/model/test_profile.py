"""The TAG profile: typed slots read from attributes and written back (FORMAT.md section 7)."""

from __future__ import annotations

from bigpicture.model import profile
from bigpicture.model.generated import metaflex as m
from bigpicture.model.io_layout import layouts

LUNG = m.CodedValue(code="39607008", scheme="SCT", meaning="Lung structure")
BRONCHUS = m.CodedValue(code="955009", scheme="SCT", meaning="Bronchial structure")
NBF = m.CodedValue(code="434162003", scheme="SCT", meaning="Neutral buffered formalin")


def _specimen(attributes: list[m.Attribute] | None) -> m.Specimen:
    return m.Specimen(
        id="specimen/S1",
        alias="S1",
        extracted_from_ref=m.Reference(alias="BB1"),
        attributes=attributes,
    )


def _age(start: str, length: str) -> m.SetAttribute:
    return m.SetAttribute(
        tag="age_at_extraction",
        value=[
            m.StringAttribute(tag="interval_start", value=start),
            m.StringAttribute(tag="interval_length", value=length),
        ],
    )


def test_specimen_attributes_become_typed_slots() -> None:
    age = _age("P65Y", "P5Y")
    attributes = [
        m.CodeAttribute(tag="anatomical_site", value=LUNG),
        m.StringAttribute(tag="extraction_method", value="Biopsy"),
        m.MeasurementAttribute(tag="tumour_size", value="21", units="mm"),
        age,
        m.CodeAttribute(tag="fixation_type", value=NBF),
        m.CodeAttribute(tag="anatomical_site", value=BRONCHUS),
    ]
    read = profile.read_profile(_specimen(attributes))
    assert read.anatomical_site == [LUNG, BRONCHUS]
    assert read.age_at_extraction == m.AgeInterval(interval_start="P65Y", interval_length="P5Y")
    assert read.fixation_type == NBF
    assert read.extraction_method == "Biopsy"
    assert read.specimen_type is None
    assert read.attributes == attributes  # unknown TAGs (tumour_size) are kept, order too


def test_first_match_of_the_expected_kind_wins() -> None:
    being = m.BiologicalBeing(
        id="biological_being/B",
        alias="B",
        attributes=[
            m.StringAttribute(tag="animal_species", value="Homo sapiens"),  # wrong kind
            m.StringAttribute(tag="sex", value="male"),  # not one of the four values
            m.StringAttribute(tag="sex", value="Female"),
            m.StringAttribute(tag="sex", value="Male"),
        ],
    )
    read = profile.read_profile(being)
    assert read.sex == "Female"
    assert read.animal_species is None


def test_stains_inside_a_staining_are_read() -> None:
    staining = m.Staining(
        id="staining/ST",
        alias="ST",
        stains=[
            m.Stain(
                attributes=[
                    m.StringAttribute(tag="staining_method", value="immunostaining"),
                    m.StringAttribute(tag="staining_target", value="TTF-1 (NKX2-1)"),
                ]
            )
        ],
    )
    stain = profile.read_profile(staining).stains[0]
    assert stain.staining_method == "immunostaining"
    assert stain.staining_target == "TTF-1 (NKX2-1)"


def test_written_profile_reads_back_and_keeps_existing_attributes() -> None:
    typed = _specimen(None).model_copy(
        update={
            "anatomical_site": [LUNG, BRONCHUS],
            "age_at_extraction": m.AgeInterval(interval_start="P1Y", interval_length="P1Y"),
            "extraction_method": NBF,
        }
    )
    written = profile.write_profile(typed)
    assert [a.tag for a in written.attributes] == [
        "anatomical_site",
        "anatomical_site",
        "age_at_extraction",
        "extraction_method",
    ]
    again = profile.read_profile(written.model_copy(update={"anatomical_site": None}))
    assert again.anatomical_site == [LUNG, BRONCHUS]
    assert again.age_at_extraction == typed.age_at_extraction
    assert again.extraction_method == NBF
    existing = _specimen([m.CodeAttribute(tag="anatomical_site", value=BRONCHUS)])
    kept = profile.write_profile(existing.model_copy(update={"anatomical_site": [LUNG]}))
    assert kept.attributes == existing.attributes


def test_nil_attributes_stay_nil_without_profile_values() -> None:
    assert profile.write_profile(_specimen(None)).attributes is None
    assert profile.write_profile(_specimen([])).attributes == []


def test_profile_values_give_only_the_slots_read() -> None:
    """The one reading, on a plain attribute list (as the XML reader calls it)."""
    specs = layouts()["Specimen"].profile
    attributes = [
        m.CodeAttribute(tag="anatomical_site", value=LUNG),
        m.StringAttribute(tag="fixation_type", value="formalin"),  # a string where a code is due
        m.CodeAttribute(tag="fixation_type", value=NBF),
    ]
    assert profile.profile_values(specs, attributes) == {
        "anatomical_site": [LUNG],
        "fixation_type": NBF,
    }
    assert profile.profile_values(specs, None) == {}


def test_ages_that_are_not_durations_stay_in_the_attributes_only() -> None:
    age = _age("65 years", "P5Y")
    read = profile.read_profile(_specimen([age]))
    assert read.age_at_extraction is None
    assert read.attributes == [age]


def test_the_xml_reader_fills_the_profile_with_the_same_reading(example_submission) -> None:
    """The XML reader reads the profile with ``profile_values`` while it builds objects; the
    objects it returns are therefore fixed points of ``read_profile`` and ``write_profile``."""
    from bigpicture.model import xml_io

    submission = xml_io.read_submission(example_submission)
    assert submission.specimens[0].anatomical_site
    assert submission.stainings[1].stains[0].staining_method == "immunostaining"
    assert profile.read_profile(submission) == submission
    assert profile.write_profile(submission) == submission
