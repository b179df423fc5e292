"""Our /catalog read by the catalogue's own DCAT harvester, as another Bigpicture catalogue
would read it: over real HTTP, page by page through the Hydra links."""

from __future__ import annotations

import pytest
from rdflib import URIRef


@pytest.mark.parametrize("query", ["page_size=2", "page_size=3&profile=dcat-ap-3"])
def test_the_dcat_harvester_reads_every_page(site: str, query: str) -> None:
    from bigpicture.harvest.dcat_check import check_record
    from bigpicture.harvest.http_client import HttpClient, RetryPolicy
    from bigpicture.harvest.nodes import Node
    from bigpicture.harvest.sources.dcat import DcatSource, record_graph

    source = DcatSource(
        Node("peer", "dcat", url=f"{site}/catalog?{query}"), HttpClient(RetryPolicy(attempts=1))
    )
    try:
        offers = source.offers()
        names = {offer.name for offer in offers}
        assert names == {
            f"{site}/datasets/{i}#dataset"
            for i in ("BP_LUNG_ADC-1", "BP_LUNG_ADC-2", "BP_SKIN_MEL-1", "BP_KIDNEY_IGA-1")
        }
        merged = source.fetch_catalogue()
        for offer in offers:
            record = record_graph(merged, URIRef(offer.name)).serialize(format="nt").encode()
            assert check_record(record, offer.name).valid, offer.name
    finally:
        source.close()
