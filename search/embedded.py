"""The embedded engine: a tantivy index on disk under ``settings.index_dir``.

Why tantivy: docs/design.md, "Search". Layout: ``index_dir/CURRENT`` names the live
generation folder; :meth:`EmbeddedBackend.rebuild` writes a new generation beside it and
switches ``CURRENT`` atomically when complete, so readers never see a half-built index.
Facets are terms aggregations over fast fields; free text uses BM25 with field boosts.
Alike images of a dataset are one document standing for ``n`` records
(:mod:`~bigpicture.search.embedded_lines`): totals and facet counts are sums of ``n``, and a
page expands documents into their images.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import tantivy

from bigpicture.search.backend import SearchError
from bigpicture.search.documents import TEXT_FIELDS, Record
from bigpicture.search.embedded_lines import (
    INTEGER_FIELDS,
    JsonLines,
    image_column,
    member_payloads,
)
from bigpicture.search.facets import CONCEPT_FIELD, FACET_NAMES, facet_field, filter_field
from bigpicture.search.model import EngineHit, EngineQuery, EngineResult

HIGHLIGHT_FIELDS: tuple[str, ...] = ("title", "diagnosis_text")
SORT_FIELDS: dict[str, tuple[str, tantivy.Order]] = {
    "title": ("sort_title", tantivy.Order.Asc),
    "newest": ("issued", tantivy.Order.Desc),
    "oldest": ("issued", tantivy.Order.Asc),
    "images": ("image_count", tantivy.Order.Desc),
}
#: Writer memory for one dataset's update, and for a full rebuild (fewer, larger segments
#: mean fewer merges: 1 GB indexed about 15% more records per CPU second than 256 MB).
_UPDATE_HEAP = 64_000_000
_REBUILD_HEAP = 1_000_000_000
_LOCK_WAIT = 15.0
#: Terms each segment reports per facet before they are merged: far more than any facet
#: holds, so that counts are exact (tantivy's default keeps 1.5 x size + 10 per segment).
_SEGMENT_TERMS = 10_000


def build_schema() -> tantivy.Schema:
    """The schema of every generation."""
    builder = tantivy.SchemaBuilder()
    for name in ("id", "kind", "dataset_id"):
        builder.add_text_field(name, stored=True, tokenizer_name="raw", index_option="basic")
    for name in TEXT_FIELDS:
        stored = name in HIGHLIGHT_FIELDS
        # Word frequencies without positions: queries are never phrases (see clean_text).
        builder.add_text_field(name, stored=stored, tokenizer_name="en_stem", index_option="freq")
    builder.add_text_field("sort_title", fast=True, tokenizer_name="raw", index_option="basic")
    for facet in FACET_NAMES:
        builder.add_text_field(
            facet_field(facet), fast=True, tokenizer_name="raw", index_option="basic"
        )
        builder.add_text_field(filter_field(facet), tokenizer_name="raw", index_option="basic")
        builder.add_text_field(
            image_column(facet), fast=True, tokenizer_name="raw", index_option="basic"
        )
    builder.add_text_field(CONCEPT_FIELD, tokenizer_name="raw", index_option="basic")
    for name in INTEGER_FIELDS:
        builder.add_integer_field(name, indexed=True, fast=True)
    builder.add_integer_field("n", fast=True)  # records a document stands for (image groups)
    builder.add_bytes_field("payload", stored=True)
    builder.add_bytes_field("members", stored=True)
    return builder.build()


def facet_column(facet: str, kind: str) -> str:
    """The fast field counted for ``facet`` in records of ``kind``."""
    return image_column(facet) if kind == "image" else facet_field(facet)


def clean_text(text: str) -> str:
    """Words only: query-syntax characters and operators become plain words."""
    words = re.sub(r"[^\w\s]|_", " ", text).split()
    return " ".join(word.lower() for word in words)


class EmbeddedBackend:
    """A :class:`~bigpicture.search.backend.SearchBackend` on a tantivy index folder."""

    def __init__(self, index_dir: Path, *, writer_threads: int = 0) -> None:
        self.index_dir = Path(index_dir)
        self.schema = build_schema()
        self.writer_threads = writer_threads
        self._lock = threading.RLock()
        self._generation = ""
        self._meta_mtime = 0.0
        self._index: tantivy.Index | None = None

    # -- generations --------------------------------------------------------------------
    def _pointer(self) -> Path:
        return self.index_dir / "CURRENT"

    def _current_generation(self) -> str:
        pointer = self._pointer()
        if pointer.is_file():
            return pointer.read_text().strip()
        self.index_dir.mkdir(parents=True, exist_ok=True)
        self._switch("g1")
        return "g1"

    def _switch(self, generation: str) -> None:
        (self.index_dir / generation).mkdir(parents=True, exist_ok=True)
        tantivy.Index(self.schema, path=str(self.index_dir / generation))
        temporary = self.index_dir / "CURRENT.tmp"
        temporary.write_text(generation + "\n")
        os.replace(temporary, self._pointer())

    def _open(self) -> tantivy.Index:
        """The live index, reopened when another process switched or committed."""
        with self._lock:
            generation = self._current_generation()
            if self._index is None or generation != self._generation:
                path = self.index_dir / generation
                try:
                    self._index = tantivy.Index(self.schema, path=str(path), reuse=True)
                except ValueError as error:
                    raise SearchError(
                        f"{path}: {error}; the index was written by another version of the "
                        "catalogue, rebuild it with `bpcat index --rebuild`"
                    ) from error
                self._generation = generation
                self._meta_mtime = 0.0
            meta = self.index_dir / generation / "meta.json"
            mtime = meta.stat().st_mtime if meta.exists() else 0.0
            if mtime != self._meta_mtime:
                self._index.reload()
                self._meta_mtime = mtime
            return self._index

    # -- writing ------------------------------------------------------------------------
    def _writer(self, index: tantivy.Index, heap: int) -> tantivy.IndexWriter:
        deadline = time.monotonic() + _LOCK_WAIT
        while True:
            try:
                return index.writer(heap, self.writer_threads)
            except ValueError as error:
                if "Lock" not in str(error) or time.monotonic() > deadline:
                    raise SearchError(f"{self.index_dir}: index is locked ({error})") from error
                time.sleep(0.05)

    def _write(
        self,
        index: tantivy.Index,
        delete: str | None,
        records: Iterable[Record],
        heap: int = _UPDATE_HEAP,
    ) -> int:
        with self._lock:
            writer = self._writer(index, heap)
            if delete is not None:
                writer.delete_documents_by_term("dataset_id", delete)
            lines = JsonLines()
            for line in lines.lines(records):
                writer.add_json(line)
            writer.commit()
            writer.wait_merging_threads()
            index.reload()
            return lines.count

    def replace(self, dataset_id: str, records: Iterable[Record]) -> None:
        """Drop the records of ``dataset_id`` and add ``records`` in one commit."""
        self._write(self._open(), dataset_id, records)

    def remove(self, dataset_id: str) -> None:
        """Drop the records of ``dataset_id``."""
        self._write(self._open(), dataset_id, ())

    def rebuild(self, records: Iterable[Record]) -> int:
        """Build a new generation from ``records`` and switch to it when complete."""
        with self._lock:
            old = self._current_generation()
            new = f"g{int(old.lstrip('g') or 0) + 1}"
            shutil.rmtree(self.index_dir / new, ignore_errors=True)
            (self.index_dir / new).mkdir(parents=True)
            index = tantivy.Index(self.schema, path=str(self.index_dir / new))
            count = self._write(index, None, records, _REBUILD_HEAP)
            temporary = self.index_dir / "CURRENT.tmp"
            temporary.write_text(new + "\n")
            os.replace(temporary, self._pointer())
            self._index = None
            shutil.rmtree(self.index_dir / old, ignore_errors=True)
            return count

    # -- reading ------------------------------------------------------------------------
    def search(self, query: EngineQuery) -> EngineResult:
        """Total, one page of hits and facet counts for ``query``."""
        index = self._open()
        searcher = index.searcher()
        text_query = self._text_query(index, query.text)
        full = self._query(query, text_query)
        total, facets = self._counts(searcher, full, query)
        found = self._hits(searcher, full, query) if query.limit and total else []
        if query.highlight and text_query is not None and found:
            hits = self._highlight(searcher, text_query, found)
        else:
            hits = [hit for hit, _doc in found]
        return EngineResult(total=total, hits=tuple(hits), facets=facets)

    def _text_query(self, index: tantivy.Index, text: str) -> tantivy.Query | None:
        words = clean_text(text)
        if not words:
            return None
        query, _errors = index.parse_query_lenient(
            words, list(TEXT_FIELDS), field_boosts=TEXT_FIELDS, conjunction_by_default=True
        )
        return query

    def _query(self, query: EngineQuery, text_query: tantivy.Query | None) -> tantivy.Query:
        must = tantivy.Occur.Must
        clauses = [(must, tantivy.Query.term_query(self.schema, "kind", query.kind))]
        for facet, values in query.filters:
            clauses.append((must, self._terms(filter_field(facet), values)))
        matching = self._matching(query, text_query)
        if matching is not None:
            clauses.append((must, matching))
        return tantivy.Query.boolean_query(clauses)

    def _terms(self, field: str, values: Iterable[str]) -> tantivy.Query:
        """Any of ``values`` in ``field``: term queries walk posting lists lazily, which is
        ten times faster here than a term-set query (which marks every match first)."""
        terms = [tantivy.Query.term_query(self.schema, field, value) for value in values]
        if len(terms) == 1:
            return terms[0]
        return tantivy.Query.boolean_query([(tantivy.Occur.Should, term) for term in terms])

    def _matching(self, query: EngineQuery, text_query: tantivy.Query | None):  # noqa: ANN202
        """Words, or the concepts they name (with everything below them)."""
        should = tantivy.Occur.Should
        clauses = [(should, text_query)] if text_query is not None else []
        if query.concepts:
            concept = self._terms(CONCEPT_FIELD, query.concepts)
            clauses.append((should, tantivy.Query.boost_query(concept, 2.0)))
        if not clauses:
            return None
        return tantivy.Query.boolean_query(clauses)  # only Should clauses: one must match

    def _hits(self, searcher: tantivy.Searcher, full: tantivy.Query, query: EngineQuery):  # noqa: ANN202
        """The page of hits, each with its stored document: the best documents in order,
        each expanded into the records it stands for, until the page is full."""
        options: dict[str, Any] = {"limit": query.offset + query.limit, "count": False}
        if query.sort in SORT_FIELDS:
            options["order_by_field"], options["order"] = SORT_FIELDS[query.sort]
        ranked = searcher.search(full, **options).hits
        sizes = searcher.fast_field_values("n", [address for _key, address in ranked])
        skip, hits = query.offset, []
        for (key, address), size in zip(ranked, sizes, strict=True):
            if skip >= (size or 1):
                skip -= size or 1
                continue
            doc = searcher.doc(address)
            relevance = float(key) if isinstance(key, float) else 0.0
            for payload in member_payloads(doc)[skip : skip + query.limit - len(hits)]:
                hits.append((EngineHit(id=payload["id"], score=relevance, payload=payload), doc))
            skip = 0
            if len(hits) >= query.limit:
                break
        return hits

    def _counts(self, searcher: tantivy.Searcher, full: tantivy.Query, query: EngineQuery):  # noqa: ANN202
        """The total and the facet counts in one pass: sums of ``n`` (records per document)."""
        records = {"sum": {"field": "n"}}
        spec: dict[str, Any] = {"total": records}
        for facet in query.facets:
            spec[facet] = {
                "terms": {
                    "field": facet_column(facet, query.kind),
                    "size": query.facet_size,
                    "segment_size": _SEGMENT_TERMS,
                    "order": {"records": "desc"},
                },
                "aggs": {"records": records},
            }
        answer = searcher.aggregate(full, spec)
        facets = {
            facet: tuple(
                (str(b["key"]), int(b["records"]["value"] or 0))
                for b in answer.get(facet, {}).get("buckets", [])
            )
            for facet in query.facets
        }
        return int(answer["total"]["value"] or 0), facets

    def _highlight(self, searcher: tantivy.Searcher, text_query: tantivy.Query, hits):  # noqa: ANN001, ANN202
        generators = {
            name: tantivy.SnippetGenerator.create(searcher, text_query, self.schema, name)
            for name in HIGHLIGHT_FIELDS
        }
        found, marked = [], {}
        for hit, doc in hits:
            if id(doc) not in marked:  # the images of a group share their document
                marked[id(doc)] = {
                    name: html
                    for name, generator in generators.items()
                    if "<b>" in (html := generator.snippet_from_doc(doc).to_html())
                }
            found.append(EngineHit(hit.id, hit.score, hit.payload, marked[id(doc)]))
        return found

    def document_count(self) -> int:
        """Documents in the index (an image group is one document for many records)."""
        return self._open().searcher().num_docs

    def close(self) -> None:
        """Forget the open index (tantivy releases its files when collected)."""
        with self._lock:
            self._index = None
