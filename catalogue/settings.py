"""Settings of the catalogue: one frozen object, read from ``BPCAT_*`` variables and a TOML file.

Precedence (highest first): environment variables, the TOML file named by ``BPCAT_CONFIG``
(a ``[bpcat]`` table whose keys are the field names), the defaults below. Every field is
documented in docs/settings.md; a test keeps that page complete.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


class ConfigError(Exception):
    """A setting could not be read; the message names the setting and the fix."""


@dataclass(frozen=True)
class Settings:
    """How one catalogue instance is configured. Build with :func:`load_settings`."""

    data_dir: Path = Path("data")
    """Where the catalogue keeps its data (RDF store, search index, reports)."""

    base_url: str = "http://127.0.0.1:8000"
    """Public base URL; every absolute URL the catalogue writes starts with it (no trailing /)."""

    doi_prefix: str = "10.99999"
    """DOI prefix under which dataset versions are registered (10.99999 is a test prefix)."""

    datacite_url: str = ""
    """DataCite REST API endpoint (e.g. https://api.datacite.org); empty: no registration."""

    datacite_user: str = ""
    """DataCite repository account id."""

    datacite_password_env: str = "BPCAT_DATACITE_PASSWORD"
    """Name of the environment variable that holds the DataCite password (never stored here)."""

    search_engine: str = "embedded"
    """Search engine: ``embedded`` (default, no server) or ``elasticsearch``."""

    elasticsearch_url: str = ""
    """Elasticsearch or OpenSearch URL, used when search_engine is ``elasticsearch``."""

    elasticsearch_index: str = "bpcat"
    """Name (alias) of the search index in Elasticsearch."""

    elasticsearch_compat: str = ""
    """Adjustment for servers that only speak part of the protocol: ``opensearch`` or empty."""

    peers: tuple[str, ...] = ()
    """Base URLs of peer catalogues for federated search (comma-separated in the environment)."""

    peer_timeout: float = 3.0
    """Seconds to wait for each peer in a federated search."""

    nodes_file: Path | None = None
    """TOML file listing the nodes to harvest (``BPCAT_NODES``)."""

    upload_limit_mb: int = 200
    """Largest upload accepted by POST /api/validate, in megabytes."""

    sparql_timeout: float = 10.0
    """Seconds a SPARQL query may run before it is stopped."""

    publisher_name: str = "Bigpicture"
    """Publisher of the catalogue and of its DOIs."""

    contact_email: str = "bigpicture-catalogue@example.invalid"
    """Contact point of the catalogue, shown to people and to other catalogues."""

    @property
    def store_dir(self) -> Path:
        """Folder of the RDF store."""
        return self.data_dir / "store"

    @property
    def index_dir(self) -> Path:
        """Folder of the embedded search index."""
        return self.data_dir / "index"


_ENV_NAMES = {
    "nodes_file": "BPCAT_NODES",
}


def env_name(field: str) -> str:
    """The environment variable that sets ``field``."""
    return _ENV_NAMES.get(field, "BPCAT_" + field.upper())


def _convert(field: dataclasses.Field, raw: object) -> object:
    """Turn a raw TOML or environment value into the field's type."""
    kind = str(field.type)
    try:
        if "Path" in kind:
            return Path(str(raw)) if raw not in ("", None) else None
        if kind == "int":
            return int(raw)  # type: ignore[arg-type]
        if kind == "float":
            return float(raw)  # type: ignore[arg-type]
        if kind.startswith("tuple"):
            items = raw.split(",") if isinstance(raw, str) else list(raw)  # type: ignore[union-attr]
            return tuple(item.strip() for item in items if item.strip())
    except (TypeError, ValueError) as error:
        raise ConfigError(f"setting {field.name!r}: cannot read {raw!r} ({error})") from error
    return str(raw).rstrip("/") if field.name == "base_url" else str(raw)


def _read_toml(path: Path) -> Mapping[str, object]:
    """The ``[bpcat]`` table of a TOML settings file."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle).get("bpcat", {})
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: cannot read settings file ({error})") from error


def load_settings(environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
    """Settings from the TOML file, then the environment, then ``overrides``."""
    environ = os.environ if environ is None else environ
    values: dict[str, object] = {}
    config = environ.get("BPCAT_CONFIG")
    if config:
        values.update(_read_toml(Path(config)))
    fields = {field.name: field for field in dataclasses.fields(Settings)}
    unknown = set(values) - set(fields)
    if unknown:
        raise ConfigError(f"{config}: unknown settings {sorted(unknown)}; see docs/settings.md")
    for name in fields:
        if env_name(name) in environ:
            values[name] = environ[env_name(name)]
    values.update(overrides)
    return Settings(**{name: _convert(fields[name], raw) for name, raw in values.items()})
