"""Minting DOIs: the DataCite REST API, or an offline record when no API is configured.

DataCite REST API (support.datacite.org, "Creating DOIs with the REST API", "DOI states"):
``POST /dois`` with a JSON:API document ``{"data": {"type": "dois", "attributes": {...}}}`` and
no ``event`` creates a *draft*; ``PUT /dois/<doi>`` with ``"event": "publish"`` (and a ``url``)
makes it *findable*. Requests use HTTP basic auth (repository id and password) and the media
type ``application/vnd.api+json``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from bigpicture.catalogue.datacite import kernel4
from bigpicture.catalogue.datacite.kernel4 import Publishing
from bigpicture.catalogue.facts import DatasetFacts
from bigpicture.catalogue.settings import Settings

JSON_API = "application/vnd.api+json"


class RegistrationError(Exception):
    """The DOI could not be registered; the message carries the registry's answer."""


@dataclass(frozen=True)
class Registration:
    """The outcome of registering one DOI."""

    doi: str
    state: str
    """``findable`` (DataCite), or ``offline`` (recorded locally, not registered)."""
    url: str


class Registrar(Protocol):
    """Makes the DOI of a dataset version resolvable (draft, then findable)."""

    def publish(self, facts: DatasetFacts, settings: Publishing) -> Registration:
        """Register ``facts.doi`` with its metadata and landing page; idempotent."""
        ...


class OfflineRegistrar:
    """Records the DataCite metadata under ``folder`` instead of registering (no API set)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def publish(self, facts: DatasetFacts, settings: Publishing) -> Registration:
        attributes = kernel4.attributes(facts, settings)
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / (facts.doi.replace("/", "_") + ".json")
        document = {"data": {"type": "dois", "attributes": attributes}}
        path.write_text(json.dumps(document, indent=2, ensure_ascii=False))
        return Registration(facts.doi, "offline", str(attributes["url"]))


class RestRegistrar:
    """The DataCite REST API at ``url`` (e.g. https://api.test.datacite.org)."""

    def __init__(self, url: str, user: str, password: str, timeout: float = 30.0) -> None:
        import requests

        self.url = url.rstrip("/")
        self.timeout = timeout
        self.session = requests.Session()
        self.session.auth = (user, password)
        self.session.headers.update({"Content-Type": JSON_API, "Accept": JSON_API})

    def publish(self, facts: DatasetFacts, settings: Publishing) -> Registration:
        attributes = kernel4.attributes(facts, settings)
        self._create_draft(attributes)
        answer = self._send("PUT", f"/dois/{facts.doi}", {**attributes, "event": "publish"})
        state = answer.get("data", {}).get("attributes", {}).get("state", "")
        if state != "findable":
            raise RegistrationError(f"DataCite left {facts.doi} in state {state!r}")
        return Registration(facts.doi, state, str(attributes["url"]))

    def _create_draft(self, attributes: dict[str, object]) -> None:
        """POST the draft; a DOI that already exists (HTTP 422 'taken') is fine."""
        try:
            self._send("POST", "/dois", attributes)
        except RegistrationError as error:
            if "taken" not in str(error).lower():
                raise

    def _send(self, method: str, path: str, attributes: dict[str, object]) -> dict:
        import requests

        body = {"data": {"type": "dois", "attributes": attributes}}
        try:
            response = self.session.request(
                method, self.url + path, data=json.dumps(body), timeout=self.timeout
            )
        except requests.RequestException as error:
            raise RegistrationError(f"{self.url}: DataCite cannot be reached ({error})") from error
        if response.status_code >= 400:
            raise RegistrationError(
                f"{method} {path}: DataCite answered {response.status_code}: {response.text[:500]}"
            )
        return response.json()


def registrar_for(settings: Settings, environ: Mapping[str, str] | None = None) -> Registrar:
    """The REST registrar when ``settings.datacite_url`` is set, else the offline one.

    The password is read from the environment variable named by ``datacite_password_env``.
    """
    if not settings.datacite_url:
        return OfflineRegistrar(settings.data_dir / "datacite")
    password = (os.environ if environ is None else environ).get(settings.datacite_password_env, "")
    return RestRegistrar(settings.datacite_url, settings.datacite_user, password)
