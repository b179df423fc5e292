"""Broader/narrower links and their transitive closure (SKOS skos:broaderTransitive semantics).

Two implementations of :class:`Hierarchy`: :class:`ProjectHierarchy` (the shipped project
groupings and the DUO tree, in memory) and ``release.SnomedRelease`` (a licensed SNOMED CT
release's is-a links, in SQLite). The closure walks all of them together, level by level.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol


class Hierarchy(Protocol):
    """A source of direct links between codes."""

    def children_of(self, codes: Iterable[str]) -> set[str]:
        """Direct narrower codes of any of the codes."""
        ...

    def parents_of(self, codes: Iterable[str]) -> set[str]:
        """Direct broader codes of any of the codes."""
        ...


class ProjectHierarchy:
    """Links held in memory: child -> parents, and the inverse."""

    def __init__(self, parents: Mapping[str, Sequence[str]]) -> None:
        self._parents = {child: tuple(found) for child, found in parents.items()}
        children: dict[str, list[str]] = defaultdict(list)
        for child, found in self._parents.items():
            for parent in found:
                children[parent].append(child)
        self._children = {parent: tuple(found) for parent, found in children.items()}

    def children_of(self, codes: Iterable[str]) -> set[str]:
        """Direct narrower codes of any of the codes."""
        return {child for code in codes for child in self._children.get(code, ())}

    def parents_of(self, codes: Iterable[str]) -> set[str]:
        """Direct broader codes of any of the codes."""
        return {parent for code in codes for parent in self._parents.get(code, ())}


def closure(start: str, hierarchies: Sequence[Hierarchy], downwards: bool) -> frozenset[str]:
    """Every code reachable from ``start`` (excluding it), breadth first over all sources."""
    seen: set[str] = {start}
    frontier = {start}
    while frontier:
        step: set[str] = set()
        for hierarchy in hierarchies:
            found = hierarchy.children_of(frontier) if downwards else hierarchy.parents_of(frontier)
            step |= found
        frontier = step - seen
        seen |= frontier
    seen.discard(start)
    return frozenset(seen)
