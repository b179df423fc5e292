"""A targeted reader of DICOM Part 10 files: only the allow-listed tags, header only.

DICOM PS3.10 7.1 (preamble, ``DICM``, File Meta Information) and PS3.5 7.1 (data element
encoding, explicit and implicit VR little endian), 7.5 (nesting of data sets: items and
delimitation items). It walks the elements without building objects for the ones it skips,
stops at the first top-level tag beyond the allow-list (before the per-frame functional
groups and the pixel data), and reads the file in growing chunks from the start, so a header
costs one small read. Files it does not handle (big endian, deflate, unusual character sets,
no preamble) raise :class:`Unsupported`; callers then use the pydicom reader.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Mapping
from pathlib import Path

from bigpicture.harvest.dicom.header import (
    ALLOW_LIST,
    SPECIFIC_CHARACTER_SET,
    VR_OF,
    DicomHeader,
    Elements,
    build_header,
)

FIRST_READ = 16 * 1024
MAX_HEADER = 64 * 1024 * 1024
_UNDEFINED = 0xFFFFFFFF
_ITEM, _ITEM_END, _SEQ_END = 0xFFFEE000, 0xFFFEE00D, 0xFFFEE0DD
_LONG = frozenset(
    {b"OB", b"OD", b"OF", b"OL", b"OV", b"OW", b"SQ", b"SV", b"UC", b"UN", b"UR", b"UT", b"UV"}
)
_LAST_TOP = max(ALLOW_LIST)
_EXPLICIT_LE, _IMPLICIT_LE = "1.2.840.10008.1.2.1", "1.2.840.10008.1.2"
_BIG_ENDIAN, _DEFLATED = "1.2.840.10008.1.2.2", "1.2.840.10008.1.2.1.99"
_CODECS = {"": "latin_1", "ISO_IR 6": "latin_1", "ISO_IR 100": "latin_1", "ISO_IR 192": "utf_8"}
_unpack = struct.unpack_from


class Unsupported(Exception):
    """The file is not in a form this reader handles; read it with pydicom instead."""


class _NeedMore(Exception):
    """The buffer ends inside the header: read more of the file."""


#: Parsed defined-length sequences by their bytes (see ``_Walker.known_sequence``).
_SEQUENCES: dict[tuple, list] = {}
_SEQUENCES_KEPT = 4096
_VR_BYTES = {tag: vr.encode("ascii") for tag, vr in VR_OF.items()}
_HEAD = struct.Struct("<HH2sH")
_LONG_LENGTH = struct.Struct("<L")
_HEAD12 = struct.Struct("<HH2sHL")


def _element(buf: bytes, pos: int, explicit: bool) -> tuple[int, bytes | None, int, int]:
    """Tag, VR, value length and value offset of the element at ``pos``."""
    if pos + 12 > len(buf):
        raise _NeedMore
    group, number, vr, short = _HEAD.unpack_from(buf, pos)
    tag = group << 16 | number
    if group == 0xFFFE or not explicit:
        return tag, None, _LONG_LENGTH.unpack_from(buf, pos + 4)[0], pos + 8
    if vr in _LONG:
        return tag, vr, _LONG_LENGTH.unpack_from(buf, pos + 8)[0], pos + 12
    return tag, vr, short, pos + 8


class _Walker:
    """Walks the data set of one buffer, decoding the allow-listed values as it meets them."""

    def __init__(self, buf: bytes, explicit: bool) -> None:
        self.buf, self.explicit, self.codec = buf, explicit, "latin_1"

    def walk(self, pos: int, end: int, allow: Mapping, out: dict, top: bool) -> int:
        """Read a data set from ``pos`` to ``end`` (or its item delimiter); returns the end."""
        buf, explicit, size, unpack = self.buf, self.explicit, len(self.buf), _HEAD12.unpack_from
        while pos < end:
            # Inlined _element: this loop runs for every element of every header.
            if pos + 12 > size:
                raise _NeedMore  # (a file ending within 12 bytes of an element: pydicom reads it)
            group, number, vr, length, long_length = unpack(buf, pos)
            tag = group << 16 | number
            if explicit and group != 0xFFFE:
                if vr in _LONG:
                    length = long_length
                    pos += 12
                else:
                    pos += 8
            else:
                length = _LONG_LENGTH.unpack_from(buf, pos + 4)[0]
                pos, vr = pos + 8, None
                if tag == _ITEM_END:
                    return pos
                if group == 0xFFFE:
                    raise Unsupported("unexpected delimiter")
            if top and tag > _LAST_TOP:
                return -1
            sub = allow.get(tag, False)
            if length == _UNDEFINED:
                if vr not in (None, b"SQ"):
                    raise Unsupported("undefined length outside a sequence")
                seq, pos = self.sequence(pos, None, sub or None)
                if sub:
                    out[tag] = seq
                continue
            if pos + length > size:
                raise _NeedMore
            if sub is None:
                out[tag] = self.decode(tag, vr, buf[pos : pos + length])
            elif sub:
                out[tag] = self.known_sequence(tag, pos, length, sub)
            pos += length
        return pos

    def known_sequence(self, tag: int, pos: int, length: int, allow: Mapping) -> list:
        """The items of a defined-length sequence, remembered by its bytes.

        Files of one scanner repeat the same optical paths, pixel measures and codes; their
        parsed items are read-only afterwards, so equal bytes can share one parse.
        """
        key = (tag, self.explicit, self.codec, self.buf[pos : pos + length])
        found = _SEQUENCES.get(key)
        if found is None:
            found = self.sequence(pos, pos + length, allow)[0]
            if len(_SEQUENCES) >= _SEQUENCES_KEPT:
                _SEQUENCES.clear()
            _SEQUENCES[key] = found
        return found

    def sequence(self, pos: int, end: int | None, allow: Mapping | None) -> tuple[list, int]:
        """The items of a sequence (kept only when ``allow`` is given) and the end offset."""
        found: list[dict] = []
        while end is None or pos < end:
            tag, _, length, pos = _element(self.buf, pos, False)
            if tag == _SEQ_END:
                break
            if tag != _ITEM:
                raise Unsupported("sequence without items")
            item: dict = {}
            if length == _UNDEFINED:
                pos = self.walk(pos, 1 << 62, allow or {}, item, False)
            else:
                self.walk(pos, pos + length, allow or {}, item, False)
                pos += length
            if allow is not None:
                found.append(item)
        return found, pos

    def decode(self, tag: int, vr: bytes | None, raw: bytes) -> list:
        """The values of one allow-listed element."""
        if vr is None or vr == b"UN":
            vr = _VR_BYTES[tag]
        if vr == b"US":
            return list(struct.unpack(f"<{len(raw) // 2}H", raw))
        if vr == b"UL":
            return list(struct.unpack(f"<{len(raw) // 4}L", raw))
        if tag == SPECIFIC_CHARACTER_SET:
            self.codec = _charset_codec(raw)
        value = raw.decode(self.codec)
        if "\\" in value:
            return [part.strip(" \x00") for part in value.split("\\")]
        value = value.strip(" \x00")
        return [value] if value else []


def _charset_codec(raw: bytes) -> str:
    charset = raw.decode("ascii", "replace").strip(" \x00")
    codec = _CODECS.get(charset)
    if codec is None:
        raise Unsupported(f"character set {charset!r}")
    return codec


def _transfer_syntax(buf: bytes) -> tuple[str, int]:
    """The transfer syntax UID and the offset of the data set after the file meta group."""
    if buf[128:132] != b"DICM":
        raise Unsupported("no DICM preamble")
    pos, syntax = 132, ""
    while True:
        if pos + 8 > len(buf):
            raise _NeedMore
        if _unpack("<H", buf, pos)[0] != 0x0002:
            return syntax, pos
        tag, _, length, start = _element(buf, pos, True)
        if tag == 0x00020010:
            syntax = buf[start : start + length].decode("ascii").strip(" \x00")
        pos = start + length


def parse(buf: bytes, complete: bool) -> Elements:
    """The allow-listed elements of a file's first bytes (``complete``: the whole file)."""
    out: dict = {}
    try:
        syntax, pos = _transfer_syntax(buf)
        if syntax in (_BIG_ENDIAN, _DEFLATED) or not syntax:
            raise Unsupported(f"transfer syntax {syntax or 'missing'}")
        _Walker(buf, syntax != _IMPLICIT_LE).walk(pos, len(buf), ALLOW_LIST, out, True)
    except (_NeedMore, struct.error):
        if complete:
            raise Unsupported("truncated file") from None
        raise _NeedMore from None
    return out


def read_header_bytes(read: Callable[[int], bytes]) -> DicomHeader:
    """The header of a file, given ``read(n)`` returning its first n bytes (or all of it)."""
    size = FIRST_READ
    while True:
        buf = read(size)
        try:
            return build_header(parse(buf, complete=len(buf) < size))
        except _NeedMore:
            if size >= MAX_HEADER:
                raise Unsupported("header larger than 64 MiB") from None
            size *= 4


def read_header(path: Path) -> DicomHeader:
    """The header of a local file, reading only its first bytes."""
    with open(path, "rb") as handle:

        def read(size: int) -> bytes:
            handle.seek(0)
            return handle.read(size)

        return read_header_bytes(read)
