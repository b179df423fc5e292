"""The triples ingest stores are the model's RDF of the submission, minus what is private."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox

from bigpicture.catalogue.submission import read_submission
from bigpicture.catalogue.submission_rdf import (
    PRIVATE_KINDS,
    PRIVATE_PREDICATES,
    submission_ntriples,
)
from bigpicture.model import xml_io
from bigpicture.model.rdf_io import to_ntriples

BASE = "https://catalogue.example.org/datasets/X-v1/"
DEMO = Path(__file__).resolve().parents[3] / "catalogue/demo/round-1"


def _triples(ntriples: bytes) -> set[str]:
    return {str(t) for t in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)}


def _private(triple: str) -> bool:
    subject, predicate = triple.split(" ", 2)[:2]
    kinds = tuple(f"<{BASE}{kind}/" for kind in PRIVATE_KINDS)
    return subject.startswith(kinds) or predicate.strip("<>") in PRIVATE_PREDICATES


def _synthetic(target: Path) -> list[Path]:
    bpcat = Path(sys.executable).with_name("bpcat")
    command = [str(bpcat), "synth", "--datasets", "2", "--images", "60", str(target)]
    subprocess.run(command, check=True, capture_output=True)
    return sorted(target.glob("DATASET_*"))


def test_stored_triples_are_the_models_public_triples(
    example_submission: Path, tmp_path: Path
) -> None:
    folders = [example_submission, *sorted(DEMO.glob("*/DATASET_*")), *_synthetic(tmp_path)]
    private_seen = 0
    for folder in folders:
        model = _triples(to_ntriples(xml_io.read_submission(folder), BASE))
        stored = _triples(submission_ntriples(read_submission(folder), BASE))
        private = {t for t in model if _private(t)}
        private_seen += len(private)
        assert stored == model - private, folder.name
    assert private_seen > 0
