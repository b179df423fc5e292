"""DICOM headers from a DICOMweb server: QIDO-RS to list, WADO-RS metadata to read.

DICOM PS3.18 10.6 (QIDO-RS: ``GET {base}/studies``, ``GET {base}/studies/{uid}/series``) and
10.4 (WADO-RS Retrieve Metadata: ``GET {base}/studies/{uid}/series/{uid}/metadata``, media type
``application/dicom+json``, PS3.18 F.2). Never pixel data: only metadata is requested, and
only the allow-listed tags of each instance are read. Study and series UIDs are used to build
request URLs and are never kept.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from bigpicture.harvest.dicom.header import WSI_SOP_CLASS
from bigpicture.harvest.dicom.json_model import header_from_json
from bigpicture.harvest.errors import SourceUnavailable
from bigpicture.harvest.http_client import HttpClient
from bigpicture.harvest.nodes import Node
from bigpicture.harvest.sources.base import LabelledHeader, Progress

DICOM_JSON = "application/dicom+json"
STUDY_UID, SERIES_UID, MODALITY = "0020000D", "0020000E", "00080060"
#: QIDO-RS page size (``limit``/``offset``, PS3.18 8.3.4.4).
PAGE = 500


class DicomWebSource:
    """A DICOMweb server (e.g. Orthanc with its DICOMweb plugin) holding a node's WSI files."""

    def __init__(self, node: Node, client: HttpClient) -> None:
        self.node, self.client = node, client
        self.base = node.url.rstrip("/")

    def close(self) -> None:
        self.client.close()

    def _json(self, path: str) -> list:
        answer = self.client.get(f"{self.base}/{path}", accept=DICOM_JSON)
        if answer.status == 204 or not answer.body.strip():
            return []
        try:
            document = json.loads(answer.body)
        except ValueError as error:
            raise SourceUnavailable(f"{self.base}/{path}: not DICOM JSON ({error})") from error
        if not isinstance(document, list):
            raise SourceUnavailable(f"{self.base}/{path}: expected a JSON array")
        return [item for item in document if isinstance(item, dict)]

    def _paged(self, path: str) -> list:
        found: list = []
        while True:
            separator = "&" if "?" in path else "?"
            page = self._json(f"{path}{separator}limit={PAGE}&offset={len(found)}")
            found.extend(page)
            if len(page) < PAGE:
                return found

    @staticmethod
    def _value(item: dict, tag: str) -> str:
        values = item.get(tag, {}).get("Value", [])
        return str(values[0]) if values else ""

    def _series(self) -> list[tuple[str, str]]:
        pairs = []
        for study in self._paged("studies"):
            study_uid = self._value(study, STUDY_UID)
            for series in self._paged(f"studies/{study_uid}/series"):
                if self._value(series, MODALITY) in ("SM", ""):
                    pairs.append((study_uid, self._value(series, SERIES_UID)))
        return pairs

    def _headers_of(self, pair: tuple[str, str], number: int) -> list[LabelledHeader]:
        instances = self._json(f"studies/{pair[0]}/series/{pair[1]}/metadata")
        found = []
        for position, instance in enumerate(instances, 1):
            header = header_from_json(instance)
            if header.sop_class_uid == WSI_SOP_CLASS:
                found.append(LabelledHeader(f"series {number} instance {position}", header))
        return found

    def headers(self, progress: Progress) -> Sequence[LabelledHeader]:
        pairs = self._series()
        found: list[LabelledHeader] = []
        with ThreadPoolExecutor(self.node.concurrency) as pool:
            jobs = pool.map(self._headers_of, pairs, range(1, len(pairs) + 1))
            for done, headers in enumerate(jobs, 1):
                found.extend(headers)
                progress(done, len(pairs))
        return found
