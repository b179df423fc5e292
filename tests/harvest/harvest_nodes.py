"""Node folders for the harvest tests: the example submission with DICOM files of its images."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from lxml import etree
from wsi_files import MARKERS

from bigpicture.harvest.dicom.synthetic import SyntheticSlide, write_slide

DATASET = "DATASET_BP_LUNG_ADC_EXAMPLE"
#: image alias -> (slide alias, stains, magnification, scanner manufacturer)
IMAGES = {
    "LUNGEX_IMG_01_HE": ("LUNGEX_SLD_01_HE", ("hematoxylin", "eosin"), 40.0, "Leica"),
    "LUNGEX_IMG_01_TTF1": ("LUNGEX_SLD_01_TTF1", (), 20.0, "Leica"),
    "LUNGEX_IMG_02_HE": ("LUNGEX_SLD_02_HE", ("hematoxylin", "eosin"), 40.0, "Hamamatsu"),
    "LUNGEX_IMG_02_TTF1": ("LUNGEX_SLD_02_TTF1", (), 20.0, "Hamamatsu"),
}


def _file_names(image_xml: Path) -> dict[str, list[etree._Element]]:
    tree = etree.parse(str(image_xml), etree.XMLParser(resolve_entities=False, no_network=True))
    return {image.get("alias"): image.findall("FILES/FILE") for image in tree.iter("IMAGE")}


def add_dicom_files(dataset: Path, identifying: bool = True) -> list[Path]:
    """Write the DICOM files named in image.xml under IMAGES/IMAGE_<alias>/ and fix checksums."""
    image_xml = dataset / "METADATA" / "image.xml"
    tree = etree.parse(str(image_xml), etree.XMLParser(resolve_entities=False, no_network=True))
    written = []
    for image in tree.iter("IMAGE"):
        slide, stains, power, maker = IMAGES[image.get("alias")]
        for index, entry in enumerate(image.findall("FILES/FILE")):
            flavour = "LABEL" if "label" in entry.get("filename") else "VOLUME"
            synthetic = SyntheticSlide(
                container_id=slide,
                manufacturer=maker,
                magnification=power,
                stains=stains,
                flavour=flavour,
                columns=40000 // (index + 1),
                rows=30000 // (index + 1),
                identifying=MARKERS if identifying else {},
            )
            path = dataset / "IMAGES" / f"IMAGE_{image.get('alias')}" / entry.get("filename")
            write_slide(path, synthetic, index)
            entry.set("unencrypted_checksum", hashlib.sha256(path.read_bytes()).hexdigest())
            written.append(path)
    tree.write(str(image_xml), xml_declaration=True, encoding="UTF-8")
    return written


def make_node(root: Path, example: Path, dicom: bool = True) -> Path:
    """A node folder with a copy of the example submission (and its DICOM files)."""
    shutil.copytree(example, root / DATASET)
    if dicom:
        add_dicom_files(root / DATASET)
    return root


def set_version(dataset: Path, version: str) -> None:
    """Change the dataset's VERSION (a new version of the same dataset)."""
    path = dataset / "METADATA" / "dataset.xml"
    text = path.read_text()
    start = text.index("<VERSION>") + len("<VERSION>")
    path.write_text(text[:start] + version + text[text.index("</VERSION>") :])


def break_submission(dataset: Path) -> None:
    """Make the submission invalid: an IMAGE_OF that points nowhere."""
    path = dataset / "METADATA" / "image.xml"
    path.write_text(
        path.read_text().replace(
            'IMAGE_OF alias="LUNGEX_SLD_01_HE"', 'IMAGE_OF alias="NO_SUCH_SLIDE"', 1
        )
    )
