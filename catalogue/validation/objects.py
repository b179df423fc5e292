"""An index of the objects of a submission and their references (FORMAT.md sections 4 and 5).

Built once from the parsed trees; every later stage (references, SHACL, vocabularies) and the
report's object locations read it. It keeps the lxml elements, so nothing is parsed twice.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from lxml import etree

from bigpicture.catalogue.validation.kinds import KINDS, REFERENCE_TARGETS
from bigpicture.catalogue.validation.parsing import ParsedFile


class Ref(NamedTuple):
    """One reference element (``*_REF`` or ``IMAGE_OF``) of an object."""

    element: str
    alias: str | None
    accession: str | None
    line: int


class MetaObject(NamedTuple):
    """One MetaFleX object with its place in the submission.

    A NamedTuple rather than a frozen dataclass: a 45,000-image submission has 200,000 of
    them and tuples are built several times faster.
    """

    kind: str
    alias: str | None
    accession: str | None
    file: str
    line: int
    element: etree._Element
    refs: tuple[Ref, ...] = ()

    @property
    def key(self) -> tuple[str, str | None]:
        """(kind, alias): the identity used throughout the report."""
        return self.kind, self.alias


_REF_TAGS = tuple(REFERENCE_TARGETS)


def _refs(element: etree._Element) -> tuple[Ref, ...]:
    return tuple(
        Ref(child.tag, child.get("alias"), child.get("accession"), child.sourceline)
        for child in element.iterchildren(_REF_TAGS)
    )


def _object_elements(root: etree._Element) -> Iterator[etree._Element]:
    if root.tag in KINDS:
        yield root
    elif root.tag.endswith("_SET"):
        yield from root.iterchildren(tag=tuple(KINDS))


def objects_of(parsed: ParsedFile) -> Iterator[MetaObject]:
    """The objects of one parsed file, in document order."""
    for element in _object_elements(parsed.root):
        yield MetaObject(
            element.tag,
            element.get("alias"),
            element.get("accession"),
            parsed.path,
            element.sourceline,
            element,
            _refs(element),
        )


class ObjectIndex:
    """Objects by kind, alias and accession, and object lookup by file and line."""

    def __init__(self, objects: Iterable[MetaObject]) -> None:
        self.objects: list[MetaObject] = list(objects)
        self.by_alias: dict[tuple[str, str | None], list[MetaObject]] = defaultdict(list)
        self.by_accession: dict[tuple[str, str], list[MetaObject]] = defaultdict(list)
        self._lines: dict[str, tuple[list[int], list[MetaObject]]] = {}
        for obj in self.objects:
            self.by_alias[obj.key].append(obj)
            if obj.accession:
                self.by_accession[(obj.kind, obj.accession)].append(obj)
        self._index_lines()

    @classmethod
    def from_files(cls, parsed: Iterable[ParsedFile]) -> ObjectIndex:
        """The index of every object of every parsed file."""
        return cls(obj for file in parsed for obj in objects_of(file))

    def _index_lines(self) -> None:
        per_file: dict[str, list[MetaObject]] = defaultdict(list)
        for obj in self.objects:
            per_file[obj.file].append(obj)
        for path, objs in per_file.items():
            objs.sort(key=lambda o: o.line)
            self._lines[path] = ([o.line for o in objs], objs)

    def is_first(self, obj: MetaObject) -> bool:
        """True unless an earlier object of the same kind has the same alias."""
        return obj.alias is None or self.by_alias[obj.key][0] is obj

    def kinds_present(self) -> set[str]:
        """The kinds that have at least one object."""
        return {kind for kind, _ in self.by_alias}

    def of_kind(self, kind: str) -> list[MetaObject]:
        """Every object of ``kind``."""
        return [obj for obj in self.objects if obj.kind == kind]

    def at(self, path: str, line: int | None) -> MetaObject | None:
        """The object whose element encloses ``line`` of ``path`` (best effort)."""
        if line is None or path not in self._lines:
            return None
        lines, objs = self._lines[path]
        at = bisect.bisect_right(lines, line) - 1
        return objs[at] if at >= 0 else None

    def resolve(self, ref: Ref, kinds: Iterable[str]) -> MetaObject | None:
        """The object ``ref`` points to among ``kinds``: by accession when given, else alias."""
        for kind in kinds:
            found = (
                self.by_accession.get((kind, ref.accession))
                if ref.accession
                else self.by_alias.get((kind, ref.alias))
            )
            if found:
                return found[0]
        return None
