"""The index follows the store: ingest, ``bpcat index --rebuild`` and withdrawal, end to end."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from bigpicture.catalogue.app import open_catalogue
from bigpicture.catalogue.cli import main
from bigpicture.search.model import SearchQuery
from bigpicture.search.service import SearchService

pytestmark = pytest.mark.slow


def test_ingest_rebuild_and_withdrawal_update_the_index(
    settings, example_submission, vocabulary
) -> None:  # noqa: ANN001, E501
    catalogue = open_catalogue(settings)
    version = catalogue.ingest(example_submission).record.id
    service = SearchService(catalogue.search_indexer.backend, vocabulary)
    found = service.search(SearchQuery(text="adenocarcinoma"))
    assert [hit["id"] for hit in found.hits] == [version]
    images = service.search(SearchQuery(kind="image", size=100))
    assert images.total == len(catalogue.image_facts(version)) > 0
    # The example's lung adenocarcinoma rolls up to the carcinoma grouping.
    assert service.search(SearchQuery(filters=(("diagnosis_group", ("carcinoma",)),))).total == 1

    env = {"BPCAT_DATA_DIR": str(settings.data_dir), "BPCAT_CONFIG": ""}
    result = CliRunner().invoke(main, ["index", "--rebuild"], env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert f"embedded index: 1 datasets, {images.total} images" in result.output

    catalogue.withdraw(version, reason="consent withdrawn")
    assert service.search(SearchQuery()).total == 0
    assert service.search(SearchQuery(kind="image")).total == 0
