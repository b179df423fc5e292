"""Which MetaFleX IMAGE a DICOM file belongs to: by folder, else by its container identifier.

MetaFleX 2.0.0 (FORMAT.md sections 1 and 4): a dataset's DICOM files lie under
``IMAGES/IMAGE_<image alias>/`` and each IMAGE names the slide(s) it shows with ``IMAGE_OF``;
DICOM's Container Identifier (0040,0512) names the slide. This module reads the IMAGE aliases
and their ``IMAGE_OF`` aliases from ``METADATA/image.xml`` (parsed safely, streaming) and
assigns each header to an image.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from bigpicture.harvest.sources.base import LabelledHeader

IMAGE_XML = "METADATA/image.xml"


@dataclass(frozen=True)
class ImageMap:
    """Image aliases of a dataset and the slide aliases each image shows."""

    slides_of: Mapping[str, tuple[str, ...]]

    def image_for(self, container_id: str) -> str:
        """The image whose alias, or whose one slide, is ``container_id`` ('' if none or many)."""
        if container_id in self.slides_of:
            return container_id
        found = [image for image, slides in self.slides_of.items() if container_id in slides]
        return found[0] if len(found) == 1 else ""


def _image_xml(path: Path) -> bytes | None:
    if path.is_dir():
        target = path / IMAGE_XML
        return target.read_bytes() if target.is_file() else None
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name == IMAGE_XML or name.endswith("/" + IMAGE_XML):
                return archive.read(name)
    return None


def read_image_map(path: Path) -> ImageMap:
    """The images of the submission at ``path`` (a folder or zip); empty when unreadable."""
    try:
        data = _image_xml(path)
    except (OSError, zipfile.BadZipFile):
        data = None
    slides: dict[str, tuple[str, ...]] = {}
    if not data:
        return ImageMap(slides)
    events = etree.iterparse(
        io.BytesIO(data),
        events=("end",),
        tag="IMAGE",
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
    )
    try:
        for _, element in events:
            alias = element.get("alias", "")
            slides[alias] = tuple(ref.get("alias", "") for ref in element.findall("IMAGE_OF"))
            element.clear()
    except etree.XMLSyntaxError:
        pass  # the validator reports it; the map keeps what it could read
    return ImageMap(slides)


@dataclass(frozen=True)
class Assignment:
    """Headers by image alias, and notes on the files that could not be tied to an image."""

    by_image: Mapping[str, tuple[LabelledHeader, ...]]
    notes: tuple[str, ...]


def assign(headers: Sequence[LabelledHeader], images: ImageMap) -> Assignment:
    """Tie every header to an image of the dataset (folder first, then container identifier)."""
    by_image: dict[str, list[LabelledHeader]] = {}
    notes: list[str] = []
    for item in headers:
        alias = item.image_alias or images.image_for(item.header.container_id)
        if alias not in images.slides_of:
            if item.image_alias:  # a folder whose image is unknown
                notes.append(f"{item.label}: IMAGE_{item.image_alias} is not an IMAGE of image.xml")
            continue
        slides = images.slides_of[alias]
        cid = item.header.container_id
        if item.image_alias and cid and cid != alias and cid not in slides:
            notes.append(f"{item.label}: container identifier does not match IMAGE {alias}")
        by_image.setdefault(alias, []).append(item)
    return Assignment({k: tuple(v) for k, v in by_image.items()}, tuple(notes))
