"""Stage 1, safe parsing (XML 1.0; OWASP XML External Entity Prevention).

lxml parses from bytes in memory with entity resolution, DTD loading, network access and huge
trees switched off. A document type declaration is refused before parsing (no entity is ever
expanded, no external subset fetched); XInclude elements are reported and never processed.
Malformed XML is reported with its line and column.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from bigpicture.catalogue.validation.report import Finding, Severity, Stage
from bigpicture.catalogue.validation.sources import SubmissionFile

XINCLUDE_NS = "http://www.w3.org/2001/XInclude"
#: A document type declaration and a newline, in the encodings a parser may auto-detect.
_DOCTYPE_MARKS = tuple(
    ("<!DOCTYPE".encode(codec), "\n".encode(codec)) for codec in ("utf-8", "utf-16-le", "utf-16-be")
)


@dataclass(frozen=True)
class ParsedFile:
    """A well-formed file and its root element."""

    path: str
    root: etree._Element


def safe_parser() -> etree.XMLParser:
    """An lxml parser that resolves nothing and fetches nothing."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
        collect_ids=False,
    )


def _finding(path: str, rule: str, message: str, hint: str, line=None, column=None) -> Finding:
    return Finding(
        Severity.ERROR, Stage.PARSING, rule, message, file=path, line=line, column=column, hint=hint
    )


def _doctype_line(data: bytes) -> int | None:
    """The line of a document type declaration, if the file has one."""
    for mark, newline in _DOCTYPE_MARKS:
        at = data.find(mark)
        if at >= 0:
            return data.count(newline, 0, at) + 1
    return None


def parse_file(file: SubmissionFile) -> tuple[ParsedFile | None, list[Finding]]:
    """The parsed file (None when it cannot be used) and the findings of this stage."""
    line = _doctype_line(file.data)
    if line is not None:
        return None, [
            _finding(
                file.path,
                "dtd-forbidden",
                "The file declares a DTD (<!DOCTYPE ...>); DTDs and entities are not allowed in "
                "a submission, so the file was not read further.",
                "Remove the <!DOCTYPE ...> declaration and write every value out in full.",
                line=line,
            )
        ]
    try:
        root = etree.fromstring(file.data, safe_parser())
    except etree.XMLSyntaxError as error:
        return None, [_syntax_finding(file.path, error)]
    return ParsedFile(file.path, root), _xinclude_findings(file, root)


def _syntax_finding(path: str, error: etree.XMLSyntaxError) -> Finding:
    line, column = error.position if error.position else (error.lineno, None)
    message = str(error.msg or error).split(", line ")[0]
    hint = "Fix the XML at that place; an XML editor or `xmllint --noout FILE` shows it too."
    if "encoding" in message.lower() or "utf-8" in message.lower():
        hint = "Save the file in the encoding its XML declaration names (UTF-8 is best)."
    elif "depth" in message.lower():
        hint = "Elements are nested far deeper than MetaFleX needs; the file is likely broken."
    elif "too long" in message.lower() or "huge" in message.lower():
        hint = "A single value is larger than 10 MB; MetaFleX values are short texts."
    return _finding(
        path,
        "xml-malformed",
        f"The file is not well-formed XML: {message}.",
        hint,
        line=line,
        column=column,
    )


def _xinclude_findings(file: SubmissionFile, root: etree._Element) -> list[Finding]:
    if XINCLUDE_NS.encode() not in file.data:
        return []
    return [
        _finding(
            file.path,
            "xinclude-forbidden",
            "The file uses XInclude; included content is never read.",
            "Copy the content into the file instead of including it.",
            line=element.sourceline,
        )
        for element in root.iter(f"{{{XINCLUDE_NS}}}*")
    ]
