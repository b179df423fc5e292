"""MetaFleX over HTTP: the client side of docs/node-protocol.md.

Fetches ``index.json`` (conditionally, with the ETag of the last harvest), offers each
``DATASET_<alias>`` with its checksum, and stages a dataset by downloading every file outside
``IMAGES/`` (checking each against its SHA-256) and reading only the header of every DICOM file
under ``IMAGES/IMAGE_<alias>/`` with range requests.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote, urljoin

from bigpicture.harvest.dicom.remote import read_header_prefix
from bigpicture.harvest.errors import HarvestError, SourceUnavailable
from bigpicture.harvest.http_client import HttpClient
from bigpicture.harvest.node_index import IndexedDataset, IndexedFile, NodeIndex, parse_index
from bigpicture.harvest.nodes import Node
from bigpicture.harvest.sources.base import LabelledHeader, Offer, Progress, Staged


class MetaflexHttpSource:
    """A node publishing MetaFleX folders over HTTP (e.g. with ``bpcat node serve``)."""

    def __init__(self, node: Node, client: HttpClient, cache_dir: Path) -> None:
        self.node, self.client, self.cache_dir = node, client, cache_dir
        self.base = node.url if node.url.endswith("/") else node.url + "/"
        self._datasets: dict[str, IndexedDataset] = {}

    def close(self) -> None:
        self.client.close()

    # -- the index -----------------------------------------------------------------------------
    def _cached(self) -> tuple[str, bytes]:
        try:
            saved = json.loads((self.cache_dir / "index.etag.json").read_text())
            return saved["etag"], (self.cache_dir / "index.json").read_bytes()
        except (OSError, ValueError, KeyError):
            return "", b""

    def _remember(self, etag: str, body: bytes) -> None:
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        (self.cache_dir / "index.json").write_bytes(body)
        (self.cache_dir / "index.etag.json").write_text(json.dumps({"etag": etag}))

    def fetch_index(self) -> NodeIndex:
        """The node's index (the cached copy when the node answers 304 Not Modified)."""
        etag, body = self._cached()
        answer = self.client.get(
            urljoin(self.base, "index.json"), accept="application/json", etag=etag if body else ""
        )
        if not answer.not_modified:
            body = answer.body
        index = parse_index(body, f"node {self.node.name} ({self.base}index.json)")
        if not answer.not_modified and answer.etag:
            self._remember(answer.etag, body)
        return index

    def offers(self) -> Sequence[Offer]:
        index = self.fetch_index()
        self._datasets = {d.name: d for d in index.datasets}
        return [Offer(d.name, d.checksum, d.size) for d in index.datasets]

    # -- one dataset ---------------------------------------------------------------------------
    def _url(self, dataset: str, file: IndexedFile) -> str:
        return urljoin(self.base, quote(f"{dataset}/{file.path}"))

    def _download(self, dataset: str, file: IndexedFile, folder: Path) -> None:
        body = self.client.get(self._url(dataset, file)).body
        if hashlib.sha256(body).hexdigest() != file.sha256:
            raise SourceUnavailable(
                f"node {self.node.name}: {dataset}/{file.path} does not "
                "match the SHA-256 of the index"
            )
        target = folder / file.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)

    def _header(self, dataset: str, file: IndexedFile) -> LabelledHeader | str:
        url = self._url(dataset, file)

        def read(size: int) -> bytes:
            return self.client.get_range(url, 0, min(size, file.size))

        try:
            return LabelledHeader(file.path, read_header_prefix(read), file.image_alias, file.size)
        except HarvestError as error:
            return f"{file.path}: {error}"
        except Exception as error:  # noqa: BLE001 - a broken DICOM file is a note, not a crash
            return f"{file.path}: not a readable DICOM header ({type(error).__name__}: {error})"

    def stage(self, offer: Offer, staging: Path, progress: Progress) -> Staged:
        dataset = self._datasets[offer.name]
        folder = staging / offer.name
        plain = [f for f in dataset.files if not f.is_dicom]
        dicom = [f for f in dataset.files if f.is_dicom]
        total, done = len(dataset.files), 0
        with ThreadPoolExecutor(self.node.concurrency) as pool:
            for _ in pool.map(lambda f: self._download(offer.name, f, folder), plain):
                done += 1
                progress(done, total)
            found: list[LabelledHeader] = []
            notes: list[str] = []
            for result in pool.map(lambda f: self._header(offer.name, f), dicom):
                (found if isinstance(result, LabelledHeader) else notes).append(result)
                done += 1
                progress(done, total)
        return Staged(offer, folder, tuple(found), notes=tuple(notes))
