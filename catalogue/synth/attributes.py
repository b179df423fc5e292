"""Writing the parts shared by all MetaFleX files (BP.common.xsd): leaves, references, files,
and the tagged attribute system (STRING, NUMERIC, MEASUREMENT, CODE and SET attributes).
"""

from __future__ import annotations

from collections.abc import Callable

from bigpicture.catalogue.synth.plan import DataFile
from bigpicture.catalogue.synth.sink import XmlSink
from bigpicture.catalogue.synth.tables import Code


def leaf(sink: XmlSink, tag: str, text: str | None) -> None:
    """``<TAG>text</TAG>``, or ``<TAG xsi:nil="true"/>`` for None."""
    sink.leaf(tag, text)


def empty(sink: XmlSink, tag: str, attrs: dict[str, str] | None = None) -> None:
    """An element with attributes only."""
    sink.start(tag, attrs)
    sink.end(tag)


def ref(sink: XmlSink, tag: str, alias: str) -> None:
    """A reference element (ReferenceType) by alias."""
    empty(sink, tag, {"alias": alias})


def data_file(sink: XmlSink, tag: str, entry: DataFile, filetype: str) -> None:
    """A FILE or SAMPLE_IMAGE_FILE element (FileBaseType)."""
    empty(
        sink,
        tag,
        {
            "filename": entry.filename,
            "filetype": filetype,
            "checksum_method": "SHA256",
            "checksum": entry.checksum,
            "unencrypted_checksum": entry.unencrypted_checksum,
        },
    )


def nil_attributes(sink: XmlSink) -> None:
    """``<ATTRIBUTES xsi:nil="true"/>``: an object without attributes."""
    leaf(sink, "ATTRIBUTES", None)


def attributes(
    sink: XmlSink, write_members: Callable[[XmlSink], None], tag: str = "ATTRIBUTES"
) -> None:
    """An attribute list whose members ``write_members`` writes."""
    sink.start(tag)
    write_members(sink)
    sink.end(tag)


def string_attribute(sink: XmlSink, tag: str, value: str | None) -> None:
    """STRING_ATTRIBUTE."""
    sink.start("STRING_ATTRIBUTE")
    leaf(sink, "TAG", tag)
    leaf(sink, "VALUE", value)
    sink.end("STRING_ATTRIBUTE")


def numeric_attribute(sink: XmlSink, tag: str, value: int | None) -> None:
    """NUMERIC_ATTRIBUTE (a decimal without units)."""
    sink.start("NUMERIC_ATTRIBUTE")
    leaf(sink, "TAG", tag)
    leaf(sink, "VALUE", None if value is None else str(value))
    sink.end("NUMERIC_ATTRIBUTE")


def measurement_attribute(sink: XmlSink, tag: str, value: int | None, units: str) -> None:
    """MEASUREMENT_ATTRIBUTE (a decimal with mandatory units)."""
    sink.start("MEASUREMENT_ATTRIBUTE")
    leaf(sink, "TAG", tag)
    leaf(sink, "VALUE", None if value is None else str(value))
    leaf(sink, "UNITS", units)
    sink.end("MEASUREMENT_ATTRIBUTE")


def code_attribute(sink: XmlSink, tag: str, code: Code) -> None:
    """CODE_ATTRIBUTE; a free-text value (scheme TEXT) becomes a STRING_ATTRIBUTE instead."""
    if code.is_text:
        string_attribute(sink, tag, code.meaning)
        return
    sink.start("CODE_ATTRIBUTE")
    leaf(sink, "TAG", tag)
    sink.start("VALUE")
    leaf(sink, "CODE", code.code)
    leaf(sink, "SCHEME", code.scheme)
    leaf(sink, "MEANING", code.meaning)
    leaf(sink, "SCHEME_VERSION", None)
    sink.end("VALUE")
    sink.end("CODE_ATTRIBUTE")


def age_attribute(sink: XmlSink, start: str, length: str) -> None:
    """The SET_ATTRIBUTE ``age_at_extraction`` with ``interval_start`` and ``interval_length``."""
    sink.start("SET_ATTRIBUTE")
    leaf(sink, "TAG", "age_at_extraction")
    sink.start("VALUE")
    string_attribute(sink, "interval_start", start)
    string_attribute(sink, "interval_length", length)
    sink.end("VALUE")
    sink.end("SET_ATTRIBUTE")
