"""Writing the objects of one case: samples (BP.sample.xsd), images (BP.image.xsd), annotations
(BP.annotation.xsd) and observations (BP.observation.xsd), plus the shared stainings
(BP.staining.xsd). TAG names follow the provisional profile of FORMAT.md section 7.
"""

from __future__ import annotations

from bigpicture.catalogue.synth.attributes import (
    age_attribute,
    attributes,
    code_attribute,
    data_file,
    leaf,
    measurement_attribute,
    nil_attributes,
    numeric_attribute,
    ref,
    string_attribute,
)
from bigpicture.catalogue.synth.plan import (
    BlockRecord,
    CaseRecord,
    DatasetPlan,
    SlideRecord,
    SpecimenRecord,
    checksum_file,
)
from bigpicture.catalogue.synth.sink import XmlSink
from bigpicture.catalogue.synth.tables import Staining

OBSERVER_SUFFIXES = ("OBSERVER_PATHOLOGIST_1", "OBSERVER_PATHOLOGIST_2", "OBSERVER_ALGORITHM_1")


def observer_alias(plan: DatasetPlan, index: int) -> str:
    """Alias of observer ``index`` (two pathologists, then one algorithm)."""
    return f"{plan.prefix}_{OBSERVER_SUFFIXES[index]}"


def staining_alias(plan: DatasetPlan, key: str) -> str:
    """Alias of the dataset's shared staining ``key`` (``HE``, ``KI67`` …)."""
    return f"{plan.prefix}_STAINING_{key}"


# --- sample.xml ------------------------------------------------------------------------------


def write_samples(sink: XmlSink, plan: DatasetPlan, case: CaseRecord) -> None:
    """BIOLOGICAL_BEING, CASE, then per specimen SPECIMEN, its BLOCKs and their SLIDEs."""
    sink.start("BIOLOGICAL_BEING", {"alias": case.being_alias})
    attributes(
        sink,
        lambda s: (
            code_attribute(s, "animal_species", case.species),
            string_attribute(s, "sex", case.sex),
        ),
    )
    sink.end("BIOLOGICAL_BEING")
    sink.start("CASE", {"alias": case.case_alias})
    ref(sink, "BIOLOGICAL_BEING_REF", case.being_alias)
    if case.trial:
        attributes(sink, lambda s: [string_attribute(s, tag, value) for tag, value in case.trial])
    else:
        nil_attributes(sink)
    sink.end("CASE")
    for specimen in case.specimens:
        _specimen(sink, case, specimen)
        for block in specimen.blocks:
            _block(sink, specimen, block)
    for specimen in case.specimens:
        for block in specimen.blocks:
            for slide in block.slides:
                _slide(sink, plan, block, slide)


def _specimen(sink: XmlSink, case: CaseRecord, specimen: SpecimenRecord) -> None:
    def members(s: XmlSink) -> None:
        code_attribute(s, "anatomical_site", case.organ.site)
        code_attribute(s, "specimen_type", specimen.kind.specimen_type)
        code_attribute(s, "extraction_method", specimen.kind.method)
        code_attribute(s, "fixation_type", specimen.fixation)
        age_attribute(s, *specimen.age)

    sink.start("SPECIMEN", {"alias": specimen.alias})
    ref(sink, "EXTRACTED_FROM_REF", case.being_alias)
    ref(sink, "PART_OF_CASE_REF", case.case_alias)
    attributes(sink, members)
    sink.end("SPECIMEN")


def _block(sink: XmlSink, specimen: SpecimenRecord, block: BlockRecord) -> None:
    sink.start("BLOCK", {"alias": block.alias})
    ref(sink, "SAMPLED_FROM_REF", specimen.alias)
    attributes(sink, lambda s: code_attribute(s, "block_preparation", block.preparation))
    sink.end("BLOCK")


def _slide(sink: XmlSink, plan: DatasetPlan, block: BlockRecord, slide: SlideRecord) -> None:
    sink.start("SLIDE", {"alias": slide.alias})
    ref(sink, "CREATED_FROM_REF", block.alias)
    ref(sink, "STAINING_INFORMATION_REF", staining_alias(plan, slide.staining.key))
    nil_attributes(sink)
    sink.end("SLIDE")


# --- staining.xml ----------------------------------------------------------------------------


def write_staining(sink: XmlSink, alias: str, staining: Staining) -> None:
    """A STAINING: H&E as PROCEDURE_INFORMATION, other stains as one STAIN each."""
    tag = "PROCEDURE_INFORMATION" if staining.branch == "procedure" else "STAIN"

    def members(s: XmlSink) -> None:
        string_attribute(s, "staining_method", staining.method)
        if staining.procedure:
            code_attribute(s, "staining_procedure", staining.procedure)
        if staining.compound:
            code_attribute(s, "staining_compound", staining.compound)
        if staining.target:
            code_attribute(s, "staining_target", staining.target)

    sink.start("STAINING", {"alias": alias})
    attributes(sink, members, tag)
    nil_attributes(sink)
    sink.end("STAINING")


# --- image.xml and annotation.xml ------------------------------------------------------------


