"""Output formats of a validation report: JSON, text, HTML and Turtle (SHACL ValidationReport).

One small protocol, one registry; ``bpcat validate --format`` and the web endpoint both use it.
"""

from __future__ import annotations

import json
from typing import Protocol

from bigpicture.catalogue.validation.report import Severity, ValidationReport


class ReportRenderer(Protocol):
    """Turns a report into text of one media type."""

    media_type: str

    def render(self, report: ValidationReport) -> str:
        """The report in this format."""
        ...


class JsonRenderer:
    """``{"valid", "summary", "findings"}`` (docs/validation-report.md)."""

    media_type = "application/json"

    def render(self, report: ValidationReport) -> str:
        return json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n"


class TextRenderer:
    """One line per finding, then a summary line: for terminals and logs."""

    media_type = "text/plain"

    def render(self, report: ValidationReport) -> str:
        lines = [self._line(f) for f in report.findings]
        verdict = "VALID" if report.valid else "INVALID"
        lines.append(
            f"{report.source}: {verdict} — {report.count(Severity.ERROR)} error(s), "
            f"{report.count(Severity.WARNING)} warning(s), {report.count(Severity.INFO)} info "
            f"({len(report.files)} file(s), {report.objects} object(s) checked)"
        )
        return "\n".join(lines) + "\n"

    @staticmethod
    def _line(finding) -> str:
        place = finding.file or "-"
        if finding.line:
            place += f":{finding.line}"
            if finding.column:
                place += f":{finding.column}"
        who = f" {finding.object} '{finding.alias}'" if finding.object else ""
        hint = f" Hint: {finding.hint}" if finding.hint else ""
        return (
            f"{place}: {finding.severity.value} [{finding.stage.value}/{finding.rule}]{who}: "
            f"{finding.message}{hint}"
        )


class HtmlRenderer:
    """A self-contained page grouped by file and object (see render_html)."""

    media_type = "text/html"

    def render(self, report: ValidationReport) -> str:
        from bigpicture.catalogue.validation.render_html import render_html

        return render_html(report)


class TurtleRenderer:
    """A SHACL sh:ValidationReport in Turtle (see render_turtle)."""

    media_type = "text/turtle"

    def render(self, report: ValidationReport) -> str:
        from bigpicture.catalogue.validation.render_turtle import render_turtle

        return render_turtle(report)


#: Output formats by name (``--format``).
RENDERERS: dict[str, ReportRenderer] = {
    "text": TextRenderer(),
    "json": JsonRenderer(),
    "html": HtmlRenderer(),
    "turtle": TurtleRenderer(),
}
