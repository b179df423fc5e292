"""Where generated XML goes: a streaming text writer, or an in-memory lxml tree (the baseline).

Both receive the same events (start, data, end, comment), so the benchmark compares the streaming
writer with a naive whole-tree build of exactly the same document. The streaming writer writes
text directly instead of through ``lxml.etree.xmlfile``, because xmlfile repeats the ``xsi``
namespace declaration on every element written separately; here it is declared once, on the root.
"""

from __future__ import annotations

from typing import Protocol, TextIO

from lxml import etree

XSI = "http://www.w3.org/2001/XMLSchema-instance"
NIL = f"{{{XSI}}}nil"
INDENT = "  "
DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTR_SPECIALS = frozenset('&<>"\r\n\t')
_ATTR_ESCAPES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\r": "&#13;",
        "\n": "&#10;",
        "\t": "&#9;",
    }
)


class XmlSink(Protocol):
    """Receives one XML document as events, root element first."""

    def start(self, tag: str, attrs: dict[str, str] | None = None) -> None: ...

    def data(self, text: str) -> None: ...

    def end(self, tag: str) -> None: ...

    def comment(self, text: str) -> None: ...

    def leaf(self, tag: str, text: str | None) -> None:
        """``<tag>text</tag>``, or ``<tag xsi:nil="true"/>`` for None."""
        ...


def _escape_text(text: str) -> str:
    if "&" in text or "<" in text or ">" in text or "\r" in text:
        return text.translate(_TEXT_ESCAPES)
    return text


def _escape_attr(value: str) -> str:
    if _ATTR_SPECIALS.isdisjoint(value):
        return value
    return value.translate(_ATTR_ESCAPES)


class TextSink:
    """Writes indented XML text as events arrive; memory does not grow with the document."""

    def __init__(self, handle: TextIO) -> None:
        self._out = handle
        self._depth = 0
        self._open = False  # the last start tag still lacks its '>'
        self._text = False  # the current element has text content
        handle.write(DECLARATION)

    def start(self, tag: str, attrs: dict[str, str] | None = None) -> None:
        """Open an element."""
        if self._open:
            self._out.write(">\n")
        rendered = f' xmlns:xsi="{XSI}"' if self._depth == 0 else ""
        if attrs:
            rendered += "".join(
                f' {"xsi:nil" if name == NIL else name}="{_escape_attr(value)}"'
                for name, value in attrs.items()
            )
        self._out.write(f"{INDENT * self._depth}<{tag}{rendered}")
        self._open, self._text = True, False
        self._depth += 1

    def data(self, text: str) -> None:
        """Text content of the current element."""
        self._close_start("")
        self._out.write(_escape_text(text))
        self._text = True

    def leaf(self, tag: str, text: str | None) -> None:
        """A whole element with text (or nil) in one write."""
        self._close_start("\n")
        indent = INDENT * self._depth
        if text is None:
            self._out.write(f'{indent}<{tag} xsi:nil="true"/>\n')
        else:
            self._out.write(f"{indent}<{tag}>{_escape_text(text)}</{tag}>\n")

    def end(self, tag: str) -> None:
        """Close the current element."""
        self._depth -= 1
        if self._open:
            self._out.write("/>\n")
        elif self._text:
            self._out.write(f"</{tag}>\n")
        else:
            self._out.write(f"{INDENT * self._depth}</{tag}>\n")
        self._open, self._text = False, False

    def comment(self, text: str) -> None:
        """A comment on a line of its own."""
        self._close_start("\n")
        self._out.write(f"{INDENT * self._depth}<!-- {text} -->\n")

    def _close_start(self, after: str) -> None:
        if self._open:
            self._out.write(">" + after)
            self._open = False


class TreeSink:
    """Builds the whole document as an lxml tree in memory (the naive baseline)."""

    def __init__(self) -> None:
        self._builder = etree.TreeBuilder()
        self._root_started = False

    def start(self, tag: str, attrs: dict[str, str] | None = None) -> None:
        """Open an element."""
        nsmap = None if self._root_started else {"xsi": XSI}
        self._root_started = True
        self._builder.start(tag, attrs or {}, nsmap)

    def data(self, text: str) -> None:
        """Text content of the current element."""
        self._builder.data(text)

    def end(self, tag: str) -> None:
        """Close the current element."""
        self._builder.end(tag)

    def comment(self, text: str) -> None:
        """A comment."""
        self._builder.comment(f" {text} ")

    def leaf(self, tag: str, text: str | None) -> None:
        """A whole element with text, or nil."""
        self._builder.start(tag, {NIL: "true"} if text is None else {})
        if text is not None:
            self._builder.data(text)
        self._builder.end(tag)

    def tostring(self) -> bytes:
        """The finished document, pretty-printed."""
        root = self._builder.close()
        body = etree.tostring(root, encoding="UTF-8", pretty_print=True)
        return DECLARATION.encode() + body
