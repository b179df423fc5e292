"""The Elasticsearch/OpenSearch index template: analyzers, synonyms and field mappings.

Free-text fields use ``bp_text`` (standard tokenizer, lower case, ASCII folding, English
stemming) at index time and ``bp_search`` (the same plus a synonym graph) at query time, so
synonyms can change without reindexing text. Synonyms come from the vocabulary (labels and
synonyms of each concept) plus spelling variants common in pathology. Facet fields
(``f_*``) and filter fields (``t_*``) are keywords; sort fields are keywords or integers.
Reference: Elasticsearch "Index templates", "Synonym graph token filter"; OpenSearch 2.x
"Index templates" (same body).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bigpicture.search.documents import TEXT_FIELDS
from bigpicture.search.facets import CONCEPT_FIELD, FACET_NAMES, facet_field, filter_field

#: Spelling variants that the vocabulary does not list as synonyms.
SPELLING_SYNONYMS: tuple[str, ...] = (
    "naevus, nevus",
    "naevi, nevi",
    "tumour, tumor",
    "oedema, edema",
    "haematoxylin, hematoxylin",
    "haemorrhage, hemorrhage",
    "oesophagus, esophagus",
    "ki67, ki-67, mib1, mib-1",
    "h&e, he, haematoxylin and eosin",
)


def synonym_rules(groups: Iterable[Iterable[str]]) -> list[str]:
    """Solr-style synonym lines (``a, b, c``) from groups of equivalent terms."""
    rules = list(SPELLING_SYNONYMS)
    for group in groups:
        terms = [t.replace(",", " ").strip().lower() for t in group if t and "=>" not in t]
        terms = list(dict.fromkeys(t for t in terms if t))
        if len(terms) > 1:
            rules.append(", ".join(terms))
    return rules


def analysis(synonyms: list[str]) -> dict[str, Any]:
    """The ``settings.analysis`` block."""
    base = ["lowercase", "asciifolding", "bp_stemmer"]
    return {
        "filter": {
            "bp_stemmer": {"type": "stemmer", "language": "english"},
            "bp_synonyms": {"type": "synonym_graph", "synonyms": synonyms, "lenient": True},
        },
        "analyzer": {
            "bp_text": {"type": "custom", "tokenizer": "standard", "filter": base},
            "bp_search": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["lowercase", "asciifolding", "bp_synonyms", "bp_stemmer"],
            },
        },
    }


def mappings() -> dict[str, Any]:
    """Field mappings of a record (see :mod:`bigpicture.search.documents`)."""
    keyword = {"type": "keyword"}
    properties: dict[str, Any] = {
        name: dict(keyword) for name in ("id", "kind", "dataset_id", "sort_title", "node")
    }
    for name in TEXT_FIELDS:
        properties[name] = {"type": "text", "analyzer": "bp_text", "search_analyzer": "bp_search"}
    for name in ("issued", "image_count", "age_min", "age_max"):
        properties[name] = {"type": "long"}
    for facet in FACET_NAMES:
        properties[facet_field(facet)] = dict(keyword)
        properties[filter_field(facet)] = dict(keyword)
    properties[CONCEPT_FIELD] = dict(keyword)
    properties["payload"] = {"type": "keyword", "index": False, "doc_values": False}
    return {"dynamic": False, "properties": properties}


def index_template(alias: str, synonyms: list[str]) -> dict[str, Any]:
    """The composable index template for every versioned index behind ``alias``."""
    return {
        "index_patterns": [f"{alias}-v*"],
        "priority": 100,
        "template": {
            "settings": {"number_of_shards": 1, "analysis": analysis(synonyms)},
            "mappings": mappings(),
        },
        "_meta": {"description": "Bigpicture Catalogue search records"},
    }
