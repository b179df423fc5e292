"""Loading an RF2 snapshot (the hand-written fixture) and using its full is-a hierarchy."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bigpicture.vocabularies import Rf2Error, Vocabulary, load_snapshot, load_vocabulary
from tests.vocabularies.conftest import RF2_FIXTURE


def test_load_counts_active_rows_only(tmp_path: Path) -> None:
    report = load_snapshot(RF2_FIXTURE, tmp_path)
    assert (report.concepts, report.active_concepts) == (18, 17)
    assert report.isa == 18  # 20 rows: one inactive, one not is-a; the stated file is not read
    assert report.terms == 27  # 29 descriptions: one inactive, one text definition
    assert report.store.is_file()


def test_full_release_extends_the_hierarchy(full_vocabulary: Vocabulary) -> None:
    assert full_vocabulary.has_full_snomed
    below = full_vocabulary.descendants("363346000")
    assert {"93880001", "254637007", "254626006", "9000000101"} <= below
    # the project groupings still apply, and now reach the release's narrower codes
    assert "9000000101" in full_vocabulary.descendants("BP-GROUP:carcinoma")
    assert "BP-GROUP:carcinoma" in full_vocabulary.groups_of("9000000101")


def test_inactive_and_non_is_a_relationships_are_ignored(full_vocabulary: Vocabulary) -> None:
    assert "39607008" not in full_vocabulary.ancestors("9000000102")  # inactive / stated only
    assert "1187332001" not in full_vocabulary.ancestors("254626006")  # associated morphology
    assert {"59441001", "123037004", "138875005"} <= full_vocabulary.ancestors("9000000102")


def test_release_concepts_have_fsn_label_tag_and_synonyms(full_vocabulary: Vocabulary) -> None:
    concept = full_vocabulary.lookup("9000000101")
    assert concept.label == "Synthetic acinar adenocarcinoma of lung"
    assert (concept.semantic_tag, concept.category) == ("disorder", "diagnosis")
    # no preferred term in the US English set (only acceptable, or in en-GB): the FSN is used
    assert concept.synonyms == ("Synthetic acinar tumour of lung",)  # not the withdrawn term
    assert concept.origin == "snomed-release"
    assert not full_vocabulary.lookup("9000000103").active


def test_the_preferred_term_of_the_language_refset_is_the_label(full_vocabulary) -> None:
    concept = full_vocabulary.lookup("9000000102")
    assert concept.label == "Synthetic intrapulmonary lymph node"
    assert concept.semantic_tag == "body structure"
    assert "Synthetic intrapulmonary lymph node structure" in concept.synonyms  # the FSN's term


def test_without_a_language_refset_the_label_is_the_fsn_term(tmp_path: Path) -> None:
    plain = tmp_path / "rf2"
    shutil.copytree(RF2_FIXTURE, plain)
    next(plain.rglob("der2_cRefset_LanguageSnapshot*.txt")).unlink()
    load_snapshot(plain, tmp_path / "data")
    concept = load_vocabulary(tmp_path / "data").lookup("9000000102")
    assert concept.label == "Synthetic intrapulmonary lymph node structure"


def test_shipped_facts_win_and_gain_the_release_synonyms(full_vocabulary: Vocabulary) -> None:
    concept = full_vocabulary.lookup("254637007")
    assert concept.label == "Non-small cell lung cancer"
    assert "NSCLC" in concept.synonyms
    assert concept.category == "diagnosis"


def test_search_reaches_release_terms(full_vocabulary: Vocabulary) -> None:
    assert [c.code for c in full_vocabulary.search("NSCLC")][:1] == ["254637007"]
    assert "9000000101" in [c.code for c in full_vocabulary.search("acinar tumors")]
    assert full_vocabulary.search("text definition") == []


def test_missing_folder_and_missing_files(tmp_path: Path) -> None:
    with pytest.raises(Rf2Error, match="not a folder"):
        load_snapshot(tmp_path / "absent", tmp_path / "out")
    partial = tmp_path / "rf2"
    shutil.copytree(RF2_FIXTURE, partial)
    next(partial.rglob("sct2_Description_Snapshot*.txt")).unlink()
    with pytest.raises(Rf2Error, match="sct2_Description_Snapshot"):
        load_snapshot(partial, tmp_path / "out")
    assert not (tmp_path / "out" / "snomed.sqlite").exists()


def test_a_file_with_the_wrong_header_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "rf2"
    shutil.copytree(RF2_FIXTURE, broken)
    concept_file = next(broken.rglob("sct2_Concept_Snapshot*.txt"))
    concept_file.write_text("code\tname\n123\tx\n", encoding="utf-8")
    with pytest.raises(Rf2Error, match="not an RF2 concept file"):
        load_snapshot(broken, tmp_path / "out")


def test_a_failed_load_keeps_the_previous_release(tmp_path: Path, release_dir: Path) -> None:
    folder = tmp_path / "vocabularies"
    shutil.copytree(release_dir, folder)
    with pytest.raises(Rf2Error):
        load_snapshot(tmp_path / "absent", folder)
    assert load_vocabulary(folder).has_full_snomed
