"""Records harvested from other catalogues (DCAT), kept beside the catalogue's own store.

The store holds dataset versions that get a DOI here; a record of another catalogue has its
own identifiers, so it is kept as published (N-Triples) under
``<data_dir>/harvest/records/<node>/<sha256 of its IRI>.nt``, replaced atomically when it
changes, and removed when the node no longer lists it. ``all_records`` reads them back as one
graph (for federation and export); ``kept_records`` one by one with their node (for the search
index).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from bigpicture.harvest.state import write_atomically


def record_path(data_dir: Path, node: str, iri: str) -> Path:
    """Where the record of ``iri`` harvested from ``node`` is kept."""
    name = hashlib.sha256(iri.encode()).hexdigest()[:32]
    return data_dir / "harvest" / "records" / node / f"{name}.nt"


def keep_record(data_dir: Path, node: str, iri: str, ntriples: bytes) -> bool:
    """Keep a record; False when the same content was already kept."""
    path = record_path(data_dir, node, iri)
    if path.is_file() and path.read_bytes() == ntriples:
        return False
    write_atomically(path, ntriples)
    return True


def all_records(data_dir: Path) -> bytes:
    """Every kept record, as one N-Triples document."""
    folder = data_dir / "harvest" / "records"
    return b"".join(path.read_bytes() for path in sorted(folder.rglob("*.nt")))


def drop_record(data_dir: Path, node: str, iri: str) -> bool:
    """Remove the kept record of ``iri``; False when there was none."""
    try:
        record_path(data_dir, node, iri).unlink()
    except FileNotFoundError:
        return False
    return True


def kept_records(data_dir: Path) -> Iterator[tuple[str, bytes]]:
    """``(node, N-Triples)`` of every kept record, in a stable order."""
    folder = data_dir / "harvest" / "records"
    for path in sorted(folder.glob("*/*.nt")):
        yield path.parent.name, path.read_bytes()
