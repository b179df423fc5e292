"""DICOM headers from local files: every ``*.dcm`` under a node's folder, header only.

DICOM PS3.10 files read with the targeted reader of ``bigpicture.harvest.dicom.binary``
(across processes for large folders); only VL Whole Slide Microscopy Image instances count.
"""

from __future__ import annotations

from collections.abc import Sequence

from bigpicture.harvest.dicom import batch
from bigpicture.harvest.dicom.header import WSI_SOP_CLASS
from bigpicture.harvest.errors import SourceUnavailable
from bigpicture.harvest.nodes import Node
from bigpicture.harvest.sources.base import LabelledHeader, Progress
from bigpicture.harvest.sources.metaflex_dir import image_alias_of


class DicomDirSource:
    """A folder of DICOM WSI files holding the images of a MetaFleX node."""

    def __init__(self, node: Node) -> None:
        self.node = node

    def close(self) -> None:
        """Nothing to release."""

    def headers(self, progress: Progress) -> Sequence[LabelledHeader]:
        root = self.node.path
        if root is None or not root.is_dir():
            raise SourceUnavailable(f"node {self.node.name}: {root} is not a folder")
        from pathlib import PurePosixPath

        files = sorted(root.rglob("*.dcm"))
        results = batch.read_headers(files)
        progress(len(files), len(files))
        return [
            LabelledHeader(
                r.path.relative_to(root).as_posix(),
                r.header,
                image_alias_of(PurePosixPath(r.path.relative_to(root).as_posix())),
                r.path.stat().st_size,
            )
            for r in results
            if r.header is not None and r.header.sop_class_uid == WSI_SOP_CLASS
        ]
