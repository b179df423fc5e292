"""Identifiers of dataset versions: catalogue ids, IRIs and DOIs (docs/design.md, "Identifiers").

A dataset is keyed by its DATASET accession, else its alias (MetaFleX section 5). Every version
gets an id ``<key>-v<version>`` (characters outside ``[A-Za-z0-9_-]`` become ``-``), the base IRI
``<base_url>/datasets/<id>/`` under which its objects live (``.../image/IMG_1``), and a DOI
``<prefix>/bp.<key>.v<version>`` in lower case. All of it is deterministic: ingesting the same
submission twice, on any machine, gives the same identifiers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
_DOI = re.compile(r"^10\.\d{4,9}/[^\s]+$")


def slug(text: str) -> str:
    """``text`` with every run of characters outside ``[A-Za-z0-9_-]`` replaced by ``-``."""
    return _UNSAFE.sub("-", text.strip()).strip("-") or "0"


def version_id(dataset_key: str, version: str) -> str:
    """The catalogue id of one version, e.g. ``BP_LUNG_ADC_EXAMPLE-v1-0``."""
    return f"{slug(dataset_key)}-v{slug(version)}"


def version_doi(prefix: str, dataset_key: str, version: str) -> str:
    """The DOI of one version: ``<prefix>/bp.<key>.v<version>``, lower case (DOIs ignore case)."""
    suffix = f"bp.{slug(dataset_key)}.v{slug(version)}".lower()
    return f"{prefix.strip().rstrip('/')}/{suffix}"


def is_doi(text: str) -> bool:
    """Whether ``text`` is a bare DOI name (``10.<registrant>/<suffix>``)."""
    return bool(_DOI.match(text.strip()))


@dataclass(frozen=True)
class VersionIris:
    """The IRIs of one dataset version under the catalogue's base URL."""

    base_url: str
    id: str
    dataset_key: str

    @property
    def record(self) -> str:
        """The version's catalogue record and landing page: ``<base>/datasets/<id>``."""
        return f"{self.base_url}/datasets/{self.id}"

    @property
    def base(self) -> str:
        """Base IRI of the submission's objects (``<record>/``; objects are ``<kind>/<alias>``)."""
        return self.record + "/"

    @property
    def graph(self) -> str:
        """The named graph that holds the submission's RDF."""
        return self.record + "/graph"

    @property
    def series(self) -> str:
        """All versions of the dataset: ``<base>/datasets/<key>`` (resolves to the latest)."""
        return f"{self.base_url}/datasets/{slug(self.dataset_key)}"

    def object(self, kind: str, alias: str) -> str:
        """The IRI of one submission object, e.g. ``object("dataset", "BP_LUNG")``."""
        return f"{self.base}{kind}/{alias}"
