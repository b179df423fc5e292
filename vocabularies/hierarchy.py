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
    """A source of links between codes, answering transitively within itself."""

    def reach(self, codes: Iterable[str], downwards: bool) -> set[str]:
        """Every code below (or above) any of the codes, through this source's links."""
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

    def reach(self, codes: Iterable[str], downwards: bool) -> set[str]:
        """Every code below (or above) any of the codes, breadth first."""
        step = self.children_of if downwards else self.parents_of
        seen: set[str] = set()
        frontier = set(codes)
        while frontier:
            frontier = step(frontier) - seen
            seen |= frontier
        return seen


def closure(start: str, hierarchies: Sequence[Hierarchy], downwards: bool) -> frozenset[str]:
    """Every code reachable from ``start`` (excluding it) over all sources together.

    Each source is asked for its own transitive closure of the codes it has not seen yet (a
    source's answer is closed under that source), until no source has anything new to add.
    """
    seen: set[str] = {start}
    closed: list[set[str]] = [set() for _ in hierarchies]
    changed = True
    while changed:
        changed = False
        for done, hierarchy in zip(closed, hierarchies, strict=True):
            ask = seen - done
            if not ask:
                continue
            found = hierarchy.reach(ask, downwards)
            done |= ask | found
            changed = changed or not found <= seen
            seen |= found
    seen.discard(start)
    return frozenset(seen)
