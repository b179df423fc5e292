"""DICOM files full of identifying values: none of them reaches any output of the catalogue.

The files carry a distinctive marker in every identifying attribute (patient, person names,
accession number, institution, UIDs, descriptions, free-text comments, the specimen's detailed
description). They are harvested from the node server, a folder and Orthanc; then the store,
the search index, the harvest state and reports, the API answers and the DCAT export are
searched for every marker.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from harvest_nodes import DATASET, make_node, set_version
from harvest_servers import start_orthanc
from wsi_files import MARKER_STRINGS

from bigpicture.catalogue.app import open_catalogue
from bigpicture.harvest.catalogue_sink import CatalogueSink
from bigpicture.harvest.nodes import Node
from bigpicture.harvest.pipeline import Harvester
from bigpicture.harvest.progress import PlainLog

pytestmark = [pytest.mark.orthanc, pytest.mark.slow]


def _node_folders(tmp_path: Path, example: Path) -> tuple[Path, Path, Path]:
    http_root = make_node(tmp_path / "http", example)
    dir_root = make_node(tmp_path / "dir", example)
    set_version(dir_root / DATASET, "2.0")
    pacs_root = tmp_path / "pacs"
    shutil.copytree(
        dir_root / DATASET, pacs_root / DATASET, ignore=shutil.ignore_patterns("IMAGES")
    )
    set_version(pacs_root / DATASET, "3.0")
    return http_root, dir_root, pacs_root


@pytest.fixture
def harvested(settings, serve_node, example_submission, orthanc_program, tmp_path):
    http_root, dir_root, pacs_root = _node_folders(tmp_path, example_submission)
    orthanc = start_orthanc(orthanc_program, tmp_path / "orthanc")
    try:
        for path in (dir_root / DATASET / "IMAGES").rglob("*.dcm"):
            orthanc.upload(path)
        nodes = [
            Node("http", "metaflex-http", url=serve_node(http_root)),
            Node("dir", "metaflex-dir", path=dir_root),
            Node("pacs-node", "metaflex-dir", path=pacs_root),
            Node("pacs", "dicomweb", url=orthanc.dicomweb, images_of="pacs-node"),
        ]
        catalogue = open_catalogue(settings)
        harvester = Harvester(
            {n.name: n for n in nodes}, settings.data_dir, CatalogueSink(catalogue), PlainLog()
        )
        outcomes = harvester.run()
    finally:
        orthanc.stop()
    return catalogue, outcomes


def _leaks(text: str) -> list[str]:
    return [marker for marker in MARKER_STRINGS if marker in text]


def test_no_identifying_value_reaches_any_output(harvested, settings) -> None:
    catalogue, outcomes = harvested
    ids = [d.version_id for o in outcomes for d in o.datasets]
    assert sorted(d.outcome for o in outcomes for d in o.datasets) == ["ingested"] * 3, outcomes
    for id in ids:  # the technical metadata did arrive, from all three kinds of source
        assert catalogue.facts(id).magnifications == (20.0, 40.0)

    quads = catalogue.store.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    dump = "\n".join(" ".join(str(term) for term in row) for row in quads)
    assert "ZZMARK" not in dump and "SlideMaster" in dump and not _leaks(dump)

    for path in settings.data_dir.rglob("*"):  # index, harvest state and reports, samples
        if path.is_file() and "store" not in path.relative_to(settings.data_dir).parts:
            assert not _leaks(path.read_bytes().decode("latin-1")), path

    from bigpicture.catalogue.web import create_app

    client = create_app(settings).test_client()
    urls = [
        "/",
        "/catalog",
        "/catalog.ttl",
        "/catalog.jsonld",
        "/sitemap.xml",
        "/metrics.json",
        "/api/search?q=lung",
        "/sparql?query=SELECT%20*%20WHERE%20%7B%3Fs%20%3Fp%20%3Fo%7D",
    ]
    for id in ids:
        urls += [
            f"/datasets/{id}",
            f"/datasets/{id}.jsonld",
            f"/datasets/{id}.ttl",
            f"/datasets/{id}/linkset",
        ]
    for url in urls:
        answer = client.get(url)
        assert answer.status_code == 200, url
        assert not _leaks(answer.get_data(as_text=True)), url
    for marker in ("ZZMARKPATNAME", "ZZMARKACCESSION", "ZZMARKIMAGECOMMENT"):
        found = client.get(f"/api/search?q={marker}").get_json()
        assert not _leaks(str(found)) and found["total"] == 0, found

    from click.testing import CliRunner

    from bigpicture.catalogue.cli import main

    for fmt in ("turtle", "jsonld", "rdfxml"):
        export = CliRunner().invoke(
            main, ["export", "--format", fmt], env={"BPCAT_DATA_DIR": str(settings.data_dir)}
        )
        assert export.exit_code == 0, export.output
        assert "BP_LUNG_ADC_EXAMPLE" in export.output and not _leaks(export.output), fmt
