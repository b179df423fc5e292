"""The validation data graph is the model's RDF: the same triples as bigpicture.model.rdf_io
writes for the same submission (object IRIs, nested nodes, literals, enum meanings)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from validation_cases import apply_patches

from bigpicture.catalogue.validation.datagraph import DEFAULT_BASE, IRI, Lit, build_data_graph
from bigpicture.catalogue.validation.limits import DEFAULT_LIMITS
from bigpicture.catalogue.validation.objects import ObjectIndex
from bigpicture.catalogue.validation.parsing import parse_file
from bigpicture.catalogue.validation.sources import FolderSource
from bigpicture.model import rdf_io
from bigpicture.model.xml_io import read_submission

BPCAT = Path(sys.executable).with_name("bpcat")


def ours(folder: Path) -> set[tuple]:
    loaded = FolderSource(folder).load(DEFAULT_LIMITS)
    graph = build_data_graph(ObjectIndex.from_files(parse_file(f)[0] for f in loaded.files))
    return {(str(s), p, _key(o)) for s, po in graph.spo.items() for p, os in po.items() for o in os}


def theirs(folder: Path) -> set[tuple]:
    return {
        (str(s), str(p), _key(o))
        for s, p, o in rdf_io.triples(read_submission(folder), DEFAULT_BASE)
    }


def _key(term) -> tuple:
    if isinstance(term, IRI | rdf_io.IRI):
        return ("iri", str(term))
    if isinstance(term, Lit | rdf_io.Literal):
        return ("lit", term.lexical, term.datatype)
    return ("lit", str(term), None)


def test_example(submission: Path) -> None:
    assert ours(submission) == theirs(submission)


def test_example_with_changed_values(submission: Path) -> None:
    apply_patches(
        submission,
        [
            {
                "file": "METADATA/sample.xml",
                "old": "<VALUE>Male</VALUE>",
                "new": "<VALUE>Other</VALUE>",
            },
            {
                "file": "METADATA/observation.xml",
                "old": "<VALUE>27</VALUE>",
                "new": "<VALUE>27.50</VALUE>",
            },
        ],
    )
    assert ours(submission) == theirs(submission)


@pytest.mark.parametrize("seed", [1, 2])
def test_synthetic(tmp_path: Path, seed: int) -> None:
    subprocess.run(
        [
            str(BPCAT),
            "synth",
            "--datasets",
            "1",
            "--images",
            "8",
            "--seed",
            str(seed),
            str(tmp_path),
        ],
        check=True,
        capture_output=True,
    )
    folder = next(tmp_path.iterdir())
    assert ours(folder) == theirs(folder)


def test_empty_attributes_are_rdf_nil_in_both(submission: Path) -> None:
    """An empty ATTRIBUTES (valid XML, unlike a missing one) and a STAIN holding no attribute
    are ``bp:attributes rdf:nil`` in the data graph as in the model I/O; a nil one has no
    triple."""
    nil = ("iri", "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil")
    assert not [t for t in ours(submission) if t[2] == nil]
    apply_patches(
        submission,
        [
            {
                "file": "METADATA/observer.xml",
                "old": '<ATTRIBUTES xsi:nil="true"/>',
                "new": "<ATTRIBUTES/>",
            },
            {"file": "METADATA/staining.xml", "old": "</STAIN>\n", "new": "</STAIN>\n<STAIN/>\n"},
        ],
    )
    graph = ours(submission)
    assert graph == theirs(submission)
    assert sorted((s, p) for s, p, o in graph if o == nil) == [
        (f"{DEFAULT_BASE}observer/LUNGEX_OBSERVER_PATHOLOGIST_1", rdf_io.BP + "attributes"),
        (f"{DEFAULT_BASE}staining/LUNGEX_STAINING_TTF1/stains/1", rdf_io.BP + "attributes"),
    ]
