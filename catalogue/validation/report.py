"""The typed validation report: findings with a severity, a stage and a place.

The JSON form is a stable contract documented in docs/validation-report.md.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

#: Version of the JSON report format (docs/validation-report.md).
REPORT_FORMAT = "1.0"


class Severity(enum.Enum):
    """How bad a finding is; only errors make a submission invalid."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Stage(enum.Enum):
    """The validation stage that produced a finding, in the order they run."""

    INPUT = "input"
    PARSING = "parsing"
    XSD = "xsd"
    REFERENCES = "references"
    SHACL = "shacl"
    VOCABULARIES = "vocabularies"


@dataclass(frozen=True)
class Finding:
    """One problem (or remark) about a submission, in plain words, with how to fix it."""

    severity: Severity
    stage: Stage
    rule: str
    message: str
    file: str | None = None
    line: int | None = None
    object: str | None = None
    alias: str | None = None
    hint: str | None = None
    column: int | None = None

    def to_json(self) -> dict[str, object]:
        """The finding as a JSON object (every key always present)."""
        return {
            "severity": self.severity.value,
            "stage": self.stage.value,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "object": self.object,
            "alias": self.alias,
            "rule": self.rule,
            "message": self.message,
            "hint": self.hint,
        }

    def sort_key(self) -> tuple:
        """Order: file, line, stage, rule."""
        stages = list(Stage)
        return (self.file or "", self.line or 0, stages.index(self.stage), self.rule, self.message)


@dataclass(frozen=True)
class ValidationReport:
    """All findings about one submission; valid when none is an error."""

    source: str
    findings: tuple[Finding, ...] = ()
    files: tuple[str, ...] = ()
    objects: int = 0
    stages: tuple[Stage, ...] = field(default_factory=tuple)

    @classmethod
    def build(
        cls,
        source: str,
        findings: Iterable[Finding],
        files: Iterable[str] = (),
        objects: int = 0,
        stages: Iterable[Stage] = (),
    ) -> ValidationReport:
        """A report with findings sorted by file and line."""
        ordered = tuple(sorted(findings, key=Finding.sort_key))
        return cls(source, ordered, tuple(files), objects, tuple(stages))

    @property
    def valid(self) -> bool:
        """True when no finding is an error (warnings and infos are allowed)."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    def count(self, severity: Severity) -> int:
        """How many findings have ``severity``."""
        return sum(1 for f in self.findings if f.severity is severity)

    def summary(self) -> dict[str, object]:
        """Counts by severity, stage and rule, plus what was checked."""
        return {
            "format": REPORT_FORMAT,
            "source": self.source,
            "files": len(self.files),
            "objects": self.objects,
            "stages": [stage.value for stage in self.stages],
            "errors": self.count(Severity.ERROR),
            "warnings": self.count(Severity.WARNING),
            "infos": self.count(Severity.INFO),
            "by_rule": dict(sorted(Counter(f.rule for f in self.findings).items())),
        }

    def to_json(self) -> dict[str, object]:
        """``{"valid", "summary", "findings"}`` as in docs/validation-report.md."""
        return {
            "valid": self.valid,
            "summary": self.summary(),
            "findings": [finding.to_json() for finding in self.findings],
        }
