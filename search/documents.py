"""Search documents: one record per current dataset version and one per image.

A dataset record rolls up what its images and samples say (organs, diagnoses, diagnosis
groups, stains, species, sexes, age range, scanners, magnifications) and what the catalogue
says about it (node, year, access, counts). Image records carry their own concepts plus the
dataset's node, year, access and titles, for slide-level questions ("Ki-67 slides of lymph
nodes"). Records are plain dicts with engine-neutral field names:

- ``f_<facet>``: ``code<TAB>label`` terms that facets count;
- ``t_<facet>``: normalised codes and labels of the values *and their ancestors*, filtered on;
- ``title``, ``short_name``, ``diagnosis_text``, ``text``: analysed free text;
- ``payload``: the JSON hit the API returns.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from bigpicture.catalogue.facts import Concept, DatasetFacts, ImageFacts
from bigpicture.search.concepts import ConceptSource, broader, concept_labels, concept_words
from bigpicture.search.facets import facet_field, facet_term, filter_field, normalise

Record = dict[str, Any]

#: Free-text fields and their boosts: title, short name and diagnosis count most.
TEXT_FIELDS: dict[str, float] = {
    "title": 3.0,
    "short_name": 3.0,
    "diagnosis_text": 2.0,
    "description": 1.0,
    "text": 1.0,
}


def magnification_label(value: float) -> str:
    """``40x`` for 40.0, ``2.5x`` for 2.5."""
    return f"{value:g}x"


class DocumentBuilder:
    """Turns facts into records, asking the vocabulary once per code (cached)."""

    def __init__(self, vocabulary: ConceptSource | None = None) -> None:
        self.vocabulary = vocabulary
        self._terms = lru_cache(maxsize=100_000)(self._terms_of)
        self._words = lru_cache(maxsize=100_000)(self._words_of)

    def _terms_of(self, concept: Concept) -> tuple[str, ...]:
        terms = [concept.code, concept.label]
        for code in broader(self.vocabulary, concept.code):
            terms.append(code)
            terms.extend(concept_labels(self.vocabulary, code)[:1])
        return tuple(dict.fromkeys(normalise(term) for term in terms if term))

    def _words_of(self, concept: Concept) -> tuple[str, ...]:
        return tuple(concept_words(self.vocabulary, [concept]))

    def _coded(self, record: Record, facet: str, concepts: Iterable[Concept]) -> None:
        concepts = tuple(concepts)
        record[facet_field(facet)] = list(
            dict.fromkeys(facet_term(c.code or c.label, c.label) for c in concepts)
        )
        terms: list[str] = []
        for concept in concepts:
            terms.extend(self._terms(concept))
        record[filter_field(facet)] = list(dict.fromkeys(terms))

    def groups(self, diagnoses: Iterable[Concept], given: Iterable[Concept]) -> tuple[Concept, ...]:
        """Diagnosis groups: those given plus the project groupings and diagnoses above each
        diagnosis in the vocabulary (``groups_of``: ``BP-GROUP:*``, ``BP-DIAGNOSIS:*``)."""
        found = {concept.code: concept for concept in given}
        for diagnosis in diagnoses:
            for code in broader(self.vocabulary, diagnosis.code):
                if code.startswith("BP-") and code not in found:
                    label = (concept_labels(self.vocabulary, code) or (code,))[0]
                    found[code] = Concept(code, code.split(":", 1)[0], label)
        return tuple(found.values())

    def dataset_record(self, facts: DatasetFacts) -> Record:
        """The record of one dataset version."""
        record = _common(facts, kind="dataset", record_id=facts.id)
        self._concepts(record, facts.organs, facts.diagnoses, facts.stains, facts.species)
        groups = self.groups(facts.diagnoses, facts.diagnosis_groups)
        self._coded(record, "diagnosis_group", groups)
        _plain(record, "sex", facts.sexes)
        _plain(record, "scanner", facts.scanners)
        _plain(record, "magnification", [magnification_label(m) for m in facts.magnifications])
        record.update(
            description=facts.description,
            image_count=facts.image_count,
            age_min=facts.age_min_years,
            age_max=facts.age_max_years,
        )
        record["payload"] = json.dumps(dataset_hit(facts, groups), separators=(",", ":"))
        return record

    def image_record(self, image: ImageFacts, facts: DatasetFacts) -> Record:
        """The record of one image of a dataset version."""
        record = _common(facts, kind="image", record_id=image.id)
        self._concepts(record, image.organs, image.diagnoses, image.stains, image.species)
        groups = self.groups(image.diagnoses, ())
        self._coded(record, "diagnosis_group", groups)
        _plain(record, "sex", [image.sex] if image.sex else [])
        _plain(record, "scanner", [image.scanner] if image.scanner else [])
        magnifications = [magnification_label(image.magnification)] if image.magnification else []
        _plain(record, "magnification", magnifications)
        record.update(description="", image_count=1, age_min=None, age_max=None)
        record["payload"] = json.dumps(image_hit(image, facts), separators=(",", ":"))
        return record

    def _concepts(self, record: Record, organs, diagnoses, stains, species) -> None:  # noqa: ANN001
        self._coded(record, "organ", organs)
        self._coded(record, "diagnosis", diagnoses)
        self._coded(record, "stain", stains)
        self._coded(record, "species", species)
        words = [w for c in diagnoses for w in self._words(c)]
        record["diagnosis_text"] = " | ".join(dict.fromkeys(words))
        others = [w for c in (*organs, *stains, *species) for w in self._words(c)]
        record["text"] = " | ".join(dict.fromkeys([*others, record.get("node", "")]))

    def records(self, facts: DatasetFacts, images: Iterable[ImageFacts] = ()) -> Iterator[Record]:
        """The dataset record followed by its image records (nothing unless current)."""
        if facts.status != "current":
            return
        yield self.dataset_record(facts)
        for image in images:
            yield self.image_record(image, facts)


def _common(facts: DatasetFacts, *, kind: str, record_id: str) -> Record:
    """Fields every record of a dataset version shares."""
    record: Record = {
        "id": record_id,
        "kind": kind,
        "dataset_id": facts.id,
        "title": facts.title,
        "short_name": facts.short_name,
        "sort_title": normalise(facts.title),
        "issued": _day_number(facts.issued),
        "node": facts.node,
    }
    _plain(record, "node", [facts.node] if facts.node else [])
    _plain(record, "year", [str(facts.year)] if facts.year else [])
    _plain(record, "access", [facts.access] if facts.access else [])
    return record


def _plain(record: Record, facet: str, values: Iterable[str]) -> None:
    """Facet and filter fields of uncoded values (the value is its own label)."""
    values = [value for value in values if value]
    record[facet_field(facet)] = list(dict.fromkeys(facet_term(v, v) for v in values))
    record[filter_field(facet)] = list(dict.fromkeys(normalise(v) for v in values))


def _day_number(iso_date: str) -> int:
    """``20251104`` for ``2025-11-04`` (sortable as an integer); 0 when unknown."""
    digits = "".join(ch for ch in iso_date[:10] if ch.isdigit())
    return int(digits.ljust(8, "0")) if digits else 0


def _labels(concepts: Iterable[Concept]) -> list[str]:
    return [concept.label for concept in concepts]


def dataset_hit(facts: DatasetFacts, groups: Iterable[Concept]) -> dict[str, Any]:
    """The hit the API returns for a dataset version."""
    return {
        "id": facts.id,
        "kind": "dataset",
        "short_name": facts.short_name,
        "title": facts.title,
        "doi": facts.doi,
        "version": facts.version,
        "dataset_key": facts.dataset_key,
        "url": f"/datasets/{facts.id}",
        "description": facts.description[:300],
        "node": facts.node,
        "year": facts.year,
        "issued": facts.issued,
        "access": facts.access,
        "organs": _labels(facts.organs),
        "diagnoses": _labels(facts.diagnoses),
        "diagnosis_groups": _labels(groups),
        "stains": _labels(facts.stains),
        "species": _labels(facts.species),
        "sexes": list(facts.sexes),
        "age_range": [facts.age_min_years, facts.age_max_years],
        "scanners": list(facts.scanners),
        "magnifications": list(facts.magnifications),
        "counts": {
            "cases": facts.case_count,
            "specimens": facts.specimen_count,
            "blocks": facts.block_count,
            "slides": facts.slide_count,
            "images": facts.image_count,
            "annotations": facts.annotation_count,
        },
    }


def image_hit(image: ImageFacts, facts: DatasetFacts) -> dict[str, Any]:
    """The hit the API returns for an image."""
    return {
        "id": image.id,
        "kind": "image",
        "dataset_id": facts.id,
        "alias": image.alias,
        "short_name": facts.short_name,
        "title": facts.title,
        "doi": facts.doi,
        "url": f"/datasets/{facts.id}",
        "node": facts.node,
        "year": facts.year,
        "access": facts.access,
        "organs": _labels(image.organs),
        "diagnoses": _labels(image.diagnoses),
        "stains": _labels(image.stains),
        "species": _labels(image.species),
        "sex": image.sex,
        "scanner": image.scanner,
        "magnification": image.magnification,
    }
