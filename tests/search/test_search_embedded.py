"""The embedded engine's own behaviour: documents per image group, indices of other versions."""

from __future__ import annotations

import pytest
import tantivy
from search_corpus import ALIKE, images_of

from bigpicture.search.backend import SearchError
from bigpicture.search.embedded import EmbeddedBackend
from bigpicture.search.model import EngineQuery


def test_alike_images_are_one_document(tmp_path, builder) -> None:  # noqa: ANN001
    backend = EmbeddedBackend(tmp_path / "index")
    backend.replace(ALIKE.id, builder.records(ALIKE, images_of(ALIKE)))
    assert backend.document_count() == 3  # the dataset, its H&E images, its Ki-67 images
    assert backend.search(EngineQuery(kind="image", limit=0)).total == ALIKE.image_count
    backend.close()


def test_an_index_of_another_version_asks_for_a_rebuild(tmp_path) -> None:  # noqa: ANN001
    folder = tmp_path / "index"
    (folder / "g1").mkdir(parents=True)
    (folder / "CURRENT").write_text("g1\n")
    older = tantivy.SchemaBuilder()
    older.add_text_field("id", stored=True)
    tantivy.Index(older.build(), path=str(folder / "g1"))
    with pytest.raises(SearchError, match=r"g1: .*bpcat index --rebuild"):
        EmbeddedBackend(folder).search(EngineQuery())
