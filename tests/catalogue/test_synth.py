"""bpcat synth: valid, coherent, realistic, reproducible and memory-flat submissions."""

from __future__ import annotations

import csv
import json
import tracemalloc
from collections import defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from bigpicture.catalogue.cli import main
from bigpicture.catalogue.cli.synth import NODES
from bigpicture.catalogue.synth import NODE_ORDER, SynthOptions, generate
from bigpicture.catalogue.synth.derive_tables import derive
from bigpicture.catalogue.synth.generator import tree_file
from tests.conftest import OFFICIAL_XSD_DIR

PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
ROOT_TO_XSD = {
    "DATASET_SET": "dataset", "POLICY_SET": "policy", "SAMPLE_SET": "sample",
    "STAINING_SET": "staining", "IMAGE_SET": "image", "ANNOTATION_SET": "annotation",
    "OBSERVATION_SET": "observation", "OBSERVER_SET": "observer",
    "LANDING_PAGE_SET": "landing_page", "REMS_SET": "rems", "ORGANISATION_SET": "organisation",
}  # fmt: skip
#: reference element -> kinds it may point to (FORMAT.md section 4)
REF_TARGETS = {
    "BIOLOGICAL_BEING_REF": {"BIOLOGICAL_BEING"}, "EXTRACTED_FROM_REF": {"BIOLOGICAL_BEING"},
    "PART_OF_CASE_REF": {"CASE"}, "SAMPLED_FROM_REF": {"SPECIMEN"}, "CREATED_FROM_REF": {"BLOCK"},
    "STAINING_INFORMATION_REF": {"STAINING"}, "IMAGE_OF": {"SLIDE", "SPECIMEN"},
    "IMAGE_REF": {"IMAGE"}, "ANNOTATION_REF": {"ANNOTATION"}, "CASE_REF": {"CASE"},
    "SPECIMEN_REF": {"SPECIMEN"}, "BLOCK_REF": {"BLOCK"}, "SLIDE_REF": {"SLIDE"},
    "OBSERVER_REF": {"OBSERVER"}, "OBSERVATION_REF": {"OBSERVATION"},
    "DATASET_REF": {"DATASET"},
}  # fmt: skip
EXPECTED_FILES = {
    "METADATA/dataset.xml", "METADATA/policy.xml", "METADATA/sample.xml",
    "METADATA/staining.xml", "METADATA/image.xml", "METADATA/observation.xml",
    "METADATA/observer.xml", "LANDING_PAGE/landing_page.xml", "PRIVATE/rems.xml",
    "PRIVATE/organisation.xml",
}  # fmt: skip


