"""The shared suite: every test runs against the embedded engine and Elasticsearch/OpenSearch."""

from __future__ import annotations

from collections import Counter

from search_corpus import DATASETS, SUPERSEDED, images_of

from bigpicture.search.model import SearchQuery
from bigpicture.search.service import SearchService


def ids(result) -> set[str]:  # noqa: ANN001
    return {hit["id"] for hit in result.hits}


def ask(service: SearchService, text: str = "", size: int = 50, **filters) -> object:  # noqa: ANN003
    pairs = tuple((name, tuple(values)) for name, values in filters.items())
    return service.search(SearchQuery(text=text, filters=pairs, size=size))


def test_every_current_version_is_searchable_and_superseded_ones_are_not(service) -> None:  # noqa: ANN001
    result = ask(service)
    assert result.total == len(DATASETS)
    assert ids(result) == {facts.id for facts in DATASETS}
    assert SUPERSEDED.id not in ids(result)


def test_free_text_matches_title_words_with_stemming(service) -> None:  # noqa: ANN001
    assert ids(ask(service, "resection")) == {"LUNG-ADC-v2"}
    assert ids(ask(service, "excisions basal")) == {"SKIN-BCC-v1"}


def test_title_ranks_above_description(service) -> None:  # noqa: ANN001
    # "lung" is in LUNG-ADC's title and only in MOUSE-LIVER's description.
    hits = ask(service, "lung").hits
    assert [hit["id"] for hit in hits][:1] == ["LUNG-ADC-v2"]
    assert "MOUSE-LIVER-v1" in [hit["id"] for hit in hits]


def test_short_name_and_diagnosis_are_searchable(service) -> None:  # noqa: ANN001
    assert ids(ask(service, "BP_BREAST_LN")) == {"BREAST-NODES-v1"}
    assert ids(ask(service, "hepatocellular")) == {"MOUSE-LIVER-v1"}


def test_filters_accept_codes_and_labels(service) -> None:  # noqa: ANN001
    by_code = ids(ask(service, organ=["39937001"]))
    by_label = ids(ask(service, organ=["skin structure"]))
    expected = {f.id for f in DATASETS if any(o.code == "39937001" for o in f.organs)}
    assert by_code == by_label == expected


def test_values_of_one_facet_are_alternatives_and_facets_combine(service) -> None:  # noqa: ANN001
    either = ids(ask(service, node=["Leiden", "Basel"]))
    assert either == {f.id for f in DATASETS if f.node in ("Leiden", "Basel")}
    both = ids(ask(service, node=["Leiden", "Basel"], year=["2023"]))
    assert both == {f.id for f in DATASETS if f.node in ("Leiden", "Basel") and f.year == 2023}


def test_magnification_filter_takes_numbers(service) -> None:  # noqa: ANN001
    expected = {f.id for f in DATASETS if 20.0 in f.magnifications}
    assert ids(ask(service, magnification=["20"])) == ids(ask(service, magnification=["20x"]))
    assert ids(ask(service, magnification=["20"])) == expected


def test_filter_on_a_broad_concept_matches_everything_below_it(service) -> None:  # noqa: ANN001
    # Carcinoma (1187425009) is above basal cell and hepatocellular carcinoma in the
    # vocabulary; lymph node structure (59441001) above the axillary lymph node.
    assert ids(ask(service, diagnosis=["1187425009"])) == {"SKIN-BCC-v1", "MOUSE-LIVER-v1"}
    assert ids(ask(service, organ=["59441001"])) == {"BREAST-NODES-v1"}
    melanocytic = ids(ask(service, diagnosis_group=["BP-GROUP:melanocytic-lesion"]))
    assert melanocytic == {"SKIN-NEVI-v1", "SKIN-DYSP-v1"}


def test_words_that_name_a_concept_match_everything_below_it(service) -> None:  # noqa: ANN001
    result = ask(service, "melanocytic lesion")
    assert ids(result) == {"SKIN-NEVI-v1", "SKIN-DYSP-v1"}
    assert {c["code"] for c in result.concepts} == {"BP-GROUP:melanocytic-lesion"}
    assert ids(ask(service, "lymph node")) == {"BREAST-NODES-v1"}
    assert {"SKIN-BCC-v1", "MOUSE-LIVER-v1"} <= ids(ask(service, "carcinoma"))


def test_british_spelling_names_the_nevus_concepts(service) -> None:  # noqa: ANN001
    assert ids(ask(service, "naevus")) == {"SKIN-NEVI-v1", "SKIN-DYSP-v1"}


def test_facet_counts_follow_the_matching_records(service) -> None:  # noqa: ANN001
    result = ask(service, organ=["skin structure"])
    skin = [f for f in DATASETS if any(o.code == "39937001" for o in f.organs)]
    nodes = {v.value: v.count for v in result.facets["node"]}
    assert nodes == dict(Counter(f.node for f in skin))
    diagnoses = {v.value: v.count for v in result.facets["diagnosis"]}
    assert diagnoses == dict(Counter(d.code for f in skin for d in f.diagnoses))
    labels = {v.value: v.label for v in result.facets["diagnosis"]}
    assert labels["49409001"] == "Compound nevus"
    organ = result.facets["organ"]
    assert [(v.value, v.selected) for v in organ] == [("39937001", True)]


