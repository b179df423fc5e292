"""A local HTTP server that follows the documented DataCite REST API for DOIs.

Implements what the registrar uses (support.datacite.org, "Creating DOIs with the REST API",
"DOI states"): ``POST /dois`` (JSON:API, basic auth; no ``event`` -> state ``draft``; an
existing DOI -> 422 "This DOI has already been taken"), ``PUT /dois/<doi>`` (``event``:
``publish`` -> ``findable``, which needs a url and the mandatory properties), ``GET /dois/<doi>``.
Every request is kept in ``requests`` so tests can check the payloads.
"""

from __future__ import annotations

import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MANDATORY = ("creators", "titles", "publisher", "publicationYear", "types")


class FakeDataCite:
    """The server's state: accounts, prefixes, DOIs and the requests received."""

    def __init__(self, user: str, password: str, prefix: str) -> None:
        self.user, self.password, self.prefix = user, password, prefix
        self.dois: dict[str, dict] = {}
        self.requests: list[tuple[str, str, dict]] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> FakeDataCite:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()

    # -- the API -------------------------------------------------------------------------------
    def create(self, body: dict) -> tuple[int, dict]:
        attributes = body["data"]["attributes"]
        doi = attributes.get("doi", "").lower()
        if not doi.startswith(self.prefix + "/"):
            return 422, _error("doi", f"prefix of {doi!r} is not assigned to this repository")
        if doi in self.dois:
            return 422, _error("doi", "This DOI has already been taken")
        event = attributes.pop("event", None)
        self.dois[doi] = {**attributes, "doi": doi, "state": "draft"}
        if event:
            return self.update(doi, {"data": {"attributes": {"event": event}}})
        return 201, self.document(doi)

    def update(self, doi: str, body: dict) -> tuple[int, dict]:
        if doi not in self.dois:
            return 404, _error("doi", "The resource you are looking for doesn't exist.")
        attributes = dict(body["data"]["attributes"])
        event = attributes.pop("event", None)
        record = {**self.dois[doi], **attributes}
        if event == "publish":
            missing = [name for name in MANDATORY + ("url",) if not record.get(name)]
            if missing:
                return 422, _error(missing[0], f"{missing[0]} can't be blank")
            record["state"] = "findable"
        elif event == "register":
            record["state"] = "registered"
        elif event == "hide" and record["state"] == "findable":
            record["state"] = "registered"
        self.dois[doi] = record
        return 200, self.document(doi)

    def document(self, doi: str) -> dict:
        return {"data": {"id": doi, "type": "dois", "attributes": self.dois[doi]}}


def _error(source: str, title: str) -> dict:
    return {"errors": [{"source": source, "title": title}]}


def _handler(api: FakeDataCite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # keep test output quiet
            pass

        def _answer(self, status: int, body: dict) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/vnd.api+json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _authorised(self) -> bool:
            expected = base64.b64encode(f"{api.user}:{api.password}".encode()).decode()
            return self.headers.get("Authorization") == f"Basic {expected}"

        def _body(self) -> dict | None:
            if self.headers.get("Content-Type") != "application/vnd.api+json":
                return None
            raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            try:
                body = json.loads(raw)
            except ValueError:
                return None
            ok = isinstance(body.get("data"), dict) and body["data"].get("type") == "dois"
            return body if ok and isinstance(body["data"].get("attributes"), dict) else None

        def _write(self, method: str) -> None:
            if not self._authorised():
                return self._answer(401, _error("auth", "Bad credentials."))
            body = self._body()
            api.requests.append((method, self.path, body or {}))
            if body is None:
                return self._answer(400, _error("body", "A JSON:API document of type dois"))
            if method == "POST" and self.path == "/dois":
                return self._answer(*api.create(body))
            if method == "PUT" and self.path.startswith("/dois/"):
                return self._answer(*api.update(self.path[len("/dois/") :].lower(), body))
            return self._answer(404, _error("path", self.path))

        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            self._write("POST")

        def do_PUT(self) -> None:  # noqa: N802
            self._write("PUT")

        def do_GET(self) -> None:  # noqa: N802
            doi = self.path[len("/dois/") :].lower()
            if self.path.startswith("/dois/") and doi in api.dois:
                return self._answer(200, api.document(doi))
            return self._answer(404, _error("doi", "not found"))

    return Handler
