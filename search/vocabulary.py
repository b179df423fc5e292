"""Loading the vocabulary service for search, tolerating a catalogue without one."""

from __future__ import annotations

from pathlib import Path

from bigpicture.search.concepts import ConceptSource


def load_concepts(snomed_dir: Path | None = None) -> ConceptSource | None:
    """``bigpicture.vocabularies.load_vocabulary()``; None when the service is not installed.

    Without a vocabulary, search still matches codes and labels exactly as the facts give
    them; only the roll-up to ancestors and the reading of words as concepts are lost.
    """
    try:
        from bigpicture.vocabularies import load_vocabulary
    except ImportError:
        return None
    return load_vocabulary(snomed_dir)
