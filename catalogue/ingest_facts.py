"""A new version's facts, computed from its N-Triples while the store writes them.

Reading ``DatasetFacts`` and ``ImageFacts`` back from the on-disk store costs about 20 µs a
triple, since every term is looked up in RocksDB: about a minute for a 45,000-image version.
The same queries (``facts_reader.graph_facts``, ``image_facts.image_facts``) over an in-memory
Oxigraph holding only the new version take a fifth of that. For a large version the
in-memory load and the queries run in a forked child while the parent bulk-loads the store;
the results go to the store's kept derived values (``Store.remember``), so neither the
indexer, the DOI registration nor a web worker reads them back from the store.
"""

from __future__ import annotations

import pyoxigraph as ox

from bigpicture.catalogue.facts import ImageFacts
from bigpicture.catalogue.facts_reader import default_vocabulary, graph_facts, remember_facts
from bigpicture.catalogue.forked import Forked
from bigpicture.catalogue.image_facts import image_facts
from bigpicture.catalogue.store import AddResult, NewVersion, Store

#: Versions with more N-Triples than this compute their facts in a forked child.
FORK_FROM_BYTES = 16_000_000
Facts = tuple[dict[str, object], tuple[ImageFacts, ...]]


def facts_of_ntriples(new: NewVersion, vocabulary) -> Facts:
    """The graph part of DatasetFacts and the ImageFacts of ``new``, from its N-Triples.

    The load is lenient (IRIs not checked again: a fifth faster): the store's own strict load
    of the same N-Triples decides whether the version goes in, and its facts are kept only then.
    """
    db = ox.Store()
    graph = ox.NamedNode(new.graph_iri)
    db.bulk_load(new.ntriples, ox.RdfFormat.N_TRIPLES, to_graph=graph, lenient=True)
    return graph_facts(db, new.graph_iri, vocabulary), image_facts(db, new, vocabulary)


def add_with_facts(store: Store, new: NewVersion, vocabulary=None) -> AddResult:
    """``store.add_version(new)``, with the new version's facts computed alongside and kept."""
    vocabulary = vocabulary or default_vocabulary()
    if store.get_record(new.id) is not None:  # a re-offer or a conflict: no new facts
        return store.add_version(new)
    work = lambda: facts_of_ntriples(new, vocabulary)  # noqa: E731
    child = Forked(work) if len(new.ntriples) > FORK_FROM_BYTES else None
    try:
        result = store.add_version(new)
    except BaseException:
        if child is not None:
            child.cancel()
        raise
    if not result.created:
        if child is not None:
            child.cancel()
        return result
    graph_values, images = child.result() if child is not None else work()
    remember_facts(store, new.graph_iri, graph_values, images, vocabulary)
    return result
