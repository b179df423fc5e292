"""Stage 2, XSD validation (MetaFleX 2.0.0, FORMAT.md section 2): the schema is chosen by the
root element and each file is validated alone with lxml (libxml2), which is fast enough for a
45,000-image file.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from pathlib import Path

from lxml import etree

from bigpicture.catalogue.validation.kinds import ROOT_SCHEMAS
from bigpicture.catalogue.validation.parsing import ParsedFile, safe_parser
from bigpicture.catalogue.validation.report import Finding, Severity, Stage


def schema_dir() -> Path:
    """The folder of the XSDs generated from the LinkML model (package data of bigpicture.model,
    validation-equivalent to the official MetaFleX 2.0.0 schemas)."""
    folder = Path(str(importlib.resources.files("bigpicture.model"))) / "xsd"
    if not (folder / "BP.common.xsd").is_file():
        raise FileNotFoundError(f"no MetaFleX XSDs in {folder}; run `make generate`")
    return folder


@functools.lru_cache(maxsize=32)
def _schema(folder: Path, name: str) -> etree.XMLSchema:
    document = etree.parse(str(folder / name), safe_parser())
    return etree.XMLSchema(document)


def schema_for_root(tag: str) -> etree.XMLSchema | None:
    """The compiled schema for a root element, or None for an unknown root."""
    name = ROOT_SCHEMAS.get(tag)
    return _schema(schema_dir(), name) if name else None


def validate_xsd(parsed: ParsedFile) -> list[Finding]:
    """Findings of the XSD stage for one file."""
    schema = schema_for_root(parsed.root.tag)
    if schema is None:
        return [_unknown_root(parsed)]
    if schema.validate(parsed.root):
        return []
    return [_xsd_finding(parsed.path, entry) for entry in schema.error_log]


def _unknown_root(parsed: ParsedFile) -> Finding:
    roots = ", ".join(sorted(ROOT_SCHEMAS))
    return Finding(
        Severity.ERROR,
        Stage.XSD,
        "unknown-root",
        f"The root element <{parsed.root.tag}> is not a MetaFleX 2.0.0 object or set.",
        file=parsed.path,
        line=parsed.root.sourceline,
        hint=f"Use one of: {roots}.",
    )


_REWRITES = (
    (
        re.compile(
            r"Element '([^']+)': This element is not expected\. Expected is one of \( (.+) \)\."
        ),
        "<{0}> is not allowed here; expected one of: {1}.",
        "Check the order and names of the elements against the MetaFleX schema.",
    ),
    (
        re.compile(r"Element '([^']+)': This element is not expected\. Expected is \( (.+) \)\."),
        "<{0}> is not allowed here; expected <{1}>.",
        "Add the missing element or put the elements in the schema's order.",
    ),
    (
        re.compile(r"Element '([^']+)': This element is not expected\."),
        "<{0}> is not allowed here.",
        "Remove the element or move it to where the schema allows it.",
    ),
    (
        re.compile(
            r"Element '([^']+)': Missing child element\(s\)\. "
            r"Expected is (?:one of )?\( (.+) \)\."
        ),
        "<{0}> is incomplete: <{1}> is missing.",
        'Add the missing element (use xsi:nil="true" where the schema allows an empty value).',
    ),
    (
        re.compile(r"Element '([^']+)': The attribute '([^']+)' is required but missing\."),
        "<{0}> lacks the required attribute {1}.",
        "Add the attribute.",
    ),
    (
        re.compile(
            r"Element '([^']+)'(?:, attribute '([^']+)')?: "
            r"\[facet '(\w+)'\] The value '([^']*)' (.+)"
        ),
        "<{0}> {1}: the value '{3}' {4}",
        "Use a value the schema allows.",
    ),
)


def _plain(message: str) -> tuple[str, str]:
    """The libxml2 message in plainer words, and a hint."""
    for pattern, template, hint in _REWRITES:
        match = pattern.match(message)
        if match:
            groups = [g or "" for g in match.groups()]
            return template.format(*groups).replace(" : ", ": ").replace("  ", " "), hint
    return message, "Correct the value or element so that it matches the MetaFleX schema."


def _xsd_finding(path: str, entry) -> Finding:
    message, hint = _plain(entry.message)
    return Finding(Severity.ERROR, Stage.XSD, "xsd", message, file=path, line=entry.line, hint=hint)
