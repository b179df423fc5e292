"""Stage 5, vocabularies (FORMAT.md sections 6 and 7; SNOMED CT identifiers, SNOMED CT
Technical Implementation Guide section 6: partition and Verhoeff check digit).

Code SCHEMEs must be spelled in a known way (variants are normalised with a warning; an unknown
scheme is an error); a MEANING is compared with the code's terms (warning on a mismatch);
legacy SNOMED-RT identifiers are mapped (warning). The shipped vocabulary is a subset: a
well-formed code it does not know is a warning, and an error only when a full SNOMED CT release
is loaded. TAGs outside the known profile are reported once per file and TAG (info).
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from bigpicture.catalogue.validation.kinds import KINDS
from bigpicture.catalogue.validation.objects import MetaObject, ObjectIndex
from bigpicture.catalogue.validation.report import Finding, Severity, Stage

_SCTID = re.compile(r"^[1-9][0-9]{5,17}$")
_NO_TAG_CHECK = {"CODE_ATTRIBUTES", "CUSTOM_ATTRIBUTES"}
_KIND_ELEMENTS = {
    "code": {"CODE_ATTRIBUTE"},
    "string": {"STRING_ATTRIBUTE"},
    "set": {"SET_ATTRIBUTE"},
    "string_or_code": {"STRING_ATTRIBUTE", "CODE_ATTRIBUTE"},
}


@dataclass(frozen=True)
class Verdict:
    """What the vocabulary says about one coded value (cached per distinct value)."""

    severity: Severity
    rule: str
    message: str
    hint: str


def verhoeff_ok(number: str) -> bool:
    """True when the last digit is the Verhoeff check digit of the others."""
    d = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
         [2, 3, 4, 0, 1, 7, 8, 9, 5, 6], [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
         [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
         [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
         [8, 7, 6, 5, 9, 3, 2, 1, 0, 4], [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]]  # fmt: skip
    p = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
         [5, 8, 0, 3, 7, 9, 6, 1, 4, 2], [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
         [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
         [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8]]  # fmt: skip
    check = 0
    for position, digit in enumerate(reversed(number)):
        check = d[check][p[position % 8][int(digit)]]
    return check == 0


def well_formed_sctid(code: str) -> bool:
    """A SNOMED CT concept identifier: 6-18 digits, concept partition, valid check digit."""
    return bool(_SCTID.match(code)) and code[-3:-1] in ("00", "10") and verhoeff_ok(code)


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.casefold()).split())


class CodeJudge:
    """Judges coded values against one vocabulary, remembering each distinct value."""

    def __init__(self, vocabulary) -> None:
        self.vocabulary = vocabulary
        self.judge = functools.lru_cache(maxsize=100_000)(self._judge)

    def _judge(self, scheme: str, code: str, meaning: str) -> tuple[Verdict, ...]:
        canonical, changed = self.vocabulary.normalise_scheme(scheme)
        if canonical is None:
            return (
                Verdict(
                    Severity.ERROR,
                    "scheme-unknown",
                    f"The code scheme '{scheme}' is not one the catalogue knows.",
                    "Use SCT for SNOMED CT, DCM for DICOM, or Other for free text.",
                ),
            )
        verdicts = []
        if changed:
            verdicts.append(
                Verdict(
                    Severity.WARNING,
                    "scheme-spelling",
                    f"The code scheme is written '{scheme}'; it was read as {canonical}.",
                    f"Write the scheme as {canonical}.",
                )
            )
        if canonical == "SCT":
            verdicts += self._snomed(code, meaning)
        elif canonical in ("DCM", "DUO"):
            verdicts += self._known_scheme(canonical, code, meaning)
        return tuple(verdicts)

    def _snomed(self, code: str, meaning: str) -> list[Verdict]:
        concept = self.vocabulary.lookup(code, "SCT") if _SCTID.match(code) else None
        if concept is not None:
            return self._meaning(code, meaning, concept)
        legacy = self.vocabulary.from_legacy(code)
        if legacy is not None:
            return [
                Verdict(
                    Severity.WARNING,
                    "code-legacy",
                    f"'{code}' is a legacy SNOMED-RT identifier; it was read as "
                    f'{legacy.code} "{legacy.label}".',
                    f"Write the SNOMED CT code {legacy.code} instead.",
                )
            ]
        if not well_formed_sctid(code):
            return [
                Verdict(
                    Severity.ERROR,
                    "code-malformed",
                    f"'{code}' is not a SNOMED CT concept identifier.",
                    "Check the code: SNOMED CT concept ids are 6-18 digits with a check digit.",
                )
            ]
        if self.vocabulary.has_full_snomed:
            return [
                Verdict(
                    Severity.ERROR,
                    "code-unknown",
                    f"The SNOMED CT code {code} is not in the loaded SNOMED CT release.",
                    "Check the code in a SNOMED CT browser.",
                )
            ]
        return [
            Verdict(
                Severity.WARNING,
                "code-not-in-subset",
                f"The SNOMED CT code {code} is not in the catalogue's shipped subset; "
                "it could not be checked.",
                "Check the code in a SNOMED CT browser; no change is needed if it is right.",
            )
        ]

    def _known_scheme(self, scheme: str, code: str, meaning: str) -> list[Verdict]:
        concept = self.vocabulary.lookup(code, scheme)
        if concept is None:
            return [
                Verdict(
                    Severity.WARNING,
                    "code-not-in-subset",
                    f"The {scheme} code {code} is not in the catalogue's vocabulary.",
                    "Check the code; no change is needed if it is right.",
                )
            ]
        return self._meaning(code, meaning, concept)

    @staticmethod
    def _meaning(code: str, meaning: str, concept) -> list[Verdict]:
        terms = {_fold(concept.label), *(_fold(t) for t in concept.synonyms)}
        if _fold(meaning) in terms:
            return []
        return [
            Verdict(
                Severity.WARNING,
                "meaning-mismatch",
                f"The MEANING '{meaning}' does not match code {code}, which means "
                f'"{concept.label}".',
                f'Check the code, or write MEANING as "{concept.label}".',
            )
        ]


def _roots(index: ObjectIndex) -> dict[str, object]:
    """File -> root element of every file that holds objects."""
    roots: dict[str, object] = {}
    for obj in index.objects:
        if obj.file not in roots:
            roots[obj.file] = obj.element.getroottree().getroot()
    return roots


def _code_findings(index: ObjectIndex, judge: CodeJudge) -> Iterator[Finding]:
    """Walk each file's coded values once; locate the object only for a finding (rare)."""
    for file, root in _roots(index).items():
        for value in root.iter("CODE_ATTRIBUTE"):
            parts = value.find("VALUE")
            if parts is None:
                continue
            scheme = (parts.findtext("SCHEME") or "").strip()
            code = (parts.findtext("CODE") or "").strip()
            if not scheme or not code:
                continue
            verdicts = judge.judge(scheme, code, (parts.findtext("MEANING") or "").strip())
            if verdicts:
                yield from _located(index, file, parts.sourceline, verdicts)


