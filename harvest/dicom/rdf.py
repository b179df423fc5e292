"""The DICOM technical metadata of an image as bp: triples (documented in docs/harvest.md).

Each file becomes a ``bp:DicomFile`` node under its MetaFleX IMAGE (``<image>/dicom/<file>``)
with the allow-listed values; the image itself gets the summary a researcher searches by:
``bp:scanner``, ``bp:objective_magnification``, ``bp:pixel_spacing_mm``, the size of its
largest level and the stains of its specimen description. Only :class:`DicomHeader` fields
are written, so nothing outside the allow-list can appear.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from urllib.parse import quote

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef

from bigpicture.harvest.dicom.header import CodedConcept, DicomHeader

BP = Namespace("https://w3id.org/bigpicture/metaflex/")


def _decimal(value: float) -> Literal:
    return Literal(format(value, "g"), datatype=XSD.decimal)


def _integer(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)


def _concept(graph: Graph, subject: URIRef, concept: CodedConcept) -> URIRef:
    node = URIRef(
        f"{subject}/stain/{quote(concept.scheme, safe='')}-{quote(concept.code, safe='')}"
    )
    graph.add((node, RDF.type, BP.CodedValue))
    graph.add((node, BP.code, Literal(concept.code)))
    graph.add((node, BP.scheme, Literal(concept.scheme)))
    graph.add((node, BP.meaning, Literal(concept.meaning)))
    return node


def _strings(header: DicomHeader) -> Iterable[tuple[URIRef, str]]:
    yield BP.sop_class_uid, header.sop_class_uid
    yield BP.image_flavour, header.flavour
    yield BP.scanner_manufacturer, header.manufacturer
    yield BP.scanner_model, header.model
    yield BP.container_identifier, header.container_id
    yield from ((BP.specimen_identifier, value) for value in header.specimen_ids)


def _numbers(header: DicomHeader) -> Iterable[tuple[URIRef, Literal]]:
    yield from ((BP.objective_lens_power, _decimal(power)) for power in header.objective_powers)
    if len(header.pixel_spacing_mm) == 2:
        yield BP.pixel_spacing_row_mm, _decimal(header.pixel_spacing_mm[0])
        yield BP.pixel_spacing_column_mm, _decimal(header.pixel_spacing_mm[1])
    for predicate, value in (
        (BP.total_pixel_matrix_columns, header.total_columns),
        (BP.total_pixel_matrix_rows, header.total_rows),
        (BP.focal_planes, header.focal_planes),
        (BP.optical_paths, header.optical_paths),
    ):
        if value is not None:
            yield predicate, _integer(value)


def add_file(
    graph: Graph, image: URIRef, file_name: str, header: DicomHeader, size: int = 0
) -> URIRef:
    """Add one file's node (``bp:DicomFile``) under ``image``."""
    node = URIRef(f"{image}/dicom/{quote(file_name, safe='')}")
    graph.add((image, BP.dicom_file, node))
    graph.add((node, RDF.type, BP.DicomFile))
    graph.add((node, BP.file_name, Literal(file_name)))
    if size:
        graph.add((node, BP.size_bytes, _integer(size)))
    for predicate, value in _strings(header):
        if value:
            graph.add((node, predicate, Literal(value)))
    for predicate, literal in _numbers(header):
        graph.add((node, predicate, literal))
    for concept in header.stains:
        graph.add((node, BP.dicom_stain, _concept(graph, image, concept)))
    return node


def _largest(headers: Sequence[DicomHeader]) -> DicomHeader | None:
    sized = [h for h in headers if h.total_columns and h.total_rows]
    return max(sized, key=lambda h: (h.total_columns or 0) * (h.total_rows or 0), default=None)


def add_summary(graph: Graph, image: URIRef, headers: Sequence[DicomHeader]) -> None:
    """Add the image-level summary of its files: scanner, magnification, spacing, size, stains."""
    for scanner in sorted({h.scanner for h in headers if h.scanner}):
        graph.add((image, BP.scanner, Literal(scanner)))
    for power in sorted({h.magnification for h in headers if h.magnification is not None}):
        graph.add((image, BP.objective_magnification, _decimal(power)))
    largest = _largest(headers)
    if largest is not None:
        graph.add((image, BP.image_width_px, _integer(largest.total_columns or 0)))
        graph.add((image, BP.image_height_px, _integer(largest.total_rows or 0)))
        if largest.pixel_spacing_mm:
            graph.add((image, BP.pixel_spacing_mm, _decimal(min(largest.pixel_spacing_mm))))
    for concept in sorted({c for h in headers for c in h.stains}):
        graph.add((image, BP.dicom_stain, _concept(graph, image, concept)))


def image_graph(image: URIRef, files: Sequence[tuple[str, DicomHeader, int]]) -> Graph:
    """The technical-metadata triples of one image from its (file name, header, size) triples."""
    graph = Graph()
    for name, header, size in files:
        add_file(graph, image, name, header, size)
    add_summary(graph, image, [header for _, header, _ in files])
    return graph
