"""The HTML validation report: one self-contained page (no scripts, no external files) that a
data steward can read, save and share, with findings grouped by file and then by object.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape

from bigpicture.catalogue.validation.report import Finding, Severity, ValidationReport

_STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:70rem;color:#1b1b1b;
padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ccc}
h3{font-size:1rem;margin:1rem 0 .3rem}
.verdict{font-weight:bold;padding:.2rem .6rem;border-radius:4px}
.valid{background:#dff5e1;color:#14532d}.invalid{background:#fde2e1;color:#7f1d1d}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.3rem .5rem;
vertical-align:top;border-bottom:1px solid #eee}.error{color:#b91c1c;font-weight:bold}
.warning{color:#92400e;font-weight:bold}.info{color:#1e40af}.hint{color:#444;font-size:.9rem}
code{background:#f4f4f4;padding:0 .2rem}
"""


def _summary(report: ValidationReport) -> str:
    verdict = "valid" if report.valid else "invalid"
    counts = ", ".join(
        f"{report.count(s)} {s.value}{'s' if report.count(s) != 1 else ''}" for s in Severity
    )
    return (
        f'<p><span class="verdict {verdict}">{verdict.upper()}</span> {escape(counts)} — '
        f"{len(report.files)} file(s) and {report.objects} object(s) checked.</p>"
    )


def _row(finding: Finding) -> str:
    line = f"{finding.line}" if finding.line else ""
    hint = f'<div class="hint">How to fix: {escape(finding.hint)}</div>' if finding.hint else ""
    return (
        f'<tr><td class="{finding.severity.value}">{finding.severity.value}</td>'
        f"<td>{escape(line)}</td><td>{escape(finding.message)}{hint}</td>"
        f"<td><code>{escape(finding.stage.value)}/{escape(finding.rule)}</code></td></tr>"
    )


def _file_section(path: str, findings: list[Finding]) -> list[str]:
    parts = [f"<h2>{escape(path)}</h2>"]
    by_object: dict[tuple, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_object[(finding.object or "", finding.alias or "")].append(finding)
    for (kind, alias), group in by_object.items():
        title = f"{kind} <code>{escape(alias)}</code>" if kind else "The file as a whole"
        parts.append(
            f"<h3>{title}</h3><table><tr><th>Severity</th><th>Line</th>"
            "<th>Finding</th><th>Rule</th></tr>"
        )
        parts += [_row(f) for f in group]
        parts.append("</table>")
    return parts


def render_html(report: ValidationReport) -> str:
    """The whole page."""
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        by_file[finding.file or "(submission)"].append(finding)
    body = [f"<h1>Validation report: {escape(report.source)}</h1>", _summary(report)]
    if not report.findings:
        body.append("<p>No findings: every check passed.</p>")
    for path in sorted(by_file):
        body += _file_section(path, by_file[path])
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>Validation report: {escape(report.source)}</title><style>{_STYLE}</style>"
        f"</head><body>{''.join(body)}</body></html>\n"
    )