def _located(index: ObjectIndex, file: str, line: int, verdicts) -> Iterator[Finding]:
    obj = index.at(file, line)
    for verdict in verdicts:
        yield Finding(
            verdict.severity,
            Stage.VOCABULARIES,
            verdict.rule,
            verdict.message,
            file=file,
            line=line,
            object=obj.kind if obj else None,
            alias=obj.alias if obj else None,
            hint=verdict.hint,
        )


@functools.cache
def _profiles() -> dict[str, dict[str, str]]:
    """Model class -> known TAG -> profile kind (code, string, set, string_or_code)."""
    from bigpicture.catalogue.validation.rdf_mapping import class_rules

    rules = class_rules()
    return {name: {p.tag: p.kind for p in rule.profiles} for name, rule in rules.items()}


def _tag_holders(obj: MetaObject) -> Iterator[tuple[str, object]]:
    """(model class, element holding attribute elements) for an object and its stains."""
    attributes = obj.element.find("ATTRIBUTES")
    if attributes is not None:
        yield KINDS[obj.kind].model_class, attributes
    if obj.kind == "STAINING":
        for holder in obj.element.iterchildren("STAIN", "PROCEDURE_INFORMATION"):
            yield ("Stain" if holder.tag == "STAIN" else "ProcedureInformation"), holder


def check_tags(index: ObjectIndex) -> list[Finding]:
    """Unknown TAGs (info, once per file and TAG) and known TAGs of the wrong type (warning)."""
    profiles = _profiles()
    unknown: dict[tuple[str, str, str], list] = defaultdict(list)
    findings: list[Finding] = []
    for obj in index.objects:
        for cls, holder in _tag_holders(obj):
            known = profiles.get(cls, {})
            for attribute in holder.iterchildren(
                "STRING_ATTRIBUTE",
                "NUMERIC_ATTRIBUTE",
                "MEASUREMENT_ATTRIBUTE",
                "CODE_ATTRIBUTE",
                "SET_ATTRIBUTE",
            ):
                tag = attribute.findtext("TAG") or ""
                kind = known.get(tag)
                if kind is None:
                    unknown[(obj.file, obj.kind, tag)].append((obj, attribute.sourceline))
                elif attribute.tag not in _KIND_ELEMENTS.get(kind, {attribute.tag}):
                    findings.append(_wrong_type(obj, attribute, tag, kind))
    findings += (_unknown_tag(key, seen) for key, seen in unknown.items())
    return findings


def _wrong_type(obj: MetaObject, attribute, tag: str, kind: str) -> Finding:
    expected = " or ".join(sorted(_KIND_ELEMENTS[kind]))
    return Finding(
        Severity.WARNING,
        Stage.VOCABULARIES,
        "tag-wrong-type",
        f"The TAG '{tag}' is written as a {attribute.tag}; readers expect a {expected}.",
        file=obj.file,
        line=attribute.sourceline,
        object=obj.kind,
        alias=obj.alias,
        hint=f"Write '{tag}' as a {expected}.",
    )


def _unknown_tag(key: tuple[str, str, str], seen: list) -> Finding:
    file, kind, tag = key
    first, line = seen[0]
    times = f" ({len(seen)} times in this file)" if len(seen) > 1 else ""
    return Finding(
        Severity.INFO,
        Stage.VOCABULARIES,
        "tag-unknown",
        f"The TAG '{tag}' on {kind} is not in the known TAG profile{times}; it is kept as it is.",
        file=file,
        line=line,
        object=kind,
        alias=first.alias,
        hint="Nothing to fix if the TAG is intended; check its spelling otherwise.",
    )


@functools.cache
def default_vocabulary():
    """The shipped vocabularies (loaded once per process)."""
    from bigpicture.vocabularies import load_vocabulary

    return load_vocabulary()


def check_vocabularies(index: ObjectIndex, vocabulary=None) -> list[Finding]:
    """Every finding of stage 5."""
    judge = CodeJudge(vocabulary if vocabulary is not None else default_vocabulary())
    findings = list(_code_findings(index, judge))
    return findings + check_tags(index)
