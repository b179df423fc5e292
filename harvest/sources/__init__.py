"""One module per kind of node; the explicit registry of which class serves which kind.

``metaflex-http`` (docs/node-protocol.md), ``metaflex-dir`` (folders and zips), ``dcat``
(catalogues of other catalogues) offer datasets; ``dicomweb`` and ``dicom-dir`` hold the DICOM
files of another node's images. See ``base`` for the two protocols.
"""

from __future__ import annotations

from pathlib import Path

from bigpicture.harvest.http_client import HttpClient, RetryPolicy
from bigpicture.harvest.nodes import Node
from bigpicture.harvest.sources.base import HeaderSource, Source

DATASET_KINDS = ("metaflex-http", "metaflex-dir", "dcat")
HEADER_KINDS = ("dicomweb", "dicom-dir")


def http_client(node: Node, policy: RetryPolicy | None = None) -> HttpClient:
    """A client for ``node`` with its timeout, concurrency and credentials."""
    policy = policy or RetryPolicy(timeout=node.timeout)
    return HttpClient(policy, token=node.token(), pool_size=node.concurrency)


def open_source(node: Node, cache_dir: Path, policy: RetryPolicy | None = None) -> Source:
    """The Source of a dataset node."""
    if node.kind == "metaflex-http":
        from bigpicture.harvest.sources.metaflex_http import MetaflexHttpSource

        return MetaflexHttpSource(node, http_client(node, policy), cache_dir)
    if node.kind == "metaflex-dir":
        from bigpicture.harvest.sources.metaflex_dir import MetaflexDirSource

        return MetaflexDirSource(node)
    if node.kind == "dcat":
        from bigpicture.harvest.sources.dcat import DcatSource

        return DcatSource(node, http_client(node, policy))
    raise ValueError(f"node {node.name}: {node.kind} nodes hold headers, not datasets")


def open_header_source(node: Node, policy: RetryPolicy | None = None) -> HeaderSource:
    """The HeaderSource of a DICOM node."""
    if node.kind == "dicomweb":
        from bigpicture.harvest.sources.dicomweb import DicomWebSource

        return DicomWebSource(node, http_client(node, policy))
    if node.kind == "dicom-dir":
        from bigpicture.harvest.sources.dicom_dir import DicomDirSource

        return DicomDirSource(node)
    raise ValueError(f"node {node.name}: {node.kind} nodes offer datasets, not headers")
