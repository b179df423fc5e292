"""The nodes to harvest: the TOML file named by ``BPCAT_NODES`` (docs/harvest.md).

One table per node::

    [nodes.utrecht]
    kind = "metaflex-http"          # metaflex-http | metaflex-dir | dicomweb | dicom-dir | dcat
    url = "https://node.example.org/bigpicture/"
    title = "Bigpicture cancer node, Utrecht"
    country = "NL"
    credentials = "BPCAT_UTRECHT_TOKEN"   # name of an environment variable, never the secret
    schedule = "daily"

``dicomweb`` and ``dicom-dir`` nodes name the MetaFleX node whose images they hold with
``images_of``. Errors name the file, the key and the fix.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bigpicture.harvest.errors import NodeConfigError

KINDS = ("metaflex-http", "metaflex-dir", "dicomweb", "dicom-dir", "dcat")
URL_KINDS = ("metaflex-http", "dicomweb", "dcat")
SCHEDULES = ("manual", "hourly", "daily", "weekly")
_KEYS = {
    "kind",
    "url",
    "path",
    "title",
    "country",
    "credentials",
    "schedule",
    "images_of",
    "timeout",
    "concurrency",
}


@dataclass(frozen=True)
class Node:
    """One node of the Bigpicture network, as configured."""

    name: str
    kind: str
    url: str = ""
    path: Path | None = None
    title: str = ""
    country: str = ""
    credentials: str = ""
    """Name of the environment variable holding a bearer token (the secret is never here)."""
    schedule: str = "manual"
    images_of: str = ""
    """For DICOM nodes: the MetaFleX node whose images these files are."""
    timeout: float = 30.0
    """Seconds to wait for one answer of the node."""
    concurrency: int = 8
    """Requests (or files) in flight at once for this node."""

    @property
    def location(self) -> str:
        """The URL or folder of the node, for messages."""
        return self.url or str(self.path)

    def token(self, environ: Mapping[str, str] | None = None) -> str:
        """The secret named by ``credentials`` (empty when none is configured)."""
        if not self.credentials:
            return ""
        environ = os.environ if environ is None else environ
        if self.credentials not in environ:
            raise NodeConfigError(
                f"node {self.name!r}: environment variable {self.credentials} "
                "(named by 'credentials') is not set"
            )
        return environ[self.credentials]


def _fail(file: Path, name: str, key: str, problem: str) -> NodeConfigError:
    return NodeConfigError(f"{file}: [nodes.{name}] {key}: {problem}")


def _string(file: Path, name: str, table: Mapping, key: str) -> str:
    value = table.get(key, "")
    if not isinstance(value, str):
        raise _fail(file, name, key, f"must be a string, not {type(value).__name__}")
    return value


def _number(file: Path, name: str, table: Mapping, key: str, default: float) -> float:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise _fail(file, name, key, "must be a positive number")
    return value


def _check_kind(file: Path, name: str, table: Mapping) -> str:
    kind = _string(file, name, table, "kind")
    if kind not in KINDS:
        raise _fail(file, name, "kind", f"{kind!r} is not one of {', '.join(KINDS)}")
    return kind


def _location(file: Path, name: str, table: Mapping, kind: str) -> tuple[str, Path | None]:
    url, path = _string(file, name, table, "url"), _string(file, name, table, "path")
    if kind in URL_KINDS:
        if not url.startswith(("http://", "https://")):
            raise _fail(file, name, "url", f"a {kind} node needs an http(s) URL")
        return url, None
    if not path:
        raise _fail(file, name, "path", f"a {kind} node needs a folder (or zip) path")
    resolved = Path(path) if Path(path).is_absolute() else file.parent / path
    return "", resolved


def parse_node(file: Path, name: str, table: object) -> Node:
    """One ``[nodes.<name>]`` table."""
    if not isinstance(table, Mapping):
        raise _fail(file, name, "(table)", "must be a table")
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise _fail(file, name, unknown[0], f"unknown key; known keys: {', '.join(sorted(_KEYS))}")
    kind = _check_kind(file, name, table)
    url, path = _location(file, name, table, kind)
    schedule = _string(file, name, table, "schedule") or "manual"
    if schedule not in SCHEDULES:
        raise _fail(file, name, "schedule", f"{schedule!r} is not one of {', '.join(SCHEDULES)}")
    images_of = _string(file, name, table, "images_of")
    if images_of and kind not in ("dicomweb", "dicom-dir"):
        raise _fail(file, name, "images_of", "only DICOM nodes hold the images of another node")
    if not images_of and kind in ("dicomweb", "dicom-dir"):
        raise _fail(file, name, "images_of", "name the MetaFleX node whose IMAGEs these files are")
    return Node(
        name=name,
        kind=kind,
        url=url,
        path=path,
        title=_string(file, name, table, "title"),
        country=_string(file, name, table, "country"),
        credentials=_string(file, name, table, "credentials"),
        schedule=schedule,
        images_of=images_of,
        timeout=_number(file, name, table, "timeout", 30.0),
        concurrency=int(_number(file, name, table, "concurrency", 8)),
    )


def _check_links(file: Path, nodes: Mapping[str, Node]) -> None:
    for node in nodes.values():
        target = nodes.get(node.images_of) if node.images_of else None
        if node.images_of and (target is None or not target.kind.startswith("metaflex")):
            raise _fail(
                file, node.name, "images_of", f"{node.images_of!r} is not a MetaFleX node here"
            )


def load_nodes(file: Path) -> dict[str, Node]:
    """The nodes listed in ``file``, by name, in file order."""
    try:
        with open(file, "rb") as handle:
            document = tomllib.load(handle)
    except OSError as error:
        raise NodeConfigError(f"{file}: cannot read the nodes file ({error.strerror})") from error
    except tomllib.TOMLDecodeError as error:
        raise NodeConfigError(f"{file}: not valid TOML ({error})") from error
    tables = document.get("nodes", {})
    if not isinstance(tables, Mapping):
        raise NodeConfigError(f"{file}: 'nodes' must be a table of [nodes.<name>] tables")
    nodes = {name: parse_node(file, name, table) for name, table in tables.items()}
    _check_links(file, nodes)
    return nodes