@pytest.fixture(scope="module")
def six(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One dataset per node, 30-60 images each."""
    out = tmp_path_factory.mktemp("six")
    list(generate(out, SynthOptions(datasets=6, images=(30, 60), seed=11)))
    return out


def _schemas() -> dict[str, etree.XMLSchema]:
    return {
        kind: etree.XMLSchema(etree.parse(str(OFFICIAL_XSD_DIR / f"BP.{kind}.xsd"), PARSER))
        for kind in set(ROOT_TO_XSD.values())
    }


def _objects(folder: Path) -> dict[tuple[str, str], etree._Element]:
    """Every object of a dataset folder by (kind, alias)."""
    found = {}
    for path in sorted(folder.rglob("*.xml")):
        for element in etree.parse(str(path), PARSER).getroot():
            if isinstance(element.tag, str):
                assert (element.tag, element.get("alias")) not in found
                found[element.tag, element.get("alias")] = element
    return found


def test_every_file_validates_against_the_official_xsd(six: Path) -> None:
    schemas, kinds = _schemas(), set()
    for path in sorted(six.rglob("*.xml")):
        document = etree.parse(str(path), PARSER)
        kind = ROOT_TO_XSD[document.getroot().tag]
        kinds.add(kind)
        assert schemas[kind].validate(document), f"{path}: {schemas[kind].error_log.last_error}"
    assert kinds == set(ROOT_TO_XSD.values())  # annotation.xml included


def test_layout_follows_the_preparation_guide(six: Path) -> None:
    folders = sorted(six.iterdir())
    assert sorted(f.name.split("_")[2].lower() for f in folders) == sorted(NODE_ORDER)
    for folder in folders:
        alias = (
            etree.parse(str(folder / "METADATA/dataset.xml"), PARSER).find("DATASET").get("alias")
        )
        assert folder.name == f"DATASET_{alias}"
        files = {p.relative_to(folder).as_posix() for p in folder.rglob("*.xml")}
        assert EXPECTED_FILES <= files <= EXPECTED_FILES | {"METADATA/annotation.xml"}


def test_references_resolve_to_the_right_kind(six: Path) -> None:
    for folder in sorted(six.iterdir()):
        objects = _objects(folder)
        aliases = defaultdict(set)
        for kind, alias in objects:
            aliases[kind].add(alias)
        for (kind, alias), element in objects.items():
            for ref in element.iter(*REF_TARGETS):
                targets = {k for k in REF_TARGETS[ref.tag] if ref.get("alias") in aliases[k]}
                assert targets, f"{kind} {alias}: {ref.tag} {ref.get('alias')} does not resolve"


def test_the_dataset_reaches_every_object(six: Path) -> None:
    for folder in sorted(six.iterdir()):
        objects = _objects(folder)
        dataset = next(e for (kind, _), e in objects.items() if kind == "DATASET")
        for kind in ("IMAGE", "ANNOTATION", "OBSERVATION"):
            referenced = [r.get("alias") for r in dataset.iter(f"{kind}_REF")]
            assert sorted(referenced) == sorted(a for k, a in objects if k == kind)
        reached = _reachable_from_images(objects)
        for kind in ("BIOLOGICAL_BEING", "CASE", "SPECIMEN", "BLOCK", "SLIDE", "STAINING"):
            assert {a for k, a in objects if k == kind} <= reached[kind], (folder, kind)


def _reachable_from_images(objects) -> dict[str, set[str]]:
    reached: dict[str, set[str]] = defaultdict(set)
    todo = [("IMAGE", alias) for kind, alias in objects if kind == "IMAGE"]
    while todo:
        kind, alias = todo.pop()
        if alias in reached[kind]:
            continue
        reached[kind].add(alias)
        for ref in objects[kind, alias].iter(*REF_TARGETS):
            if ref.tag in ("IMAGE_REF", "OBSERVATION_REF", "DATASET_REF"):
                continue
            for target in REF_TARGETS[ref.tag]:
                if (target, ref.get("alias")) in objects:
                    todo.append((target, ref.get("alias")))
    return reached


def test_image_counts_are_exact(tmp_path: Path) -> None:
    summaries = list(generate(tmp_path, SynthOptions(datasets=3, images=(5, 9), seed=2)))
    for summary in summaries:
        images = etree.parse(str(summary.folder / "METADATA/image.xml"), PARSER).getroot()
        assert len(images) - 1 == summary.images  # minus the comment
        assert 5 <= summary.images <= 9
    assert len({s.images for s in summaries}) > 1  # drawn per dataset from the range


def _tree_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}  # fmt: skip


def test_same_seed_gives_byte_identical_output(tmp_path: Path) -> None:
    options = SynthOptions(datasets=2, images=(40, 40), seed=5)
    list(generate(tmp_path / "a", options))
    list(generate(tmp_path / "b", options))
    list(generate(tmp_path / "c", SynthOptions(datasets=2, images=(40, 40), seed=6)))
    assert _tree_bytes(tmp_path / "a") == _tree_bytes(tmp_path / "b")
    assert _tree_bytes(tmp_path / "a") != _tree_bytes(tmp_path / "c")


def test_a_new_version_keeps_the_alias_and_the_earlier_cases(tmp_path: Path) -> None:
    first = SynthOptions(images=(20, 20), seed=3, node="leeds")
    second = SynthOptions(images=(30, 30), seed=3, node="leeds", version="2.0")
    [one] = generate(tmp_path / "v1", first)
    [two] = generate(tmp_path / "v2", second)
    assert one.alias == two.alias
    images_one = {k for k in _objects(one.folder) if k[0] == "IMAGE"}
    images_two = {k for k in _objects(two.folder) if k[0] == "IMAGE"}
    last_case = max(alias.split("_")[2] for _, alias in images_one)
    assert {k for k in images_one if k[1].split("_")[2] != last_case} <= images_two
    version = etree.parse(str(two.folder / "METADATA/dataset.xml"), PARSER).findtext(".//VERSION")
    assert version == "2.0"


def _codes(folder: Path, tag: str) -> set[str]:
    return {
        attribute.findtext("VALUE/CODE")
        for path in folder.rglob("*.xml")
        for attribute in etree.parse(str(path), PARSER).iter("CODE_ATTRIBUTE")
        if attribute.findtext("TAG") == tag
    }


def test_nodes_are_realistic(six: Path) -> None:
    by_node = {f.name.split("_")[2].lower(): f for f in six.iterdir()}
    assert _codes(by_node["linkoping"], "anatomical_site") == {"39937001"}
    assert _codes(by_node["linkoping"], "finding_site") == {"39937001"}  # morphology + site
    assert _codes(by_node["linkoping"], "morphology")
    assert _codes(by_node["vienna"], "anatomical_site") == {"64033007"}
    assert _codes(by_node["helsinki"], "anatomical_site") == {"39607008"}
    assert _codes(by_node["leeds"], "anatomical_site") == {"10200004"}
    assert len(_codes(by_node["utrecht"], "anatomical_site")) > 1
    trial = (by_node["marburg"] / "METADATA/sample.xml").read_text()
    assert "<TAG>trial_arm</TAG>" in trial
    assert "<TAG>trial_arm</TAG>" not in (by_node["utrecht"] / "METADATA/sample.xml").read_text()
    lung_stains = (by_node["helsinki"] / "METADATA/staining.xml").read_text()
    assert "TTF-1 (NKX2-1)" in lung_stains and "PROCEDURE_INFORMATION" in lung_stains


def test_codes_carry_the_preferred_term_of_the_vocabulary_facts(six: Path, shared_dir: Path):
    with (shared_dir / "vocab-facts/snomed_concepts.csv").open(encoding="utf-8") as handle:
        preferred = {row["code"]: row["preferred_term"] for row in csv.DictReader(handle)}
    seen = 0
    for path in six.rglob("*.xml"):
        for value in etree.parse(str(path), PARSER).iter("VALUE"):
            if value.findtext("SCHEME") == "SCT":
                assert value.findtext("MEANING") == preferred[value.findtext("CODE")]
                seen += 1
    assert seen > 100


def test_committed_tables_are_derived_from_the_vocabulary_facts(shared_dir: Path) -> None:
    committed = Path(__file__).resolve().parents[2] / "catalogue/synth/tables.json"
    assert json.loads(committed.read_text("utf-8")) == derive(shared_dir / "vocab-facts")


def _peak_bytes(out: Path, images: int) -> int:
    tracemalloc.start()
    try:
        list(generate(out, SynthOptions(images=(images, images), seed=1, node="utrecht")))
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.slow
def test_memory_stays_flat_as_the_dataset_grows(tmp_path: Path) -> None:
    small = _peak_bytes(tmp_path / "small", 500)
    large = _peak_bytes(tmp_path / "large", 5_000)
    assert large < 1.3 * small + 256 * 1024, (small, large)


def test_cli_writes_and_refuses_to_overwrite(tmp_path: Path) -> None:
    runner = CliRunner()
    args = ["synth", "--datasets", "2", "--images", "4", "--node", "vienna", str(tmp_path)]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "wrote 2 datasets, 8 images" in result.output
    assert runner.invoke(main, args).exit_code == 2
    assert runner.invoke(main, [*args, "--force"]).exit_code == 0
    assert runner.invoke(main, ["synth", "--images", "9-3", str(tmp_path / "x")]).exit_code == 2


def test_cli_by_node_layout(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["synth", "-n", "6", "-m", "3", "--by-node", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(NODES)
    assert set(NODES) == set(NODE_ORDER)


def test_streaming_and_in_memory_tree_write_the_same_bytes(tmp_path: Path) -> None:
    options = SynthOptions(datasets=6, images=(20, 30), seed=4)
    list(generate(tmp_path / "stream", options))
    list(generate(tmp_path / "tree", options, tree_file))
    assert _tree_bytes(tmp_path / "stream") == _tree_bytes(tmp_path / "tree")


def test_the_catalogue_validator_accepts_every_node(six: Path) -> None:
    from bigpicture.catalogue.validation import validate_path

    for folder in sorted(six.iterdir()):
        report = validate_path(folder)
        serious = [f for f in report.findings if f.severity.name in ("ERROR", "WARNING")]
        assert report.valid and not serious, (folder.name, serious[:3])
