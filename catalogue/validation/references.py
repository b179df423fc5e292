"""Stage 3, references and identity: what the XSDs cannot check (FORMAT.md sections 4, 5, 8).

Every ``*_REF`` and ``IMAGE_OF`` resolves to an object of the right kind (by accession when
given, else by alias); aliases are unique per kind; the dataset references every image; the
reference graph has no cycle; objects unreachable from the dataset are orphans (warnings).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from bigpicture.catalogue.validation.kinds import EXPECTED_FILES, KINDS, REFERENCE_TARGETS
from bigpicture.catalogue.validation.objects import MetaObject, ObjectIndex, Ref
from bigpicture.catalogue.validation.report import Finding, Severity, Stage

Edges = dict[int, list[int]]


def _finding(severity, rule, obj: MetaObject, message, hint, line=None) -> Finding:
    return Finding(
        severity,
        Stage.REFERENCES,
        rule,
        message,
        file=obj.file,
        line=line or obj.line,
        object=obj.kind,
        alias=obj.alias,
        hint=hint,
    )


def _name(ref: Ref) -> str:
    return f"accession '{ref.accession}'" if ref.accession else f"alias '{ref.alias}'"


def check_identity(index: ObjectIndex) -> Iterator[Finding]:
    """Aliases unique per kind (error), shared across kinds (warning), accessions unique."""
    kinds_of_alias: dict[str | None, set[str]] = defaultdict(set)
    for (kind, alias), objs in index.by_alias.items():
        kinds_of_alias[alias].add(kind)
        first = objs[0]
        for obj in objs[1:]:
            yield _finding(
                Severity.ERROR,
                "alias-duplicate",
                obj,
                f"Two {kind} objects have the alias '{alias}' (the other is in "
                f"{first.file}, line {first.line}).",
                "Give every object of a kind its own alias.",
            )
    for (kind, accession), objs in index.by_accession.items():
        for obj in objs[1:]:
            yield _finding(
                Severity.ERROR,
                "accession-duplicate",
                obj,
                f"Two {kind} objects have the accession '{accession}'.",
                "Accessions are assigned by the archive; remove them before submitting.",
            )
    yield from _shared_aliases(index, kinds_of_alias)


def _shared_aliases(index: ObjectIndex, kinds_of_alias) -> Iterator[Finding]:
    for alias, kinds in kinds_of_alias.items():
        if len(kinds) > 1:
            obj = index.by_alias[(sorted(kinds)[1], alias)][0]
            yield _finding(
                Severity.WARNING,
                "alias-shared-across-kinds",
                obj,
                f"The alias '{alias}' is used by objects of several kinds: "
                f"{', '.join(sorted(kinds))}.",
                "Use distinct aliases so that people and tools cannot confuse the objects.",
            )


def resolve_all(index: ObjectIndex, whole: bool) -> tuple[list[Finding], Edges]:
    """Findings about every reference, and the resolved graph (object ids -> object ids)."""
    findings: list[Finding] = []
    edges: Edges = defaultdict(list)
    ids = {id(obj): n for n, obj in enumerate(index.objects)}
    present = index.kinds_present()
    not_checked: dict[str, list[tuple[MetaObject, Ref]]] = defaultdict(list)
    for n, obj in enumerate(index.objects):
        for ref in obj.refs:
            target = _resolve_one(index, obj, ref, whole, present, findings)
            if target is not None:
                edges[n].append(ids[id(target)])
            elif findings and findings[-1] is _NOT_CHECKED:
                findings.pop()
                not_checked[ref.element].append((obj, ref))
    findings += (_not_checked(element, refs) for element, refs in not_checked.items())
    return findings, edges


#: Marker for a reference into another file when only one file is validated.
_NOT_CHECKED = Finding(Severity.INFO, Stage.REFERENCES, "reference-not-checked", "")


def _not_checked(element: str, refs: list[tuple[MetaObject, Ref]]) -> Finding:
    obj, ref = refs[0]
    wanted = " or ".join(REFERENCE_TARGETS[element])
    return _finding(
        Severity.INFO,
        "reference-not-checked",
        obj,
        f"{len(refs)} <{element}> reference(s) point to a {wanted} in another file and were "
        "not checked.",
        "Validate the whole submission folder to check them.",
        line=ref.line,
    )


def _resolve_one(index, obj, ref, whole, present, findings) -> MetaObject | None:
    kinds = REFERENCE_TARGETS[ref.element]
    target = index.resolve(ref, kinds)
    if target is not None:
        return target
    other = index.resolve(ref, [k for k in KINDS if k not in kinds])
    wanted = " or ".join(kinds)
    if other is not None:
        findings.append(
            _finding(
                Severity.ERROR,
                "reference-wrong-kind",
                obj,
                f"<{ref.element}> points to {_name(ref)}, which is a {other.kind}, "
                f"but it must point to a {wanted}.",
                f"Point <{ref.element}> at a {wanted}, or use the right reference element.",
                line=ref.line,
            )
        )
    elif ref.element == "COMPLEMENTS_DATASET_REF" and ref.accession:
        findings.append(
            _finding(
                Severity.INFO,
                "reference-external",
                obj,
                f"<{ref.element}> points to the archived dataset {_name(ref)}; "
                "it is not part of this submission and was not checked.",
                None,
                line=ref.line,
            )
        )
    elif not whole and not (set(kinds) & present):
        findings.append(_NOT_CHECKED)
    else:
        findings.append(
            _finding(
                Severity.ERROR,
                "reference-unresolved",
                obj,
                f"<{ref.element}> points to {_name(ref)}, but there is no {wanted} with that "
                f"{'accession' if ref.accession else 'alias'} in the submission.",
                "Correct the alias (it is case-sensitive) or add the missing object.",
                line=ref.line,
            )
        )
    return None


def check_cycles(index: ObjectIndex, edges: Edges) -> Iterator[Finding]:
    """One error per reference cycle (strongly connected component or self-loop)."""
    for component in _strongly_connected(len(index.objects), edges):
        first = index.objects[min(component)]
        if len(component) == 1 and component[0] not in edges.get(component[0], ()):
            continue
        names = ", ".join(
            f"{index.objects[n].kind} '{index.objects[n].alias}'" for n in sorted(component)
        )
        yield _finding(
            Severity.ERROR,
            "reference-cycle",
            first,
            f"These objects refer to each other in a circle: {names}.",
            "References must form a hierarchy; remove the reference that closes the circle.",
        )


def _strongly_connected(count: int, edges: Edges) -> Iterator[list[int]]:
    """Tarjan's algorithm, iterative (no recursion limit on long chains)."""
    index_of: dict[int, int] = {}
    low: dict[int, int] = {}
    stack: list[int] = []
    on_stack: set[int] = set()
    counter = 0
    for start in range(count):
        if start in index_of or start not in edges:
            continue
        work = [(start, iter(edges.get(start, ())))]
        index_of[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index_of[node]:
                    component = []
                    while True:
                        top = stack.pop()
                        on_stack.discard(top)
                        component.append(top)
                        if top == node:
                            break
                    yield component
            elif child not in index_of:
                index_of[child] = low[child] = counter
                counter += 1
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(edges.get(child, ()))))
            elif child in on_stack:
                low[node] = min(low[node], index_of[child])


