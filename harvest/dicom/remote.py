"""Reading the header of a DICOM file that is not on this disk: by its first bytes only.

``read(n)`` returns the first ``n`` bytes of the file (an HTTP range request, a zip member);
the targeted reader asks for more only when the header is longer than what it has. Files it
does not handle are given to pydicom with the first :data:`FALLBACK_BYTES`.
"""

from __future__ import annotations

from collections.abc import Callable

from bigpicture.harvest.dicom import binary, reference
from bigpicture.harvest.dicom.header import DicomHeader

FALLBACK_BYTES = 4 * 1024 * 1024


def read_header_prefix(read: Callable[[int], bytes]) -> DicomHeader:
    """The header of a file known only through ``read(n)`` (its first n bytes)."""
    try:
        return binary.read_header_bytes(read)
    except binary.Unsupported:
        return reference.read_header_from_bytes(read(FALLBACK_BYTES))
