"""Small dataset versions for the store tests (hand-written N-Triples, no submission needed)."""

from __future__ import annotations

from bigpicture.catalogue.identifiers import VersionIris, version_doi, version_id
from bigpicture.catalogue.store import NewVersion

BP = "https://w3id.org/bigpicture/metaflex/"


def make_version(
    key: str = "DS1", version: str = "1", content: str = "a", images: int = 2, extra: str = ""
) -> NewVersion:
    """A version of dataset ``key`` whose RDF has ``images`` images and says ``content``."""
    iris = VersionIris("http://127.0.0.1:8000", version_id(key, version), key)
    dataset = iris.object("dataset", key)
    lines = [
        f'<{dataset}> <{BP}title> "Title {content}" .',
        f"<{dataset}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{BP}Dataset> .",
    ]
    for number in range(images):
        image = iris.object("image", f"IMG_{number}")
        lines.append(f"<{dataset}> <{BP}image_ref> <{image}> .")
        lines.append(f"<{image}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{BP}Image> .")
    lines.append(extra)
    return NewVersion(
        id=iris.id,
        dataset_key=key,
        version=version,
        title=f"Title {content}",
        doi=version_doi("10.99999", key, version),
        record_iri=iris.record,
        base_iri=iris.base,
        graph_iri=iris.graph,
        series_iri=iris.series,
        dataset_iri=dataset,
        ntriples="\n".join(lines).encode(),
        content_hash=f"hash-{content}",
        issued="2026-11-27",
    )
