"""A deterministic differential corpus for the MetaFleX 2.0.0 XSD files.

Seeds are valid documents built here for every root element of the 11 object files, plus
documents of each named type of BP.common (validated through a small driver schema that imports
BP.common). Mutants are derived from every seed by systematic edits of every element and
attribute: removed, repeated, swapped with the next sibling, emptied, nilled, renamed, given
wrong values (types, enumerations, patterns), an unknown child or attribute, and so on.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

XSI = "http://www.w3.org/2001/XMLSchema-instance"
NIL = f"{{{XSI}}}nil"
XSI_TYPE = f"{{{XSI}}}type"
SHA = "0123456789abcdef" * 4
SHA2 = "fedcba9876543210" * 4


@dataclass(frozen=True)
class Document:
    """One corpus document: the XSD file it is checked against, a name and the XML bytes."""

    xsd: str
    name: str
    xml: bytes


# --- building blocks --------------------------------------------------------------------------
def _el(tag: str, text: str | None = None, children=(), **attrs) -> etree._Element:
    node = etree.Element(tag, nsmap={"xsi": XSI, "bp": "BP.common"})
    for key, value in attrs.items():
        node.set(key, value)
    if text is not None:
        node.text = text
    node.extend(children)
    return node


def _nil(tag: str) -> etree._Element:
    node = _el(tag)
    node.set(NIL, "true")
    return node


def _ref(tag: str, alias: str, accession: str | None = None) -> etree._Element:
    attrs = {"alias": alias} | ({"accession": accession} if accession else {})
    return _el(tag, **attrs)


def _code(code: str = "39607008", version: str | None = None) -> etree._Element:
    last = _el("SCHEME_VERSION", version) if version else _nil("SCHEME_VERSION")
    return _el(
        "VALUE",
        children=[_el("CODE", code), _el("SCHEME", "SCT"), _el("MEANING", "Lung structure"), last],
    )


def _attr(kind: str, tag: str, *value: etree._Element | str | None) -> etree._Element:
    children = [_el("TAG", tag)]
    for item in value:
        if item is None:
            children.append(_nil("VALUE"))
        elif isinstance(item, str):
            children.append(_el("VALUE", item))
        else:
            children.append(item)
    return _el(f"{kind}_ATTRIBUTE", children=children)


def _attribute_list() -> list[etree._Element]:
    nested = _el(
        "VALUE",
        children=[
            _attr("STRING", "interval_start", "P60Y"),
            _attr("STRING", "interval_length", "P10Y"),
            _attr("SET", "deeper", _el("VALUE", children=[_attr("NUMERIC", "n", "1")])),
        ],
    )
    return [
        _attr("STRING", "sex", "Female"),
        _attr("STRING", "note", None),
        _attr("NUMERIC", "count", "12.50"),
        _attr("NUMERIC", "missing", None),
        _attr("MEASUREMENT", "tumour_size", "21", _el("UNITS", "mm")),
        _attr("MEASUREMENT", "unknown_size", None, _el("UNITS", "mm")),
        _attr("CODE", "anatomical_site", _code()),
        _attr("CODE", "fixation_type", _code("434162003", "2024-01")),
        _attr("CODE", "nil_code", None),
        _attr("SET", "age_at_extraction", nested),
        _attr("SET", "empty_set", None),
        _attr("STRING", "sex", "Male"),
    ]


def _attributes(style: str = "full") -> etree._Element:
    if style == "nil":
        return _nil("ATTRIBUTES")
    if style == "empty":
        return _el("ATTRIBUTES")
    return _el("ATTRIBUTES", children=_attribute_list())


def _file(tag: str, name: str, filetype: str, unencrypted: bool = True) -> etree._Element:
    attrs = {"filename": name, "checksum_method": "SHA256", "checksum": SHA, "filetype": filetype}
    if unencrypted:
        attrs["unencrypted_checksum"] = SHA2
    return _el(tag, **attrs)


def _object(tag: str, alias: str, children: list, accession: bool = True) -> etree._Element:
    attrs = {"alias": alias} | ({"accession": f"ACC-{alias}"} if accession else {})
    return _el(tag, children=children, **attrs)


# --- seeds per file ---------------------------------------------------------------------------
def _samples() -> dict[str, etree._Element]:
    being = _object("BIOLOGICAL_BEING", "BB1", [_attributes()])
    case = _object("CASE", "C1", [_ref("BIOLOGICAL_BEING_REF", "BB1", "ACC-BB1"), _attributes()])
    specimen = _object(
        "SPECIMEN",
        "S1",
        [_ref("EXTRACTED_FROM_REF", "BB1"), _ref("PART_OF_CASE_REF", "C1"), _attributes()],
    )
    block = _object(
        "BLOCK",
        "BL1",
        [_ref("SAMPLED_FROM_REF", "S1"), _ref("SAMPLED_FROM_REF", "S2"), _attributes("empty")],
    )
    slide = _object(
        "SLIDE",
        "SL1",
        [_ref("CREATED_FROM_REF", "BL1"), _ref("STAINING_INFORMATION_REF", "ST1"), _attributes()],
    )
    members = [block, being, slide, case, specimen, copy.deepcopy(being)]
    minimal_specimen = _object(
        "SPECIMEN", "S2", [_ref("EXTRACTED_FROM_REF", "BB1"), _attributes("nil")], False
    )
    return {
        "biological_being": being,
        "case": case,
        "specimen": specimen,
        "specimen_minimal": minimal_specimen,
        "block": block,
        "slide": slide,
        "sample_set": _el("SAMPLE_SET", children=[copy.deepcopy(m) for m in members]),
    }


def _stainings() -> dict[str, etree._Element]:
    procedure = _el("PROCEDURE_INFORMATION", children=_attribute_list()[:4])
    by_procedure = _object("STAINING", "ST1", [procedure, _attributes("nil")])
    stains = [_el("STAIN", children=_attribute_list()[5:8]), _el("STAIN")]
    by_stains = _object("STAINING", "ST2", [*stains, _attributes()], False)
    empty_procedure = _object("STAINING", "ST3", [_el("PROCEDURE_INFORMATION"), _attributes()])
    return {
        "staining_procedure": by_procedure,
        "staining_stains": by_stains,
        "staining_empty_procedure": empty_procedure,
        "staining_set": _el(
            "STAINING_SET", children=[copy.deepcopy(by_procedure), copy.deepcopy(by_stains)]
        ),
    }


def _images() -> dict[str, etree._Element]:
    wsi = _el("IMAGE_TYPE", children=[_el("WSI_IMAGE", "any", children=[_el("ANY")], kind="x")])
    files = _el("FILES", children=[_file("FILE", "a.dcm", "dcm"), _file("FILE", "b", "dcm", False)])
    image = _object(
        "IMAGE", "I1", [_ref("IMAGE_OF", "SL1"), _ref("IMAGE_OF", "S1"), wsi, files, _attributes()]
    )
    gross = _el("IMAGE_TYPE", children=[_el("GROSS_IMAGE")])
    one_file = _el("FILES", children=[_file("FILE", "c.dcm", "dcm")])
    image2 = _object(
        "IMAGE", "I2", [_ref("IMAGE_OF", "S1"), gross, one_file, _attributes("nil")], False
    )
    return {
        "image": image,
        "image_gross": image2,
        "image_set": _el("IMAGE_SET", children=[copy.deepcopy(image), copy.deepcopy(image2)]),
    }


def _annotations() -> dict[str, etree._Element]:
    files = _el("FILES", children=[_file("FILE", "a.json", "json"), _file("FILE", "b", "dcm")])
    annotation = _object("ANNOTATION", "A1", [_ref("IMAGE_REF", "I1"), files, _attributes()])
    return {
        "annotation": annotation,
        "annotation_set": _el("ANNOTATION_SET", children=[copy.deepcopy(annotation)] * 1),
    }


def _statement(kind: str = "Diagnosis", status: str = "Summary", full: bool = True):
    if not full:
        parts = ["CODE_ATTRIBUTES", "CUSTOM_ATTRIBUTES", "FREETEXT", "ATTRIBUTES"]
        return _el(
            "STATEMENT",
            children=[_el("STATEMENT_TYPE", kind), _el("STATEMENT_STATUS", status)]
            + [_nil(tag) for tag in parts],
        )
    codes = _el(
        "CODE_ATTRIBUTES",
        children=[_attr("CODE", "dx", _code("35917007")), _attr("CODE", "icdo", None)],
    )
    return _el(
        "STATEMENT",
        children=[
            _el("STATEMENT_TYPE", kind),
            _el("STATEMENT_STATUS", status),
            codes,
            _el("CUSTOM_ATTRIBUTES", children=_attribute_list()[:3]),
            _el("FREETEXT", "Adenocarcinoma, acinar predominant."),
            _attributes("empty"),
        ],
    )


def _observations() -> dict[str, etree._Element]:
    targets = ["ANNOTATION", "CASE", "BIOLOGICAL_BEING", "SPECIMEN", "BLOCK", "SLIDE", "IMAGE"]
    kinds = ["Diagnosis", "Macroscopic Description", "Microscopic Description", "Finding"]
    seeds = {}
    for index, target in enumerate(targets):
        observers = [_ref("OBSERVER_REF", f"OB{n}") for n in range(index % 3)]
        statement = _statement(kinds[index % 4], ("Summary", "Distinct")[index % 2], index != 2)
        seeds[f"observation_{target.lower()}"] = _object(
            "OBSERVATION",
            f"O{index}",
            [_ref(f"{target}_REF", "X1"), *observers, statement, _attributes()],
            index % 2 == 0,
        )
    seeds["observation_set"] = _el(
        "OBSERVATION_SET", children=[copy.deepcopy(seeds["observation_image"])] * 1
    )
    seeds["observation_set"].append(copy.deepcopy(seeds["observation_case"]))
    return seeds


def _observers() -> dict[str, etree._Element]:
    human = _object("OBSERVER", "OB1", [_el("OBSERVER_TYPE", "Human"), _attributes()])
    machine = _object("OBSERVER", "OB2", [_el("OBSERVER_TYPE", "Machine"), _attributes("nil")])
    return {
        "observer": human,
        "observer_set": _el("OBSERVER_SET", children=[copy.deepcopy(human), machine]),
    }


def _datasets() -> dict[str, etree._Element]:
    full = _object(
        "DATASET",
        "D1",
        [
            _el("TITLE", "Lung adenocarcinoma"),
            _el("SHORT_NAME", "LUNG"),
            _el("DESCRIPTION", "Synthetic."),
            _el("VERSION", "1.0"),
            _el("METADATA_STANDARD", "2.0.17"),
            _el("DATASET_OWNER_CONTACT_EMAIL", "owner@example.invalid"),
            _el("DATASET_TYPE", "Whole slide imaging"),
            _el("DATASET_TYPE", "Whole slide imaging"),
            _ref("IMAGE_REF", "I1"),
            _ref("IMAGE_REF", "I2", "ACC-I2"),
            _ref("ANNOTATION_REF", "A1"),
            _ref("OBSERVATION_REF", "O1"),
            _ref("COMPLEMENTS_DATASET_REF", "D0", "ACC-D0"),
            _attributes(),
        ],
    )
    minimal = _object(
        "DATASET",
        "D2",
        [
            _el("TITLE", "t"),
            _el("SHORT_NAME", "s"),
            _el("VERSION", "v"),
            _el("METADATA_STANDARD", "2.0.0"),
            _attributes("nil"),
        ],
        False,
    )
    return {
        "dataset": full,
        "dataset_minimal": minimal,
        "dataset_set": _el("DATASET_SET", children=[copy.deepcopy(full), copy.deepcopy(minimal)]),
    }


def _single_ref_objects(tag: str, before: list, after: list) -> dict[str, etree._Element]:
    name = tag.lower()
    one = _object(tag, f"{tag}1", [*before, _ref("DATASET_REF", "D1"), *after, _attributes()])
    return {name: one, f"{name}_set": _el(f"{tag}_SET", children=[copy.deepcopy(one)] * 1)}


def _landing_pages() -> dict[str, etree._Element]:
    images = [_file("SAMPLE_IMAGE_FILE", f"t{n}.jpg", ("jpg", "png")[n % 2]) for n in range(5)]
    full = _object(
        "LANDING_PAGE",
        "LP1",
        [
            _ref("DATASET_REF", "D1"),
            _el("REMS_ACCESS_LINK", "https://rems.example.org/application?items=1"),
            _el("SAMPLE_IMAGE_FILES", children=images),
            _attributes(),
        ],
    )
    minimal = _object("LANDING_PAGE", "LP2", [_ref("DATASET_REF", "D1"), _attributes("nil")])
    return {
        "landing_page": full,
        "landing_page_minimal": minimal,
        "landing_page_set": _el(
            "LANDING_PAGE_SET", children=[copy.deepcopy(full), copy.deepcopy(minimal)]
        ),
    }


def _common() -> dict[str, etree._Element]:
    """Documents for the driver schema of BP.common (one root element per named type)."""
    return {
        "code": _code("1", "v1"),
        "attributes": _attributes(),
        "code_attributes": _el("CODE_ATTRIBUTES", children=[_attr("CODE", "c", _code())]),
        "string_attribute": _attr("STRING", "t", "v"),
        "numeric_attribute": _attr("NUMERIC", "t", "-1.5"),
        "measurement_attribute": _attr("MEASUREMENT", "t", "2", _el("UNITS", "mm")),
        "code_attribute": _attr("CODE", "t", _code()),
        "set_attribute": _attr("SET", "t", _el("VALUE", children=_attribute_list()[:2])),
        "reference": _ref("REFERENCE", "R1", "ACC-R1"),
        "checksum": _el("CHECKSUM", SHA),
    }


#: Root element names of the driver schema for BP.common -> the named type they use.
COMMON_DRIVER_ROOTS = {
    "VALUE": "CodeType",
    "ATTRIBUTES": "AttributesType",
    "CODE_ATTRIBUTES": "CodeAttributesType",
    "STRING_ATTRIBUTE": "StringAttributeType",
    "NUMERIC_ATTRIBUTE": "NumericAttributeType",
    "MEASUREMENT_ATTRIBUTE": "MeasurementAttributeType",
    "CODE_ATTRIBUTE": "CodeAttributeType",
    "SET_ATTRIBUTE": "SetAttributeType",
    "REFERENCE": "ReferenceType",
    "CHECKSUM": "ChecksumString",
}

SEED_BUILDERS: dict[str, Callable[[], dict[str, etree._Element]]] = {
    "BP.common.xsd": _common,
    "BP.sample.xsd": _samples,
    "BP.staining.xsd": _stainings,
    "BP.image.xsd": _images,
    "BP.annotation.xsd": _annotations,
    "BP.observation.xsd": _observations,
    "BP.observer.xsd": _observers,
    "BP.dataset.xsd": _datasets,
    "BP.policy.xsd": lambda: _single_ref_objects("POLICY", [], []),
    "BP.landing_page.xsd": _landing_pages,
    "BP.rems.xsd": lambda: _single_ref_objects(
        "REMS", [_el("WORKFLOW_ID", "7"), _el("ORGANISATION_ID", "org-1")], []
    ),
    "BP.organisation.xsd": lambda: _single_ref_objects(
        "ORGANISATION",
        [_el("NAME", "Example University"), _el("PIC_CODE", "999999999")],
        [],
    ),
}


def common_driver_schema(common_location: str) -> bytes:
    """A schema with one root element per named type of BP.common (for the common corpus)."""
    elements = "".join(
        f'<xs:element name="{name}" type="bp:{type_name}"/>'
        for name, type_name in COMMON_DRIVER_ROOTS.items()
    )
    return (
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:bp="BP.common">'
        f'<xs:import namespace="BP.common" schemaLocation="{common_location}"/>'
        f"{elements}</xs:schema>"
    ).encode()


def _fix_organisation(seeds: dict[str, etree._Element]) -> dict[str, etree._Element]:
    """ORGANISATION: DATAMANAGER_PERUN_GROUP sits between PIC_CODE and DATASET_REF."""
    for root in seeds.values():
        for organisation in root.iter("ORGANISATION"):
            pic = organisation.find("PIC_CODE")
            pic.addnext(_el("DATAMANAGER_PERUN_GROUP", "perun-42"))
    return seeds


def seeds() -> dict[str, dict[str, etree._Element]]:
    """XSD file name -> seed name -> valid document root."""
    found = {name: builder() for name, builder in SEED_BUILDERS.items()}
    _fix_organisation(found["BP.organisation.xsd"])
    return found


# --- mutants ----------------------------------------------------------------------------------
WRONG_VALUES = (
    "",
    "not a number",
    "1e5",
    " 12 ",
    "-0.5",
    "2147483648",
    "2.0.x",
    "1.0.0",
    "Human ",
    "whole slide imaging",
    "SHA-256",
    SHA.upper(),
)
BAD_ATTRIBUTE_VALUES = ("", "ABC", "sha256", "g" * 64, "0" * 63, "png ", "json")


def _path_of(root: etree._Element, node: etree._Element) -> str:
    return root.getroottree().getpath(node)


def _mutations(node: etree._Element) -> Iterator[tuple[str, Callable[[etree._Element], None]]]:
    """(label, edit) pairs for one element; each edit changes a copy of that element."""
    if node.getparent() is not None:
        yield "remove", lambda n: n.getparent().remove(n)
        yield "repeat", lambda n: n.addnext(copy.deepcopy(n))
        yield "repeat6", lambda n: [n.addnext(copy.deepcopy(n)) for _ in range(5)]
        if node.getnext() is not None:
            yield "swap", lambda n: n.getnext().addnext(n)
        yield "rename", lambda n: setattr(n, "tag", n.tag + "_X")
    yield "nil", _set_nil
    yield "nil_false", lambda n: n.set(NIL, "false")
    yield "empty", _make_empty
    yield "unknown_child", lambda n: n.append(etree.Element("UNKNOWN"))
    yield "unknown_attribute", lambda n: n.set("unknown", "1")
    for index, type_name in enumerate(_type_names(node.tag)):
        yield f"xsi_type{index}", lambda n, t=type_name: n.set(XSI_TYPE, t)
    yield "text_in_mixed", lambda n: _add_text(n)
    if len(node) == 0:
        for index, value in enumerate(WRONG_VALUES):
            yield f"value{index}", lambda n, v=value: setattr(n, "text", v)
    for attribute in node.attrib:
        if attribute.startswith("{"):
            continue
        yield f"drop@{attribute}", lambda n, a=attribute: n.attrib.pop(a)
        for index, value in enumerate(BAD_ATTRIBUTE_VALUES):
            yield f"bad@{attribute}{index}", lambda n, a=attribute, v=value: n.set(a, v)


def _type_names(tag: str) -> tuple[str, ...]:
    """xsi:type values: the type named after the element, and types of BP.common."""
    own = "".join(part.capitalize() for part in str(tag).split("_")) + "Type"
    return (own, "bp:ReferenceType", "bp:AttributesType")


def _set_nil(node: etree._Element) -> None:
    _make_empty(node)
    node.set(NIL, "true")


def _make_empty(node: etree._Element) -> None:
    for child in list(node):
        node.remove(child)
    node.text = None


def _add_text(node: etree._Element) -> None:
    if len(node):
        node[0].tail = "stray text"
    else:
        node.text = (node.text or "") + "<>"


def mutants(root: etree._Element) -> Iterator[tuple[str, bytes]]:
    """(label, XML) for every mutation of every element of ``root``."""
    for node in root.iter(tag=etree.Element):
        path = _path_of(root, node)
        for label, edit in _mutations(node):
            clone = copy.deepcopy(root)
            target = clone.getroottree().xpath(path)[0]
            edit(target)
            yield f"{path}:{label}", etree.tostring(clone)


ROOT_FILES = {
    "SAMPLE_SET": "BP.sample.xsd",
    "STAINING_SET": "BP.staining.xsd",
    "IMAGE_SET": "BP.image.xsd",
    "ANNOTATION_SET": "BP.annotation.xsd",
    "OBSERVATION_SET": "BP.observation.xsd",
    "OBSERVER_SET": "BP.observer.xsd",
    "DATASET_SET": "BP.dataset.xsd",
    "POLICY_SET": "BP.policy.xsd",
    "LANDING_PAGE_SET": "BP.landing_page.xsd",
    "REMS_SET": "BP.rems.xsd",
    "ORGANISATION_SET": "BP.organisation.xsd",
}


def example_seeds(folder: Path) -> dict[str, dict[str, etree._Element]]:
    """The XML files of a valid example submission, as extra seeds (by root element)."""
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
    )
    found: dict[str, dict[str, etree._Element]] = {}
    for path in sorted(folder.rglob("*.xml")):
        root = etree.parse(str(path), parser).getroot()
        found.setdefault(ROOT_FILES[root.tag], {})[f"example_{path.stem}"] = root
    return found


def corpus(example: Path | None = None) -> Iterator[Document]:
    """Every seed (and example file) and every mutant, in a fixed order."""
    collected = seeds()
    for xsd, documents in (example_seeds(example) if example else {}).items():
        collected[xsd].update(documents)
    for xsd, documents in collected.items():
        for name, root in documents.items():
            yield Document(xsd, name, etree.tostring(root))
            for label, xml in mutants(root):
                yield Document(xsd, f"{name}{label}", xml)
