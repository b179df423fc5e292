"""Values derived from a version's graph (its facts), kept on disk beside the store.

A version's graph never changes once written, so what is computed from it (DatasetFacts and
ImageFacts: seconds to minutes for a large version) stays valid until the version is withdrawn;
the caller folds whatever else the value depends on (code, vocabulary) into its name. Each
value is one pickle under ``<folder>/<digest of graph>/<digest of name>.pickle``, written to a
temporary file and renamed, so a reader sees a whole value or none. The files are the
catalogue's own, in its own data folder: as trusted as the store beside them. A file that
cannot be read (damaged, or of other code) counts as missing.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import tempfile
from pathlib import Path

#: What :meth:`DerivedValues.get` gives for a value that is not kept.
MISSING = object()


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]


class DerivedValues:
    """Derived values by (graph IRI, name), in ``folder``; ``None`` keeps nothing."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def _path(self, graph_iri: str, name: str) -> Path | None:
        if self.folder is None:
            return None
        return self.folder / _digest(graph_iri) / f"{_digest(name)}.pickle"

    def get(self, graph_iri: str, name: str) -> object:
        """The kept value, or :data:`MISSING`."""
        path = self._path(graph_iri, name)
        if path is None or not path.is_file():
            return MISSING
        try:
            with path.open("rb") as handle:
                return pickle.load(handle)  # noqa: S301 - written by put() below
        except Exception:  # noqa: BLE001 - damaged or of other code: compute it again
            return MISSING

    def put(self, graph_iri: str, name: str, value: object) -> None:
        """Keep ``value`` (atomically; a failure to write only loses the shortcut)."""
        path = self._path(graph_iri, name)
        if path is None:
            return
        written = ""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as out:
                written = out.name
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(written, path)
        except OSError:
            if written:
                Path(written).unlink(missing_ok=True)

    def drop(self, graph_iri: str) -> None:
        """Forget every value derived from ``graph_iri`` (its version was withdrawn)."""
        if self.folder is not None:
            shutil.rmtree(self.folder / _digest(graph_iri), ignore_errors=True)