def write_image(sink: XmlSink, slide: SlideRecord) -> None:
    """An IMAGE of one slide: a WSI with its DICOM files."""
    sink.start("IMAGE", {"alias": slide.image_alias})
    ref(sink, "IMAGE_OF", slide.alias)
    sink.start("IMAGE_TYPE")
    sink.start("WSI_IMAGE")
    sink.end("WSI_IMAGE")
    sink.end("IMAGE_TYPE")
    sink.start("FILES")
    for entry in slide.files:
        data_file(sink, "FILE", entry, "dcm")
    sink.end("FILES")
    nil_attributes(sink)
    sink.end("IMAGE")


def annotation_alias(slide: SlideRecord) -> str:
    """Alias of the annotation of an annotated image."""
    return slide.image_alias.replace("_IMG_", "_ANN_", 1)


def write_annotation(sink: XmlSink, plan: DatasetPlan, slide: SlideRecord) -> None:
    """An ANNOTATION of an image: one GeoJSON file of tumour regions."""
    alias = annotation_alias(slide)
    sink.start("ANNOTATION", {"alias": alias})
    ref(sink, "IMAGE_REF", slide.image_alias)
    sink.start("FILES")
    data_file(sink, "FILE", checksum_file(plan.seed, f"{alias}.geojson"), "json")
    sink.end("FILES")
    attributes(sink, lambda s: string_attribute(s, "annotation_content", "tumour regions"))
    sink.end("ANNOTATION")


# --- observation.xml -------------------------------------------------------------------------


def case_observation_aliases(plan: DatasetPlan, case: CaseRecord) -> list[str]:
    """Aliases of every observation of a case, in the order they are written."""
    aliases = [f"{plan.prefix}_OBSV_{case.number:06d}_DX"]
    aliases += [f"{s.alias}_OBSV_MACRO" for s in case.specimens if s.size_mm is not None]
    for slide in case.slides:
        if slide.image_diagnosis_observer is not None:
            aliases.append(f"{slide.image_alias}_OBSV_DX")
        if slide.finding_percent is not None:
            aliases.append(f"{slide.alias}_OBSV_FINDING")
    return aliases


def write_observations(sink: XmlSink, plan: DatasetPlan, case: CaseRecord) -> None:
    """The case's Summary diagnosis, macroscopic descriptions, image diagnoses, IHC findings."""
    aliases = iter(case_observation_aliases(plan, case))
    text = f"{case.organ.site.meaning}: {case.diagnosis.label}."
    _observation(
        sink,
        next(aliases),
        ("CASE_REF", case.case_alias),
        observer_alias(plan, 0),
        ("Diagnosis", "Summary"),
        case.diagnosis.codes,
        None,
        text,
    )
    for specimen in case.specimens:
        if specimen.size_mm is not None:
            _observation(
                sink,
                next(aliases),
                ("SPECIMEN_REF", specimen.alias),
                observer_alias(plan, 1),
                ("Macroscopic Description", "Distinct"),
                None,
                _macro_members(specimen),
                f"{specimen.kind.method.meaning}, {specimen.size_mm} mm lesion.",
            )
    for slide in case.slides:
        if slide.image_diagnosis_observer is not None:
            _observation(
                sink,
                next(aliases),
                ("IMAGE_REF", slide.image_alias),
                observer_alias(plan, slide.image_diagnosis_observer),
                ("Diagnosis", "Distinct"),
                case.diagnosis.codes,
                None,
                None,
            )
        if slide.finding_percent is not None:
            _observation(
                sink,
                next(aliases),
                ("SLIDE_REF", slide.alias),
                observer_alias(plan, 0),
                ("Finding", "Distinct"),
                None,
                _finding_members(slide),
                f"{slide.staining.label}: {slide.finding_percent}% positive cells.",
            )


def _macro_members(specimen: SpecimenRecord):
    def members(s: XmlSink) -> None:
        measurement_attribute(s, "lesion_greatest_dimension", specimen.size_mm, "mm")
        numeric_attribute(s, "number_of_blocks", len(specimen.blocks))

    return members


def _finding_members(slide: SlideRecord):
    def members(s: XmlSink) -> None:
        string_attribute(s, "ihc_target", slide.staining.label)
        measurement_attribute(s, "positive_cells", slide.finding_percent, "%")

    return members


def _observation(
    sink: XmlSink,
    alias: str,
    target: tuple[str, str],
    observer: str,
    kind: tuple[str, str],
    codes,
    custom,
    freetext: str | None,
) -> None:
    sink.start("OBSERVATION", {"alias": alias})
    ref(sink, *target)
    ref(sink, "OBSERVER_REF", observer)
    sink.start("STATEMENT")
    leaf(sink, "STATEMENT_TYPE", kind[0])
    leaf(sink, "STATEMENT_STATUS", kind[1])
    if codes:
        attributes(
            sink, lambda s: [code_attribute(s, tag, c) for tag, c in codes], "CODE_ATTRIBUTES"
        )
    else:
        leaf(sink, "CODE_ATTRIBUTES", None)
    if custom:
        attributes(sink, custom, "CUSTOM_ATTRIBUTES")
    else:
        leaf(sink, "CUSTOM_ATTRIBUTES", None)
    leaf(sink, "FREETEXT", freetext)
    nil_attributes(sink)
    sink.end("STATEMENT")
    nil_attributes(sink)
    sink.end("OBSERVATION")
