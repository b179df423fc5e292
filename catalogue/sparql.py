"""Read-only SPARQL 1.1 queries with a time limit (SPARQL 1.1 Protocol, section 2.1 "query").

Queries run in a forked worker process that opens the store's committed snapshot read-only;
the caller waits up to ``timeout`` seconds and then stops the worker, so a runaway query cannot
hold a web worker. Updates (SPARQL 1.1 Update) are refused. Results are written in the SPARQL
1.1 Query Results JSON, XML, CSV or TSV formats, or for CONSTRUCT/DESCRIBE in an RDF syntax.
"""

from __future__ import annotations

import multiprocessing
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from bigpicture.catalogue.store import Store

#: Result media types of SELECT and ASK, by the short name accepted in ``format=``.
RESULT_FORMATS = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
#: RDF media types of CONSTRUCT and DESCRIBE results, by short name.
GRAPH_FORMATS = {
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "json": "application/ld+json",
    "jsonld": "application/ld+json",
    "xml": "application/rdf+xml",
    "rdfxml": "application/rdf+xml",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
}
_PROLOGUE = re.compile(
    r"^(\s|#[^\n]*\n|PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s+<[^>]*>)*", re.IGNORECASE
)
_UPDATE_WORDS = (
    "INSERT",
    "DELETE",
    "LOAD",
    "CLEAR",
    "DROP",
    "CREATE",
    "ADD",
    "MOVE",
    "COPY",
    "WITH",
)
_QUERY_WORDS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


class SparqlRefused(Exception):
    """The request is not a query we run (syntax error, update, unknown format): HTTP 400."""


class SparqlTimeout(Exception):
    """The query ran longer than the time limit and was stopped: HTTP 503."""


@dataclass(frozen=True)
class SparqlAnswer:
    """A serialised query result."""

    media_type: str
    body: bytes


def query_form(sparql: str) -> str:
    """``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``; :class:`SparqlRefused` otherwise."""
    rest = sparql[_PROLOGUE.match(sparql).end() :]  # type: ignore[union-attr]
    word = (rest.split(None, 1) or [""])[0].upper()
    if word in _QUERY_WORDS:
        return word
    if word in _UPDATE_WORDS:
        raise SparqlRefused("SPARQL updates are not accepted: this endpoint is read-only")
    raise SparqlRefused("not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE")


def _accepted(accept: str) -> list[str]:
    """Media types of an Accept header, best first (q-values honoured)."""
    ranked = []
    for position, part in enumerate(accept.split(",")):
        fields = [field.strip() for field in part.split(";")]
        quality = 1.0
        for parameter in fields[1:]:
            if parameter.startswith("q="):
                try:
                    quality = float(parameter[2:])
                except ValueError:
                    quality = 0.0
        if fields[0] and quality > 0:
            ranked.append((-quality, position, fields[0].lower()))
    return [media for _, _, media in sorted(ranked)]


def choose_media_type(form: str, accept: str = "", format_name: str = "") -> str:
    """The result media type from ``format=`` (first) or the Accept header, else the default."""
    table = RESULT_FORMATS if form in ("SELECT", "ASK") else GRAPH_FORMATS
    if format_name:
        if format_name.lower() in table:
            return table[format_name.lower()]
        if format_name.lower() in table.values():
            return format_name.lower()
        raise SparqlRefused(
            f"format {format_name!r} is not offered for {form}: use {sorted(table)}"
        )
    offered = list(dict.fromkeys(table.values()))
    for media in _accepted(accept):
        if media in offered:
            return media
        if media in ("*/*", "application/*", "text/*"):
            break
        if media in ("application/json",) and form in ("SELECT", "ASK"):
            return RESULT_FORMATS["json"]
    return offered[0]


def _serialise(results: object, media_type: str) -> bytes:
    if isinstance(results, ox.QueryTriples):
        return ox.serialize(results, format=ox.RdfFormat.from_media_type(media_type))
    result_format = ox.QueryResultsFormat.from_media_type(media_type)
    return results.serialize(format=result_format)  # type: ignore[attr-defined]


def _work(
    connection, snapshot: str | None, memory: ox.Store | None, sparql: str, media: str
) -> None:
    """The worker: run the query on a read-only snapshot and send back bytes or an error."""
    try:
        store = ox.Store.read_only(snapshot) if snapshot else (memory or ox.Store())
        results = store.query(sparql, use_default_graph_as_union=True)
        connection.send(("ok", _serialise(results, media)))
    except SyntaxError as error:
        connection.send(("refused", f"SPARQL syntax error: {error}"))
    except Exception as error:  # noqa: BLE001 - reported to the client as a failed query
        connection.send(("error", f"the query failed: {error}"))
    finally:
        connection.close()


def run_query(store: Store, sparql: str, media_type: str, timeout: float) -> SparqlAnswer:
    """Run a read-only query with a deadline; raises SparqlRefused or SparqlTimeout."""
    form = query_form(sparql)
    if form in ("SELECT", "ASK") and media_type not in RESULT_FORMATS.values():
        raise SparqlRefused(f"{media_type} is not a result format of {form}")
    snapshot: Path | None = store.snapshot_path
    memory = None if snapshot else store.committed()  # in memory: the fork inherits it
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(
        target=_work, args=(sender, str(snapshot) if snapshot else None, memory, sparql, media_type)
    )
    worker.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise SparqlTimeout(f"the query was stopped after the time limit of {timeout:g} s")
        status, payload = receiver.recv()
    except EOFError:
        status, payload = "error", "the query worker ended without an answer"
    finally:
        receiver.close()
        if worker.is_alive():
            worker.kill()
        worker.join()
    if status == "ok":
        return SparqlAnswer(media_type, payload)
    if status == "refused":
        raise SparqlRefused(payload)
    raise SparqlRefused(payload)
