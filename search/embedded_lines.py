"""Records as the JSON lines the embedded index is written from, images grouped.

Images of one dataset that agree in every indexed field (same dataset fields, same organ,
diagnosis, stain, species, sex, scanner and magnification) are one indexed document that
stands for all of them: ``n`` says how many, ``members`` holds each image's ``[id, alias]``
and ``payload`` the part of the hit they share. Counts are sums of ``n``, so totals and
facet counts stay exact while the index holds (and a query visits) far fewer documents: the
300 images of a synthetic dataset are about 14 documents. An image whose payload is not of
the document builder's form (``{"id":…,"alias":…,…}``) is a group of its own, with its
payload whole. Other records (datasets) are one document each, ``n`` = 1.
"""

from __future__ import annotations

import base64
import json
import operator
from collections.abc import Iterable, Iterator
from json.decoder import scanstring
from typing import Any

from bigpicture.search.documents import TEXT_FIELDS, Record
from bigpicture.search.facets import CONCEPT_FIELD, FACET_NAMES, facet_field, filter_field

INTEGER_FIELDS: tuple[str, ...] = ("issued", "image_count", "age_min", "age_max")

#: Every indexed field of a record, ``kind`` first.
FIELDS: tuple[str, ...] = (
    "kind",
    "dataset_id",
    *TEXT_FIELDS,
    "sort_title",
    *INTEGER_FIELDS,
    *(facet_field(facet) for facet in FACET_NAMES),
    *(filter_field(facet) for facet in FACET_NAMES),
    CONCEPT_FIELD,
)

_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
#: The encoder of the document builder's payloads (for recognising their first keys).
_payload_dumps = json.JSONEncoder(separators=(",", ":")).encode
_field_values = operator.itemgetter(*FIELDS)


def image_column(facet: str) -> str:
    """The facet column of image records.

    Dataset records often hold several values per facet (two sexes, many stains), image
    records one; in a column of their own the image values stay single-valued, which tantivy
    aggregates about five times faster than a multi-valued column.
    """
    return "fi_" + facet


#: Fields per run of :meth:`JsonLines._body`.
_RUN = 6


def _base64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def split_payload(record: Record) -> tuple[str, str] | None:
    """``(alias, shared payload)`` of an image payload that begins with its id and alias."""
    payload = record["payload"]
    head = '{"id":' + _payload_dumps(record["id"]) + ',"alias":"'
    if not payload.startswith(head):
        return None
    alias, end = scanstring(payload, len(head))
    if payload[end : end + 1] != ",":
        return None
    return alias, "{" + payload[end + 1 :]


class _Group:
    """Images of one dataset that agree in every indexed field and in their shared payload."""

    __slots__ = ("body", "members", "shared", "values")

    def __init__(self, values: tuple[object, ...], body: str, shared: str) -> None:
        self.values = values  # keeps the field objects (whose identities are the key) alive
        self.body = body
        self.shared = shared
        self.members: list[list[str]] = []

    def line(self) -> str:
        first = self.members[0][0]
        members = _base64(json.dumps(self.members, ensure_ascii=False, separators=(",", ":")))
        return (
            f'{{"id":{_dumps(first)},{self.body}"n":{len(self.members)},'
            f'"payload":"{_base64(self.shared)}","members":"{members}"}}'
        )


class JsonLines:
    """Turns a stream of records into JSON lines for tantivy's writer, images grouped.

    Records of one dataset share nearly every field: the document builder hands out the same
    objects for an image's dataset fields, concept fields and plain fields. So the JSON of
    those fields is made once per combination of objects (by identity), and the same
    combination is the key of an image group. Groups are written when the stream moves on
    to another dataset, and at its end.
    """

    LIMIT = 20_000

    def __init__(self) -> None:
        # An entry keeps the field objects alive, so their identities cannot be reused.
        self._bodies: dict[tuple[int, ...], tuple[tuple[object, ...], str]] = {}
        self._fragments: dict[tuple[object, ...], tuple[object, str]] = {}
        self._groups: dict[tuple[tuple[int, ...], str], _Group] = {}
        self._dataset: object = None
        self.count = 0
        """Records taken so far."""

    def _values(self, record: Record) -> tuple[tuple[int, ...], tuple[object, ...], str]:
        try:
            values = _field_values(record)
        except KeyError:
            values = tuple(record.get(name) for name in FIELDS)
        key = tuple(map(id, values))
        found = self._bodies.get(key)
        if found is None:
            if len(self._bodies) > self.LIMIT:
                self._bodies.clear()
            found = self._bodies[key] = (values, self._body(values))
        return key, values, found[1]

    def _body(self, values: tuple[object, ...]) -> str:
        """``"name":value,`` for every non-empty field; made from runs of fields, each run's
        JSON once per combination of objects, for records that share only some fields."""
        if len(self._fragments) > self.LIMIT:
            self._fragments.clear()
        image = values[0] == "image"
        parts = []
        for start in range(0, len(FIELDS), _RUN):
            run = values[start : start + _RUN]
            key = (start, image, *map(id, run))
            found = self._fragments.get(key)
            if found is None:
                found = self._fragments[key] = (run, self._json_fields(start, run, image=image))
            parts.append(found[1])
        return "".join(parts)

    def _json_fields(self, start: int, values: tuple[object, ...], *, image: bool) -> str:
        """``"name":value,`` for the non-empty ``values`` of ``FIELDS[start:]`` (image facets
        in their own columns), each field's JSON once per object."""
        parts = []
        for name, value in zip(FIELDS[start:], values, strict=False):
            if value is None or value == "" or value == []:
                continue
            key = (name, image, id(value))
            found = self._fragments.get(key)
            if found is None:
                column = image_column(name[2:]) if image and name.startswith("f_") else name
                found = self._fragments[key] = (value, f'"{column}":{_dumps(value)},')
            parts.append(found[1])
        return "".join(parts)

    def lines(self, records: Iterable[Record]) -> Iterator[str]:
        """The JSON lines of ``records`` (as many records as the sum of their ``n``)."""
        for record in records:
            self.count += 1
            if record.get("dataset_id") != self._dataset:
                yield from self.flush()
                self._dataset = record.get("dataset_id")
            key, values, body = self._values(record)
            split = split_payload(record) if values[0] == "image" else None
            if split is None:
                payload = _base64(record["payload"])
                yield f'{{"id":{_dumps(record["id"])},{body}"n":1,"payload":"{payload}"}}'
                continue
            alias, shared = split
            group = self._groups.get((key, shared))
            if group is None:
                group = self._groups[(key, shared)] = _Group(values, body, shared)
            group.members.append([record["id"], alias])
        yield from self.flush()

    def flush(self) -> Iterator[str]:
        """The lines of the groups still open."""
        groups, self._groups = self._groups, {}
        for group in groups.values():
            yield group.line()


def member_payloads(stored: Any) -> list[dict[str, Any]]:
    """The hit payloads a stored document (a ``tantivy.Document``) stands for: one per image
    of a group, else its own."""
    payload = json.loads(stored.get_first("payload"))
    members = stored.get_first("members")
    if not members:
        return [payload]
    return [{"id": id_, "alias": alias, **payload} for id_, alias in json.loads(members)]
