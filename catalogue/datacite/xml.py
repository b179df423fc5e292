"""DataCite Metadata Schema 4 as XML (kernel-4, namespace http://datacite.org/schema/kernel-4).

Writes the dictionary of ``kernel4.attributes`` element by element (DataCite properties 1-20).
"""

from __future__ import annotations

from collections.abc import Mapping

from lxml import etree

from bigpicture.catalogue.datacite import kernel4
from bigpicture.catalogue.datacite.kernel4 import Publishing
from bigpicture.catalogue.facts import DatasetFacts

NS = "http://datacite.org/schema/kernel-4"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{NS} https://schema.datacite.org/meta/kernel-4/metadata.xsd"
#: REST API attribute names -> XML attribute names where they differ.
_XML_NAMES = {
    "schemeUri": "schemeURI",
    "valueUri": "valueURI",
    "rightsUri": "rightsURI",
    "awardUri": "awardURI",
}

Entry = Mapping[str, object]


def _sub(parent: etree._Element, tag: str, text: object = None, **attrs: object) -> etree._Element:
    element = etree.SubElement(parent, f"{{{NS}}}{tag}")
    if text is not None:
        element.text = str(text)
    for name, value in attrs.items():
        if value:
            element.set(_XML_NAMES.get(name, name), str(value))
    return element


def _attrs(entry: Entry, *skip: str) -> dict[str, object]:
    return {k: v for k, v in entry.items() if k not in skip and isinstance(v, str)}


def _creators(root: etree._Element, creators: list[Entry]) -> None:
    wrapper = _sub(root, "creators")
    for creator in creators:
        element = _sub(wrapper, "creator")
        _sub(element, "creatorName", creator["name"], nameType=creator.get("nameType"))
        for identifier in creator.get("nameIdentifiers", []):  # type: ignore[union-attr]
            _sub(
                element,
                "nameIdentifier",
                identifier["nameIdentifier"],
                **_attrs(identifier, "nameIdentifier"),
            )
        for affiliation in creator.get("affiliation", []):  # type: ignore[union-attr]
            _sub(element, "affiliation", affiliation["name"])


def _list(root: etree._Element, wrapper: str, tag: str, entries: list[Entry], key: str) -> None:
    """A wrapper element with one child per entry; ``key`` holds the text."""
    if not entries:
        return
    parent = _sub(root, wrapper)
    for entry in entries:
        _sub(parent, tag, entry[key], **_attrs(entry, key))


def _funding(root: etree._Element, references: list[Entry]) -> None:
    parent = _sub(root, "fundingReferences")
    for ref in references:
        element = _sub(parent, "fundingReference")
        _sub(element, "funderName", ref["funderName"])
        _sub(
            element,
            "funderIdentifier",
            ref["funderIdentifier"],
            funderIdentifierType=ref["funderIdentifierType"],
        )
        _sub(element, "awardNumber", ref["awardNumber"], awardUri=ref.get("awardUri"))
        _sub(element, "awardTitle", ref["awardTitle"])


def _plain_lists(root: etree._Element, values: Mapping[str, object]) -> None:
    for wrapper, tag in (("sizes", "size"), ("formats", "format")):
        items = values.get(wrapper) or []
        if items:
            parent = _sub(root, wrapper)
            for item in items:  # type: ignore[union-attr]
                _sub(parent, tag, item)


def to_element(values: Mapping[str, object]) -> etree._Element:
    """The ``resource`` element for a dictionary made by :func:`kernel4.attributes`."""
    root = etree.Element(f"{{{NS}}}resource", nsmap={None: NS, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    _sub(root, "identifier", values["doi"], identifierType="DOI")
    _creators(root, values["creators"])  # type: ignore[arg-type]
    _list(root, "titles", "title", values["titles"], "title")  # type: ignore[arg-type]
    _sub(root, "publisher", values["publisher"]["name"])  # type: ignore[index]
    _sub(root, "publicationYear", values["publicationYear"])
    types = values["types"]
    _sub(
        root,
        "resourceType",
        types["resourceType"],
        resourceTypeGeneral=types["resourceTypeGeneral"],
    )  # type: ignore[index]
    _list(root, "subjects", "subject", values.get("subjects", []), "subject")  # type: ignore[arg-type]
    _list(root, "dates", "date", values.get("dates", []), "date")  # type: ignore[arg-type]
    _sub(root, "language", values.get("language", "en"))
    _list(
        root,
        "alternateIdentifiers",
        "alternateIdentifier",
        values.get("alternateIdentifiers", []),
        "alternateIdentifier",
    )  # type: ignore[arg-type]
    _list(
        root,
        "relatedIdentifiers",
        "relatedIdentifier",
        values.get("relatedIdentifiers", []),
        "relatedIdentifier",
    )  # type: ignore[arg-type]
    _plain_lists(root, values)
    if values.get("version"):
        _sub(root, "version", values["version"])
    _list(root, "rightsList", "rights", values.get("rightsList", []), "rights")  # type: ignore[arg-type]
    _list(root, "descriptions", "description", values.get("descriptions", []), "description")  # type: ignore[arg-type]
    _funding(root, values.get("fundingReferences", []))  # type: ignore[arg-type]
    return root


def datacite_xml(facts: DatasetFacts, settings: Publishing) -> bytes:
    """The kernel-4 XML document of one dataset version (UTF-8, with XML declaration)."""
    element = to_element(kernel4.attributes(facts, settings))
    return etree.tostring(element, xml_declaration=True, encoding="UTF-8", pretty_print=True)
