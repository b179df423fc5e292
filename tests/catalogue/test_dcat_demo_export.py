"""``bpcat export`` of the demo catalogue (the shipped submissions, ingested) against the
official DCAT-AP 3.0.1 and HealthDCAT-AP R8 NON_PUBLIC shapes."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from dcat_conformance import validate
from rdflib import Graph
from rdflib.compare import isomorphic

from bigpicture.catalogue.cli import main
from bigpicture.catalogue.dcat.namespaces import DCAT

pytestmark = pytest.mark.slow

DEMO = Path(__file__).resolve().parents[2] / "catalogue" / "demo"
BASE = "https://demo.example.org/bpcat"
PLUGINS = {"turtle": "turtle", "jsonld": "json-ld", "rdfxml": "xml"}


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with every demo submission ingested (round 1, then round 2)."""
    from bigpicture.catalogue.app import open_catalogue
    from bigpicture.catalogue.settings import load_settings

    data_dir = tmp_path_factory.mktemp("demo-catalogue")
    catalogue = open_catalogue(load_settings(environ={}, data_dir=data_dir, base_url=BASE))
    for round_dir in sorted(DEMO.glob("round-*")):
        for submission in sorted(round_dir.glob("*/DATASET_*")):
            catalogue.ingest(submission, node=submission.parent.name)
    return data_dir


def export(demo_dir: Path, *args: str) -> str:
    """Standard output of ``bpcat export ARGS`` on the demo catalogue."""
    env = {"BPCAT_DATA_DIR": str(demo_dir), "BPCAT_BASE_URL": BASE}
    result = CliRunner().invoke(main, ["export", *args], env=env)
    assert result.exit_code == 0, result.output
    return result.output


def test_export_in_three_formats_is_one_graph(demo_dir: Path) -> None:
    graphs = {
        name: Graph().parse(data=export(demo_dir, "--format", name), format=plugin)
        for name, plugin in PLUGINS.items()
    }
    assert isomorphic(graphs["turtle"], graphs["jsonld"])
    assert isomorphic(graphs["turtle"], graphs["rdfxml"])
    datasets = set(graphs["turtle"].subjects(predicate=None, object=DCAT.Dataset))
    assert len(datasets) == 7
    assert all(str(d).startswith(BASE + "/datasets/") for d in datasets)


@pytest.mark.parametrize("profile", ["healthdcat-ap", "dcat-ap-3"])
def test_demo_export_has_no_violations(demo_dir: Path, profile: str) -> None:
    graph = Graph().parse(data=export(demo_dir, "--profile", profile), format="turtle")
    findings = validate(graph, profile)
    grouped = Counter((f.severity, f.path, f.message[:100]) for f in findings)
    print(f"\ndemo catalogue, {profile}: {len(findings)} results")
    for (severity, path, message), count in sorted(grouped.items()):
        print(f"  {count:3d} x {severity}: {path} {message}")
    assert not [f for f in findings if f.severity == "Violation"]


def test_export_of_an_unreadable_store_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "store").write_text("not a folder")
    result = CliRunner().invoke(main, ["export"], env={"BPCAT_DATA_DIR": str(tmp_path)})
    assert result.exit_code == 2 and "cannot read the catalogue store" in result.output
