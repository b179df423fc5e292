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
from collections.abc import Callable, Iterable, Iterator
from json.encoder import encode_basestring_ascii  # type: ignore[attr-defined]
from typing import Any

from bigpicture.catalogue.facts import Concept, DatasetFacts, ImageFacts
from bigpicture.search.concepts import ConceptSource, broader, concept_labels, concept_words
from bigpicture.search.facets import (
    CONCEPT_FACETS,
    CONCEPT_FIELD,
    facet_field,
    facet_term,
    filter_field,
    normalise,
)

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
    """Turns facts into records, asking the vocabulary once per concept combination.

    Everything derived from concepts (facet terms, ancestor terms, words, groups) is
    memoised by the tuple of concepts, and the fields an image shares with its dataset are
    made once per dataset, so building millions of image records costs little more than
    copying dicts.
    """

    _MEMO_LIMIT = 50_000

    def __init__(self, vocabulary: ConceptSource | None = None) -> None:
        self.vocabulary = vocabulary
        self._memo: dict[tuple, Any] = {}
        self._alike_facts: DatasetFacts | None = None
        self._alike_memo: dict[Any, Any] = {}

    def _cached(self, key: tuple, make: Callable[[], Any]) -> Any:
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) > self._MEMO_LIMIT:
                self._memo.clear()
            found = self._memo[key] = make()
        return found

    def _terms_of(self, concept: Concept) -> tuple[str, ...]:
        terms = [concept.code, concept.label, *broader(self.vocabulary, concept.code)]
        return tuple(dict.fromkeys(normalise(term) for term in terms if term))

    def _coded_fields(self, concepts: tuple[Concept, ...]) -> tuple[list[str], list[str]]:
        def make() -> tuple[list[str], list[str]]:
            facet = dict.fromkeys(facet_term(c.code or c.label, c.label) for c in concepts)
            terms = [
                t
                for c in concepts
                for t in self._cached(("terms", c), lambda c=c: self._terms_of(c))
            ]
            return list(facet), list(dict.fromkeys(terms))

        return self._cached(("coded", concepts), make)

    def _coded(self, record: Record, facet: str, concepts: Iterable[Concept]) -> None:
        terms, filters = self._coded_fields(tuple(concepts))
        record[facet_field(facet)] = terms
        record[filter_field(facet)] = filters

    def _words(self, concepts: tuple[Concept, ...], extra: str = "", *, wide: bool = True) -> str:
        def make() -> str:
            words = concept_words(self.vocabulary, concepts, ancestors=wide)
            return " | ".join(dict.fromkeys([*words, extra] if extra else words))

        return self._cached(("words", concepts, extra, wide), make)

    def groups(self, diagnoses: Iterable[Concept], given: Iterable[Concept]) -> tuple[Concept, ...]:
        """Diagnosis groups: those given plus the project groupings and diagnoses above each
        diagnosis in the vocabulary (``groups_of``: ``BP-GROUP:*``, ``BP-DIAGNOSIS:*``)."""
        diagnoses, given = tuple(diagnoses), tuple(given)
        return self._cached(("groups", diagnoses, given), lambda: self._groups(diagnoses, given))

    def _groups(self, diagnoses: tuple[Concept, ...], given: tuple[Concept, ...]):  # noqa: ANN202
        found = {concept.code: concept for concept in given}
        for diagnosis in diagnoses:
            for code in broader(self.vocabulary, diagnosis.code):
                if code.startswith("BP-") and code not in found:
                    label = (concept_labels(self.vocabulary, code) or (code,))[0]
                    found[code] = Concept(code, code.split(":", 1)[0], label)
        return tuple(found.values())

    def _plain(self, record: Record, facet: str, values: tuple[str, ...]) -> None:
        terms, filters = self._cached(("plain", values), lambda: _plain_fields(values))
        record[facet_field(facet)] = terms
        record[filter_field(facet)] = filters

    def dataset_record(self, facts: DatasetFacts) -> Record:
        """The record of one dataset version."""
        record = _common(facts, kind="dataset", record_id=facts.id)
        self._concepts(record, facts.organs, facts.diagnoses, facts.stains, facts.species)
        groups = self.groups(facts.diagnoses, facts.diagnosis_groups)
        self._coded(record, "diagnosis_group", groups)
        _concept_union(record)
        self._plain(record, "sex", facts.sexes)
        self._plain(record, "scanner", facts.scanners)
        magnifications = tuple(magnification_label(m) for m in facts.magnifications)
        self._plain(record, "magnification", magnifications)
        record.update(
            description=facts.description,
            image_count=facts.image_count,
            age_min=facts.age_min_years,
            age_max=facts.age_max_years,
        )
        record["payload"] = json.dumps(dataset_hit(facts, groups), separators=(",", ":"))
        return record

    def _alike(self, facts: DatasetFacts) -> dict[Any, Any]:
        """What the images of one dataset version share, made once: the memo starts afresh
        for every other ``facts`` (a changed version under the same id included)."""
        if self._alike_facts is not facts:
            base = _common(facts, kind="image", record_id="")
            base.update(description="", image_count=1, age_min=None, age_max=None)
            self._alike_facts, self._alike_memo = facts, {"base": base}
        return self._alike_memo

    def image_record(self, image: ImageFacts, facts: DatasetFacts) -> Record:
        """The record of one image of a dataset version."""
        alike = self._alike(facts)
        record = dict(alike["base"])
        key = (
            image.organs,
            image.diagnoses,
            image.stains,
            image.species,
            image.sex,
            image.scanner,
            image.magnification,
        )
        shared = alike.get(key)
        if shared is None:
            shared = alike[key] = self._image_shared(image, facts)
        fields, payload_end = shared
        record.update(fields)
        record["id"] = image.id
        own = f'{{"id":{_string(image.id)},"alias":{_string(image.alias)},'
        record["payload"] = own + payload_end
        return record

    def _image_shared(self, image: ImageFacts, facts: DatasetFacts) -> tuple[Record, str]:
        """The fields of images alike to ``image``, and the end of their payload: the JSON
        of :func:`image_hit` after ``id`` and ``alias`` (made of pieces that images which
        share less still share: the dataset's, the concepts', the plain values')."""
        alike = self._alike(facts)
        concepts = (image.organs, image.diagnoses, image.stains, image.species)
        fields = dict(
            self._cached(
                ("concepts", *concepts, facts.node), lambda: self._image_concepts(image, facts)
            )
        )
        self._plain(fields, "sex", (image.sex,))
        self._plain(fields, "scanner", (image.scanner,))
        magnification = image.magnification
        self._plain(
            fields, "magnification", (magnification_label(magnification),) if magnification else ()
        )
        if "hit-dataset" not in alike:
            alike["hit-dataset"] = _fragment(image_hit(image, facts), _HIT_DATASET_KEYS)
        labels = alike.get(concepts)
        if labels is None:
            groups = self.groups(image.diagnoses, ())
            labels = alike[concepts] = _fragment(image_hit(image, facts, groups), _HIT_CONCEPT_KEYS)
        own = _dumps({"sex": image.sex, "scanner": image.scanner, "magnification": magnification})
        return fields, f"{alike['hit-dataset']},{labels},{own[1:]}"

    def _image_concepts(self, image: ImageFacts, facts: DatasetFacts) -> Record:
        fields: Record = {"node": facts.node, "kind": "image"}
        self._concepts(fields, image.organs, image.diagnoses, image.stains, image.species)
        self._coded(fields, "diagnosis_group", self.groups(image.diagnoses, ()))
        _concept_union(fields)
        del fields["node"], fields["kind"]
        return fields

    def _concepts(self, record: Record, organs, diagnoses, stains, species) -> None:  # noqa: ANN001
        """Concept fields; dataset records also carry their ancestors' words (images rely
        on the ``t_*`` codes for the hierarchy, which keeps millions of records small)."""
        wide = record["kind"] == "dataset"
        self._coded(record, "organ", organs)
        self._coded(record, "diagnosis", diagnoses)
        self._coded(record, "stain", stains)
        self._coded(record, "species", species)
        record["diagnosis_text"] = self._words(tuple(diagnoses), wide=wide)
        others = (*organs, *stains, *species)
        record["text"] = self._words(others, record.get("node", ""), wide=wide)

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


