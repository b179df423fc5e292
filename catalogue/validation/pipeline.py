"""The validation pipeline: input -> safe parsing -> XSD -> references -> SHACL -> vocabularies.

Every stage runs on whatever the earlier ones could read, and every finding is kept; nothing
stops at the first problem.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bigpicture.catalogue.gc_pause import gc_paused
from bigpicture.catalogue.validation.limits import DEFAULT_LIMITS, Limits
from bigpicture.catalogue.validation.objects import ObjectIndex
from bigpicture.catalogue.validation.parsing import ParsedFile, parse_file
from bigpicture.catalogue.validation.references import check_references
from bigpicture.catalogue.validation.report import Finding, Stage, ValidationReport
from bigpicture.catalogue.validation.sources import (
    LoadedSubmission,
    SubmissionSource,
    source_for_path,
    source_for_upload,
)
from bigpicture.catalogue.validation.xsd import validate_xsd

ALL_STAGES: tuple[Stage, ...] = (
    Stage.PARSING,
    Stage.XSD,
    Stage.REFERENCES,
    Stage.SHACL,
    Stage.VOCABULARIES,
)


@dataclass(frozen=True)
class Checked:
    """A report with what was read to make it, so that ingest does not read the files twice."""

    report: ValidationReport
    loaded: LoadedSubmission
    index: ObjectIndex
    """The objects of the files that parsed, in file order."""


def validate_path(
    path: Path,
    *,
    limits: Limits = DEFAULT_LIMITS,
    stages: Sequence[Stage] = ALL_STAGES,
    vocabulary=None,
    parallel: bool = True,
) -> ValidationReport:
    """Validate a submission folder, a zip of one, or one XML file.

    Raises InputError only when ``path`` cannot be read at all; everything else is a finding.
    With ``parallel``, a large submission's SHACL stage runs in a forked second process.
    """
    return check_path(
        path, limits=limits, stages=stages, vocabulary=vocabulary, parallel=parallel
    ).report


def check_path(
    path: Path,
    *,
    limits: Limits = DEFAULT_LIMITS,
    stages: Sequence[Stage] = ALL_STAGES,
    vocabulary=None,
    parallel: bool = True,
) -> Checked:
    """Like :func:`validate_path`, keeping the files and objects read (see :class:`Checked`)."""
    return _checked(source_for_path(Path(path)), limits, stages, vocabulary, parallel)


def validate_upload(
    filename: str, data: bytes, *, limits: Limits = DEFAULT_LIMITS, vocabulary=None
) -> ValidationReport:
    """Validate an uploaded zip or XML file held in memory (in this process: no fork in a
    threaded web server)."""
    return validate_source(
        source_for_upload(filename, data), limits=limits, vocabulary=vocabulary, parallel=False
    )


def validate_source(
    source: SubmissionSource,
    *,
    limits: Limits = DEFAULT_LIMITS,
    stages: Sequence[Stage] = ALL_STAGES,
    vocabulary=None,
    parallel: bool = True,
) -> ValidationReport:
    """Run the stages on what ``source`` yields.

    The cyclic garbage collector is paused meanwhile: the stages build millions of small,
    acyclic objects, and its repeated full scans would otherwise double the run time.
    """
    return _checked(source, limits, stages, vocabulary, parallel).report


def _checked(source, limits, stages, vocabulary, parallel) -> Checked:
    """:func:`_run` with the cyclic garbage collector paused (see :func:`validate_source`)."""
    with gc_paused():
        return _run(source, limits, stages, vocabulary, parallel)


def _run(source, limits, stages, vocabulary, parallel) -> Checked:
    loaded = source.load(limits)
    findings: list[Finding] = list(loaded.findings)
    parsed = _parse_all(loaded, findings)
    shacl = None
    if Stage.SHACL in stages:
        shacl = _start_shacl(parsed, parallel)
    index = ObjectIndex.from_files(parsed)
    if Stage.XSD in stages:
        for file in parsed:
            findings += validate_xsd(file)
    if Stage.REFERENCES in stages:
        files = [file.path for file in loaded.files]
        findings += check_references(index, loaded.whole, files, loaded.folder_name)
    if Stage.VOCABULARIES in stages:
        findings += _vocabularies(index, vocabulary)
    if shacl is not None:
        findings += shacl.result(index)
    report = ValidationReport.build(
        loaded.name,
        _located(findings, index),
        files=[file.path for file in loaded.files],
        objects=len(index.objects),
        stages=[Stage.INPUT, *stages],
    )
    return Checked(report, loaded, index)


def _parse_all(loaded: LoadedSubmission, findings: list[Finding]) -> list[ParsedFile]:
    parsed: list[ParsedFile] = []
    for file in loaded.files:
        result, problems = parse_file(file)
        findings += problems
        if result is not None:
            parsed.append(result)
    return parsed


#: Submissions with at least this many objects share the SHACL stage with a second process.
PARALLEL_FROM_OBJECTS = 20_000
#: The forked process's share of the SHACL stage, in per cent: on a 45,000-image submission
#: 80 % lets both processes finish together (90 % left the parent waiting 7 s).
FORKED_SHARE = 80


def _start_shacl(parsed: list[ParsedFile], parallel: bool):
    """The SHACL stage, forked off when the submission is large enough to gain from it.

    The fork happens right after parsing: each process then builds its own object index (the
    same one, in the same order), so the split below is the same in both."""
    from bigpicture.catalogue.forked import Forked
    from bigpicture.catalogue.validation.shacl_engine import UnsupportedShape
    from bigpicture.catalogue.validation.shacl_stage import check_shacl, engine

    try:
        local = engine().local  # compiled once, before forking, so no process does it twice
    except UnsupportedShape:
        local = False  # check_shacl falls back to pySHACL on the whole graph
    size = sum(len(file.root) for file in parsed)  # about the number of objects; cheap
    if parallel and local and size >= PARALLEL_FROM_OBJECTS:
        split = size * FORKED_SHARE // 100
        return _Split(
            Forked(lambda: check_shacl(ObjectIndex.from_files(parsed), slice(0, split))),
            lambda index: check_shacl(index, slice(split, None)),
        )
    return _Split(None, check_shacl)


class _Split:
    """The SHACL stage as a forked part (``FORKED_SHARE`` per cent of the objects) and a part
    run here after the other stages (the rest), so both processes finish at about the same
    time."""

    def __init__(self, forked, here) -> None:
        self.forked = forked
        self.here = here

    def result(self, index: ObjectIndex) -> list[Finding]:
        findings = self.here(index)
        return findings + (self.forked.result() if self.forked is not None else [])


def _vocabularies(index: ObjectIndex, vocabulary) -> list[Finding]:
    from bigpicture.catalogue.validation.vocabulary_stage import check_vocabularies

    return check_vocabularies(index, vocabulary)


def _located(findings: Iterable[Finding], index: ObjectIndex) -> list[Finding]:
    """Findings with the object and alias filled in from the file and line when missing."""
    located = []
    for finding in findings:
        if finding.object is None and finding.file and finding.line:
            obj = index.at(finding.file, finding.line)
            if obj is not None:
                finding = dataclasses.replace(finding, object=obj.kind, alias=obj.alias)
        located.append(finding)
    return located
