"""The public RDF of a submission, as N-Triples under its version's base IRI.

The triples are the model's (``bigpicture.model.rdf_io.to_ntriples`` over
``bigpicture.model.xml_io.read_submission``): objects at ``<base><kind>/<alias>``, nested nodes
below them, every slot ``bp:<slot>``. What is private never enters the store, because the store
backs a public SPARQL endpoint: the objects of ``PRIVATE/`` (REMS identifiers, the organisation's
PIC and Perun group) and the dataset owner's breach-contact e-mail. The organisation's public
name is kept in the catalogue record instead.
"""

from __future__ import annotations

import tempfile
from pathlib import Path, PurePosixPath

from bigpicture.catalogue.submission import Submission

BP = "https://w3id.org/bigpicture/metaflex/"
#: Kinds (IRI segments) whose objects stay out of the store.
PRIVATE_KINDS = ("rems", "organisation")
#: Predicates never stored.
PRIVATE_PREDICATES = (BP + "dataset_owner_contact_email",)


def public_lines(ntriples: bytes, base_iri: str) -> bytes:
    """``ntriples`` without the triples of private objects and private predicates."""
    private_subjects = tuple(f"<{base_iri}{kind}/".encode() for kind in PRIVATE_KINDS)
    private_predicates = tuple(f"<{iri}>".encode() for iri in PRIVATE_PREDICATES)
    kept = []
    for line in ntriples.splitlines(keepends=True):
        if line.startswith(private_subjects):
            continue
        predicate = line.split(b" ", 2)[1] if line.count(b" ") >= 2 else b""
        if predicate not in private_predicates:
            kept.append(line)
    return b"".join(kept)


def _model_submission(submission: Submission):  # -> bigpicture.model Submission
    """The model objects of the submission's XML files (read from a scratch copy)."""
    from bigpicture.model.xml_io import read_submission

    with tempfile.TemporaryDirectory(prefix="bpcat-ingest-") as scratch:
        root = Path(scratch) / (submission.name or "submission")
        for file in submission.files:
            target = root.joinpath(*PurePosixPath(file.path).parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(file.data)
        return read_submission(root)


def submission_ntriples(submission: Submission, base_iri: str) -> bytes:
    """The public triples of a submission's objects, every IRI under ``base_iri``."""
    from bigpicture.model.rdf_io import to_ntriples

    return public_lines(to_ntriples(_model_submission(submission), base_iri), base_iri)
