"""Validation of MetaFleX 2.0.0 submissions for data stewards.

``validate_path(path)`` reads a submission folder, a zip of one, or one XML file and returns a
:class:`ValidationReport` of typed findings from five stages: safe parsing, XSD, references and
identity, SHACL and vocabularies. The JSON form of the report is documented in
docs/validation-report.md.
"""

from __future__ import annotations

from bigpicture.catalogue.validation.errors import InputError
from bigpicture.catalogue.validation.limits import DEFAULT_LIMITS, Limits
from bigpicture.catalogue.validation.pipeline import (
    ALL_STAGES,
    Checked,
    check_path,
    validate_path,
    validate_source,
    validate_upload,
)
from bigpicture.catalogue.validation.report import Finding, Severity, Stage, ValidationReport

__all__ = [
    "ALL_STAGES",
    "Checked",
    "DEFAULT_LIMITS",
    "Finding",
    "InputError",
    "Limits",
    "Severity",
    "Stage",
    "ValidationReport",
    "check_path",
    "validate_path",
    "validate_source",
    "validate_upload",
]