def test_diagnosis_groups_are_rolled_up_from_the_vocabulary(service, vocabulary) -> None:  # noqa: ANN001
    groups = {v.value: v.count for v in ask(service).facets["diagnosis_group"]}
    expected = Counter(
        group
        for f in DATASETS
        for group in {g for d in f.diagnoses for g in vocabulary.groups_of(d.code)}
    )
    assert groups == dict(expected)
    assert groups["BP-GROUP:melanocytic-lesion"] == 2


def test_every_facet_of_the_api_is_counted(service) -> None:  # noqa: ANN001
    facets = ask(service).facets
    years = {v.value: v.count for v in facets["year"]}
    assert years == {str(y): n for y, n in Counter(f.year for f in DATASETS).items()}
    assert {v.value for v in facets["magnification"]} == {"20x", "40x"}
    assert {v.value: v.count for v in facets["species"]}["447612001"] == 1
    assert {v.value for v in facets["access"]} == {"open", "restricted"}
    assert {v.value for v in facets["scanner"]} == {f.scanners[0] for f in DATASETS}
    assert {v.value: v.count for v in facets["sex"]}["female"] == len(DATASETS)


def test_slide_level_records(service) -> None:  # noqa: ANN001
    query = SearchQuery(kind="image", filters=(("stain", ("Ki-67",)), ("organ", ("lymph node",))))
    result = service.search(query)
    expected = {
        image.id
        for facts in DATASETS
        for image in images_of(facts)
        if any(s.label == "Ki-67" for s in image.stains)
        and any(o.code == "68171009" for o in image.organs)
    }
    assert expected and ids(result) == expected
    assert all(hit["dataset_id"] == "BREAST-NODES-v1" for hit in result.hits)


def test_paging_covers_every_hit_once(service) -> None:  # noqa: ANN001
    pages = [service.search(SearchQuery(size=4, page=n, sort="title")) for n in (1, 2)]
    seen = [hit["id"] for page in pages for hit in page.hits]
    assert len(seen) == len(set(seen)) == len(DATASETS)
    assert pages[0].pages == 2


def test_sorting(service) -> None:  # noqa: ANN001
    by_title = service.search(SearchQuery(sort="title", size=50)).hits
    assert [h["title"] for h in by_title] == sorted((f.title for f in DATASETS), key=str.casefold)
    newest = service.search(SearchQuery(sort="newest", size=50)).hits
    assert [h["issued"] for h in newest] == sorted((f.issued for f in DATASETS), reverse=True)
    images = service.search(SearchQuery(sort="images", size=1)).hits
    assert images[0]["counts"]["images"] == max(f.image_count for f in DATASETS)


def test_highlighting_marks_the_words(service) -> None:  # noqa: ANN001
    hit = ask(service, "adenocarcinoma").hits[0]
    assert "<b>" in hit["highlights"]["title"]
    assert "adenocarcinoma" in hit["highlights"]["title"].lower()


def test_hits_carry_what_the_api_promises(service) -> None:  # noqa: ANN001
    hit = ask(service, "BP_LUNG_ADC").hits[0]
    assert {"id", "short_name", "title", "doi", "url"} <= set(hit)
    assert hit["url"] == "/datasets/LUNG-ADC-v2" and hit["doi"] == "10.99999/LUNG-ADC-v2"


def test_withdrawal_removes_the_dataset_and_its_images(service) -> None:  # noqa: ANN001
    service.backend.remove("SKIN-NEVI-v1")
    assert "SKIN-NEVI-v1" not in ids(ask(service))
    images = service.search(SearchQuery(kind="image", size=100))
    assert all(hit["dataset_id"] != "SKIN-NEVI-v1" for hit in images.hits)


def test_replacing_a_dataset_updates_it_in_place(service, builder) -> None:  # noqa: ANN001
    from dataclasses import replace

    changed = replace(DATASETS[0], title="Benign naevi of the scalp")
    service.backend.replace(changed.id, builder.records(changed, images_of(changed)))
    assert ids(ask(service, "scalp")) == {changed.id}
    assert ask(service).total == len(DATASETS)


def test_rebuild_replaces_the_whole_content(service, builder) -> None:  # noqa: ANN001
    keep = DATASETS[:2]
    count = service.backend.rebuild(
        record for facts in keep for record in builder.records(facts, images_of(facts))
    )
    assert count == sum(1 + f.image_count for f in keep)
    assert ids(ask(service)) == {f.id for f in keep}


def test_suggestions_offer_concepts_as_you_type(service) -> None:  # noqa: ANN001
    texts = [s["text"] for s in service.suggest("nev")]
    assert "Compound nevus" in texts and "Dysplastic nevus" in texts
    facets = {s["text"]: s["facet"] for s in service.suggest("adeno")}
    assert facets["Adenocarcinoma of lung"] == "diagnosis"
    assert service.suggest("a") == []


def test_image_payload_is_the_json_of_the_image_hit(builder) -> None:  # noqa: ANN001
    import json

    from bigpicture.search.documents import image_hit

    for facts in DATASETS:
        for image in images_of(facts):
            record = builder.image_record(image, facts)
            groups = builder.groups(image.diagnoses, ())
            assert json.loads(record["payload"]) == image_hit(image, facts, groups)