def _concept_union(record: Record) -> None:
    """``t_concept``: every concept term of the record in one field, so that a word naming a
    concept is one lookup in one field rather than one per concept facet."""
    terms = [term for facet in CONCEPT_FACETS for term in record[filter_field(facet)]]
    record[CONCEPT_FIELD] = list(dict.fromkeys(terms))


def _plain_fields(values: Iterable[str]) -> tuple[list[str], list[str]]:
    """Facet and filter terms of uncoded values (the value is its own label)."""
    values = [value for value in values if value]
    terms = list(dict.fromkeys(facet_term(v, v) for v in values))
    return terms, list(dict.fromkeys(normalise(v) for v in values))


def _plain(record: Record, facet: str, values: Iterable[str]) -> None:
    """Set the facet and filter fields of uncoded values."""
    record[facet_field(facet)], record[filter_field(facet)] = _plain_fields(values)


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


_dumps = json.JSONEncoder(separators=(",", ":")).encode
_string = encode_basestring_ascii
#: Keys of an image hit after ``id`` and ``alias``, in pieces: these two, then the image's
#: sex, scanner and magnification.
_HIT_DATASET_KEYS = (
    "kind",
    "dataset_id",
    "short_name",
    "title",
    "doi",
    "url",
    "node",
    "year",
    "access",
)
_HIT_CONCEPT_KEYS = ("organs", "diagnoses", "diagnosis_groups", "stains", "species")


def _fragment(hit: dict[str, Any], keys: tuple[str, ...]) -> str:
    """``"key":value,...`` of some keys of a hit: a piece of its JSON object."""
    return _dumps({key: hit[key] for key in keys})[1:-1]


def image_hit(
    image: ImageFacts, facts: DatasetFacts, groups: Iterable[Concept] = ()
) -> dict[str, Any]:
    """The hit the API returns for an image (``groups``: of the image's diagnoses)."""
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
        "diagnosis_groups": _labels(groups),
        "stains": _labels(image.stains),
        "species": _labels(image.species),
        "sex": image.sex,
        "scanner": image.scanner,
        "magnification": image.magnification,
    }
