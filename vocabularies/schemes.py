"""Coding scheme names as written in submissions, mapped to the canonical designators.

MetaFleX coded values carry a scheme name (DICOM PS3.3 Coding Scheme Designator, e.g. "SCT",
"DCM"); submissions also write "SNOMED CT", "SNOMED-CT" or the retired "SRT".
"""

from __future__ import annotations

import re

from bigpicture.vocabularies.matching import fold

#: Canonical designators the catalogue knows.
KNOWN: tuple[str, ...] = ("SCT", "DCM", "DUO", "UMLS", "ICD-O", "Other")
_ALIASES = {
    "sct": "SCT", "snomed": "SCT", "snomedct": "SCT", "snomedctint": "SCT", "srt": "SCT",
    "snm": "SCT", "snm3": "SCT", "snomedrt": "SCT", "sctid": "SCT",
    "httpsnomedinfosct": "SCT", "httpsnomedinfoid": "SCT",
    "dcm": "DCM", "dicom": "DCM", "dicomcid": "DCM",
    "duo": "DUO", "datauseontology": "DUO",
    "umls": "UMLS", "icdo": "ICD-O", "icdo3": "ICD-O", "icdo32": "ICD-O",
    "other": "Other",
}  # fmt: skip


def normalise_scheme(name: str) -> tuple[str | None, bool]:
    """(canonical designator or None when unknown, whether the name had to be changed)."""
    squashed = re.sub(r"[^a-z0-9]", "", fold(name))
    canonical = _ALIASES.get(squashed)
    if canonical is None:
        return None, False
    return canonical, canonical != name
