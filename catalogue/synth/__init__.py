"""Synthetic MetaFleX 2.0.0 submissions for tests, benchmarks and the demo (``bpcat synth``).

Realistic per node (cancer: Utrecht, kidney: Vienna, liver: Leeds, lung: Helsinki, skin:
Linköping, clinical trials: Marburg), drawn from the committed vocabulary table ``tables.json``
(derived from ../shared/vocab-facts by ``derive_tables.py``), seeded and byte-reproducible, and
streamed so that memory stays flat from 100 to 3,000,000 images.
"""

from bigpicture.catalogue.synth.generator import (
    NODE_ORDER,
    DatasetSummary,
    SynthOptions,
    generate,
)

__all__ = ["NODE_ORDER", "DatasetSummary", "SynthOptions", "generate"]
