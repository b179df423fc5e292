"""HTTP for harvesting: timeouts, retries with back-off, conditional and range requests.

RFC 9110 sections 13.1.2 (If-None-Match), 14 (Range requests, 206 Partial Content) and 15.5.14
(429); RFC 9111 for ETags. A node that is down, slow or answers with errors costs at most
``attempts`` tries with exponential back-off, then raises :class:`SourceUnavailable`, which the
pipeline records for that node while the others go on.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import requests
from requests.adapters import HTTPAdapter

from bigpicture.harvest.errors import SourceUnavailable

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class Response:
    """What the harvester keeps of one answer."""

    url: str
    status: int
    body: bytes
    etag: str = ""
    content_type: str = ""
    last_modified: str = ""

    @property
    def not_modified(self) -> bool:
        """True for 304 Not Modified (the caller's copy is current)."""
        return self.status == 304


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently to ask."""

    attempts: int = 3
    backoff: float = 0.25
    """Seconds before the second try; doubled before each further try."""
    timeout: float = 30.0
    """Seconds to connect, and seconds between two bytes of an answer."""


class HttpClient:
    """A pooled HTTP client for one node; safe to share between the node's worker threads."""

    def __init__(self, policy: RetryPolicy, token: str = "", pool_size: int = 8) -> None:
        self.policy = policy
        self.session = requests.Session()
        adapter = HTTPAdapter(pool_connections=1, pool_maxsize=max(1, pool_size), max_retries=0)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.headers["User-Agent"] = "bigpicture-catalogue-harvester/0.1"
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"

    def close(self) -> None:
        """Close the pooled connections."""
        self.session.close()

    def get(
        self,
        url: str,
        *,
        accept: str = "",
        etag: str = "",
        byte_range: tuple[int, int] | None = None,
    ) -> Response:
        """GET ``url`` (2xx or 304), retrying transient failures; raises SourceUnavailable."""
        headers = {"Accept": accept} if accept else {}
        if etag:
            headers["If-None-Match"] = etag
        if byte_range is not None:
            headers["Range"] = f"bytes={byte_range[0]}-{byte_range[1] - 1}"
        problem = ""
        for attempt in range(self.policy.attempts):
            if attempt:
                time.sleep(self.policy.backoff * 2 ** (attempt - 1))
            try:
                answer = self.session.get(url, headers=headers, timeout=self.policy.timeout)
            except requests.RequestException as error:
                problem = f"{type(error).__name__}: {error}"
                continue
            if answer.status_code in RETRY_STATUSES:
                problem = f"HTTP {answer.status_code}"
                continue
            return self._response(url, answer)
        raise SourceUnavailable(
            f"{url}: no usable answer after {self.policy.attempts} tries ({problem})"
        )

    def _response(self, url: str, answer: requests.Response) -> Response:
        if answer.status_code >= 400:
            raise SourceUnavailable(f"{url}: HTTP {answer.status_code}")
        return Response(
            url=url,
            status=answer.status_code,
            body=answer.content,
            etag=answer.headers.get("ETag", ""),
            content_type=answer.headers.get("Content-Type", "").split(";")[0].strip(),
            last_modified=answer.headers.get("Last-Modified", ""),
        )

    def get_range(self, url: str, start: int, end: int) -> bytes:
        """Bytes ``start`` to ``end`` (exclusive) of ``url`` (also when the server sends all)."""
        answer = self.get(url, byte_range=(start, end))
        return answer.body if answer.status == 206 else answer.body[start:end]
