"""The scale-out engine: Elasticsearch 8/9 or OpenSearch 2/3.

Records live in versioned indices ``<alias>-v<millis>`` created from one index template
(:mod:`.es_mapping`); searches and single-dataset updates go through the alias. A full
rebuild bulk-loads a new versioned index, then switches the alias in one atomic
``_aliases`` call and deletes the old index: searches never see a missing or half index.
The client is chosen by ``settings.elasticsearch_compat`` (:mod:`.es_client`).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from bigpicture.search.backend import SearchError
from bigpicture.search.documents import TEXT_FIELDS, Record
from bigpicture.search.es_client import SearchClient
from bigpicture.search.es_mapping import index_template, synonym_rules
from bigpicture.search.facets import CONCEPT_FIELD, facet_field, filter_field
from bigpicture.search.model import EngineHit, EngineQuery, EngineResult

SORTS: dict[str, list[Any]] = {
    "relevance": ["_score", {"sort_title": "asc"}],
    "title": [{"sort_title": "asc"}],
    "newest": [{"issued": "desc"}, {"sort_title": "asc"}],
    "oldest": [{"issued": "asc"}, {"sort_title": "asc"}],
    "images": [{"image_count": "desc"}, {"sort_title": "asc"}],
}
HIGHLIGHT = {
    "pre_tags": ["<b>"],
    "post_tags": ["</b>"],
    "encoder": "html",
    "fields": {"title": {"number_of_fragments": 0}, "diagnosis_text": {"number_of_fragments": 0}},
}
BULK_CHUNK = 2000


class ElasticBackend:
    """A :class:`~bigpicture.search.backend.SearchBackend` on an Elasticsearch/OpenSearch alias."""

    def __init__(
        self,
        client: SearchClient,
        alias: str,
        *,
        bulk: Callable[..., Any],
        synonyms: Iterable[Iterable[str]] = (),
    ) -> None:
        self.client = client
        self.alias = alias
        self._bulk = bulk
        self._synonyms = synonym_rules(synonyms)
        self._ready = False

    # -- indices and the alias ----------------------------------------------------------
    def _template(self) -> None:
        body = index_template(self.alias, self._synonyms)
        self.client.indices.put_index_template(name=self.alias, body=body)

    def _new_index(self) -> str:
        name = f"{self.alias}-v{time.time_ns() // 1_000_000}"
        self.client.indices.create(index=name)
        return name

    def _indices(self) -> list[str]:
        """The indices the alias points to (none before the first write)."""
        if not self.client.indices.exists_alias(name=self.alias):
            return []
        return sorted(self.client.indices.get_alias(name=self.alias))

    def ensure(self) -> None:
        """Create the template, a first index and the alias when missing."""
        if self._ready:
            return
        self._template()
        if not self._indices():
            name = self._new_index()
            actions = [{"add": {"index": name, "alias": self.alias, "is_write_index": True}}]
            self.client.indices.update_aliases(body={"actions": actions})
        self._ready = True

    def _switch(self, new: str, old: list[str]) -> None:
        actions: list[dict[str, Any]] = [
            {"remove": {"index": name, "alias": self.alias}} for name in old
        ]
        actions.append({"add": {"index": new, "alias": self.alias, "is_write_index": True}})
        self.client.indices.update_aliases(body={"actions": actions})
        for name in old:
            self.client.indices.delete(index=name)

    # -- writing ------------------------------------------------------------------------
    def _actions(self, index: str, records: Iterable[Record]) -> Iterator[dict[str, Any]]:
        for record in records:
            source = {key: value for key, value in record.items() if value is not None}
            yield {"_index": index, "_id": record["id"], "_source": source}

    def _load(self, index: str, records: Iterable[Record]) -> int:
        ok, errors = self._bulk(
            self.client, self._actions(index, records), chunk_size=BULK_CHUNK, raise_on_error=False
        )
        if errors:
            raise SearchError(f"{self.alias}: {len(errors)} records refused, first: {errors[0]}")
        return ok

    def replace(self, dataset_id: str, records: Iterable[Record]) -> None:
        """Delete the dataset's records and bulk-index ``records`` through the alias."""
        self.remove(dataset_id)
        self._load(self.alias, records)
        self.client.indices.refresh(index=self.alias)

    def remove(self, dataset_id: str) -> None:
        """Delete every record of ``dataset_id``."""
        self.ensure()
        body = {"query": {"term": {"dataset_id": dataset_id}}}
        self.client.delete_by_query(index=self.alias, body=body, refresh=True, conflicts="proceed")

    def rebuild(self, records: Iterable[Record]) -> int:
        """Bulk-load a new versioned index, then switch the alias to it atomically."""
        self._template()
        old = self._indices()
        new = self._new_index()
        count = self._load(new, records)
        self.client.indices.refresh(index=new)
        self._switch(new, old)
        self._ready = True
        return count

    # -- reading ------------------------------------------------------------------------
    def search(self, query: EngineQuery) -> EngineResult:
        """Total, one page of hits and facet counts for ``query``."""
        self.ensure()
        answer = self.client.search(index=self.alias, body=request_body(query))
        hits = tuple(_hit(raw) for raw in answer["hits"]["hits"])
        total = answer["hits"]["total"]
        total = total["value"] if isinstance(total, dict) else int(total)
        aggregations = answer.get("aggregations", {})
        facets = {
            facet: tuple(
                (str(b["key"]), int(b["doc_count"]))
                for b in aggregations.get(facet, {}).get("buckets", [])
            )
            for facet in query.facets
        }
        return EngineResult(total=total, hits=hits, facets=facets)

    def close(self) -> None:
        """Close the client's connections."""
        self.client.close()


def _hit(raw: dict[str, Any]) -> EngineHit:
    highlights = {name: "".join(parts) for name, parts in raw.get("highlight", {}).items()}
    payload = json.loads(raw["_source"]["payload"])
    return EngineHit(raw["_id"], float(raw.get("_score") or 0.0), payload, highlights)


def matching_clause(query: EngineQuery) -> dict[str, Any] | None:
    """Words (all of them, across fields) or the concepts they name."""
    should: list[dict[str, Any]] = []
    if query.text.strip():
        fields = [f"{name}^{boost:g}" for name, boost in TEXT_FIELDS.items()]
        should.append(
            {
                "multi_match": {
                    "query": query.text,
                    "fields": fields,
                    "type": "cross_fields",
                    "operator": "and",
                }
            }
        )
    if query.concepts:
        should.append({"terms": {CONCEPT_FIELD: list(query.concepts), "boost": 2.0}})
    if not should:
        return None
    return {"bool": {"should": should, "minimum_should_match": 1}}


def request_body(query: EngineQuery) -> dict[str, Any]:
    """The ``_search`` body of ``query``."""
    filters: list[dict[str, Any]] = [{"term": {"kind": query.kind}}]
    filters += [{"terms": {filter_field(f): list(values)}} for f, values in query.filters]
    boolean: dict[str, Any] = {"filter": filters}
    matching = matching_clause(query)
    if matching is not None:
        boolean["must"] = [matching]
    body: dict[str, Any] = {
        "query": {"bool": boolean},
        "from": query.offset,
        "size": query.limit,
        "sort": SORTS.get(query.sort, SORTS["relevance"]),
        "track_total_hits": True,
        "_source": ["payload"],
        "aggs": {
            facet: {"terms": {"field": facet_field(facet), "size": query.facet_size}}
            for facet in query.facets
        },
    }
    if query.highlight and query.text.strip():
        body["highlight"] = HIGHLIGHT
    return body
