"""Ingest mints the version's DOI through the configured registrar; failures do not lose data."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent / "datacite"))
from fake_datacite import FakeDataCite  # noqa: E402

from bigpicture.catalogue.datacite.registrar import RestRegistrar  # noqa: E402

DOI = "10.99999/bp.bp_lung_adc_example.v1-0"


def test_ingest_makes_the_doi_findable(catalogue, submission: Path) -> None:
    with FakeDataCite("BP.CAT", "pw", "10.99999") as datacite:
        catalogue.registrar = RestRegistrar(datacite.url, "BP.CAT", "pw")
        result = catalogue.ingest(submission)
        assert result.registration.state == "findable" and not result.registration_error
        stored = datacite.dois[DOI]
        assert stored["state"] == "findable"
        assert stored["url"] == "http://127.0.0.1:8000/datasets/BP_LUNG_ADC_EXAMPLE-v1-0"
        assert {"Lung structure", "Adenocarcinoma of lung"} <= {
            s["subject"] for s in stored["subjects"]
        }


def test_a_registry_failure_keeps_the_version(catalogue, submission: Path) -> None:
    catalogue.registrar = RestRegistrar("http://127.0.0.1:9", "BP.CAT", "pw", timeout=2)
    result = catalogue.ingest(submission)
    assert result.created and result.registration is None
    assert "cannot be reached" in result.registration_error
    assert catalogue.store.require("BP_LUNG_ADC_EXAMPLE-v1-0").doi == DOI
