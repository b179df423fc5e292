"""A small deterministic Turtle writer (RDF 1.1 Turtle, W3C Recommendation 2014).

The build writes the vocabularies as text that must be byte-for-byte reproducible (the stale
check compares a fresh build with the committed files), so subjects and objects are sorted
and every literal is escaped the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bigpicture.vocabularies.namespaces import PREFIXES

_LOCAL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*")


@dataclass(frozen=True)
class Literal:
    """A literal with an optional language tag."""

    text: str
    lang: str = ""


@dataclass(frozen=True)
class Iri:
    """An IRI reference."""

    value: str


Term = Literal | Iri


@dataclass
class Subject:
    """One subject and its predicate -> objects, written as one Turtle block."""

    iri: str
    properties: dict[str, list[Term]] = field(default_factory=dict)

    def add(self, predicate: str, value: Term | None) -> None:
        """Add one object (ignoring None and empty literals)."""
        if value is None or (isinstance(value, Literal) and not value.text):
            return
        objects = self.properties.setdefault(predicate, [])
        if value not in objects:
            objects.append(value)


def _name(iri: str) -> str:
    """A prefixed name when the local part is safe, the full IRI otherwise."""
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(item[1])):
        if iri.startswith(namespace) and _LOCAL.fullmatch(iri[len(namespace) :]):
            return f"{prefix}:{iri[len(namespace) :]}"
    return f"<{iri}>"


def _literal(value: Literal) -> str:
    text = value.text.replace("\\", "\\\\").replace('"', '\\"')
    text = text.replace("\n", "\\n").replace("\r", "\\r")
    return f'"{text}"' + (f"@{value.lang}" if value.lang else "")


def _term(value: Term) -> str:
    return _name(value.value) if isinstance(value, Iri) else _literal(value)


def _block(subject: Subject) -> str:
    lines = []
    for predicate, objects in subject.properties.items():
        rendered = sorted(_term(value) for value in objects)
        verb = "a" if predicate == PREFIXES["rdf"] + "type" else _name(predicate)
        lines.append(f"    {verb} " + ",\n        ".join(rendered))
    return f"{_name(subject.iri)}\n" + " ;\n".join(lines) + " .\n"


def serialise(header: str, subjects: list[Subject]) -> str:
    """The Turtle text: a comment header, the prefixes, then one block per subject (sorted)."""
    comment = "".join(f"# {line}".rstrip() + "\n" for line in header.strip().splitlines())
    prefixes = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(PREFIXES.items()))
    blocks = [_block(subject) for subject in sorted(subjects, key=lambda s: _name(s.iri))]
    return comment + "\n" + prefixes + "\n" + "\n".join(blocks)