def check_coverage(index: ObjectIndex, edges: Edges) -> Iterator[Finding]:
    """Every image referenced by the dataset (error); unreachable objects are orphans (warning)."""
    datasets = [n for n, obj in enumerate(index.objects) if obj.kind == "DATASET"]
    if not datasets:
        return
    reached = _reachable(index, edges, datasets)
    listed = {t for n in datasets for t in edges.get(n, ()) if index.objects[t].kind == "IMAGE"}
    for n, obj in enumerate(index.objects):
        if obj.kind == "IMAGE" and n not in listed:
            yield _finding(
                Severity.ERROR,
                "image-not-in-dataset",
                obj,
                f"The image '{obj.alias}' is not referenced by the dataset.",
                f'Add <IMAGE_REF alias="{obj.alias}"/> to the DATASET in dataset.xml.',
            )
        elif n not in reached and obj.kind != "IMAGE":
            yield _finding(
                Severity.WARNING,
                "orphan-object",
                obj,
                f"The {obj.kind} '{obj.alias}' is not reachable from the dataset "
                "(no image, observation or dataset leads to it).",
                "Reference it from the object it belongs to, or remove it.",
            )


def _reachable(index: ObjectIndex, edges: Edges, datasets: list[int]) -> set[int]:
    reached = set(datasets)
    for n, obj in enumerate(index.objects):
        # images root the sample trees (an unlisted image is its own error); policy, landing
        # page, REMS and organisation hang off the dataset they point to
        if obj.kind == "IMAGE" or any(index.objects[t].kind == "DATASET" for t in edges.get(n, ())):
            reached.add(n)
    todo = list(reached)
    while todo:
        for target in edges.get(todo.pop(), ()):
            if target not in reached:
                reached.add(target)
                todo.append(target)
    return reached


def check_folder(index: ObjectIndex, files: list[str], folder: str | None) -> Iterator[Finding]:
    """Whole-submission checks: one dataset, expected files, folder named after the dataset."""
    datasets = index.of_kind("DATASET")
    if not datasets:
        yield Finding(
            Severity.ERROR,
            Stage.REFERENCES,
            "no-dataset",
            "The submission has no DATASET object.",
            file="METADATA/dataset.xml",
            hint="Add METADATA/dataset.xml with the DATASET that references every image.",
        )
        return
    for extra in datasets[1:]:
        yield _finding(
            Severity.WARNING,
            "several-datasets",
            extra,
            f"The submission holds {len(datasets)} datasets; a submission folder is one dataset.",
            "Submit each dataset in its own DATASET_<alias> folder.",
        )
    yield from _missing_files(files)
    yield from _folder_name(datasets[0], folder)


def _missing_files(files: list[str]) -> Iterator[Finding]:
    present = set(files)
    for expected in EXPECTED_FILES:
        if expected not in present:
            yield Finding(
                Severity.WARNING,
                Stage.REFERENCES,
                "missing-file",
                f"The submission has no {expected}.",
                file=expected,
                hint="Add the file as described in the Bigpicture preparation guide.",
            )


def _folder_name(dataset: MetaObject, folder: str | None) -> Iterator[Finding]:
    names = {f"DATASET_{dataset.alias}", f"DATASET_{dataset.accession}"}
    if folder and folder.startswith("DATASET_") and folder not in names:
        yield _finding(
            Severity.WARNING,
            "folder-name",
            dataset,
            f"The folder is named {folder}, but the dataset's alias is '{dataset.alias}'.",
            f"Name the folder DATASET_{dataset.alias}.",
        )


def check_references(
    index: ObjectIndex, whole: bool, files: list[str], folder: str | None
) -> list[Finding]:
    """Every finding of stage 3."""
    findings = list(check_identity(index))
    resolved, edges = resolve_all(index, whole)
    findings += resolved
    findings += check_cycles(index, edges)
    if whole:
        findings += check_coverage(index, edges)
        findings += check_folder(index, files, folder)
    return findings
