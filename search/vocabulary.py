"""Loading the vocabulary service for search, tolerating a catalogue without one."""

from __future__ import annotations

from bigpicture.catalogue.settings import Settings
from bigpicture.search.concepts import ConceptSource


def load_concepts(settings: Settings | None = None) -> ConceptSource | None:
    """``bigpicture.vocabularies.load_vocabulary``, with the SNOMED CT release loaded under
    ``settings.data_dir`` if any; None when the vocabulary service is not installed.

    Without a vocabulary, search still matches codes and labels exactly as the facts give
    them; only the roll-up to ancestors and the reading of words as concepts are lost.
    """
    try:
        from bigpicture.vocabularies import DATA_SUBDIR, load_vocabulary
    except ImportError:
        return None
    snomed_dir = settings.data_dir / DATA_SUBDIR if settings is not None else None
    return load_vocabulary(snomed_dir)
