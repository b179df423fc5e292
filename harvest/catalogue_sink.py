"""The harvest's :class:`~bigpicture.harvest.pipeline.Sink` into a catalogue instance.

MetaFleX submissions go through the catalogue's own ingest (``Catalogue.ingest``: validation,
one atomic store write with the DICOM technical triples, DOI, search index). DCAT records of
other catalogues, once they pass the DCAT-AP check of ``dcat_check``, are kept as published
beside the store (``records``): they have identifiers of their own and get no DOI here. The
catalogue is told about each record kept or dropped (``record_kept`` / ``record_dropped``), so
that its listeners (the search index) find them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from bigpicture.harvest.dcat_check import check_record
from bigpicture.harvest.pipeline import Refused, SinkResult
from bigpicture.harvest.records import drop_record as remove_kept_record
from bigpicture.harvest.records import keep_record
from bigpicture.harvest.sources.base import Staged


def _report_json(report: object) -> dict:
    to_json = getattr(report, "to_json", None)
    return to_json() if callable(to_json) else {}


class CatalogueSink:
    """Adds harvested datasets to a ``bigpicture.catalogue.app.Catalogue``."""

    def __init__(self, catalogue: Any) -> None:
        self.catalogue = catalogue

    def add_submission(
        self, path: Path, node: str, technical: Callable[[str], bytes]
    ) -> SinkResult:
        from bigpicture.catalogue.ingest import SubmissionRefused

        try:
            result = self.catalogue.ingest(path, node=node, technical=technical)
        except SubmissionRefused as refused:
            raise Refused(str(refused), _report_json(refused.report)) from refused
        return SinkResult(result.record.id, result.created, _report_json(result.report))

    def add_record(self, node: str, staged: Staged) -> SinkResult:
        report = check_record(staged.record_ntriples, staged.record["iri"])
        if not report.valid:
            raise Refused(f"{staged.record['iri']}: not a DCAT-AP dataset", report.to_json())
        iri = staged.record["iri"]
        created = keep_record(self.catalogue.settings.data_dir, node, iri, staged.record_ntriples)
        self.catalogue.record_kept(node, iri, staged.record_ntriples)
        return SinkResult(iri, created, report.to_json())

    def drop_record(self, node: str, name: str) -> bool:
        if not remove_kept_record(self.catalogue.settings.data_dir, node, name):
            return False
        self.catalogue.record_dropped(node, name)
        return True
