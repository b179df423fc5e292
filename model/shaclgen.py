"""The SHACL shapes of the model: LinkML gen-shacl, plus the empty lists MetaFleX allows.

An empty ATTRIBUTES, CUSTOM_ATTRIBUTES or SET_ATTRIBUTE VALUE element is valid MetaFleX 2.0.0
(``AttributesType`` in BP.common.xsd: its items occur 0..unbounded) and the model I/O writes it
as ``rdf:nil`` (``bigpicture.model.rdf_io``), which is not the nil element (no triple at all).
gen-shacl's ``sh:class bp:Attribute`` would reject that ``rdf:nil``, so the property shapes of
those slots become ``sh:or ( [ sh:class ...; sh:nodeKind ... ] [ sh:hasValue rdf:nil ] )``.
Which slots: the XML wrappers whose items may be zero (annotation ``xsd_item_occurs: 0..``).
"""

from __future__ import annotations

from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH

from bigpicture.model import xmlmap

BP = "https://w3id.org/bigpicture/metaflex/"


def shacl_graph() -> Graph:
    """The generated shapes, with empty lists allowed where the XSD allows them."""
    from linkml.generators.shaclgen import ShaclGenerator

    graph = ShaclGenerator(str(xmlmap.ROOT_SCHEMA), mergeimports=True).as_graph()
    allow_empty_lists(graph, empty_list_slots())
    return graph


def empty_list_slots() -> frozenset[tuple[str, str]]:
    """(class, slot) pairs, inherited ones included, whose XML wrapper may hold no item."""
    view = xmlmap.schema_view()
    found = set()
    for name in view.all_classes():
        for ancestor in view.class_ancestors(name):
            for xml_slot in xmlmap.xml_slots(view, ancestor):
                if xml_slot.kind == "wrapper" and xml_slot.item_min == 0:
                    found.add((name, xml_slot.slot))
    return frozenset(found)


def allow_empty_lists(graph: Graph, slots: frozenset[tuple[str, str]]) -> None:
    """Let the property shapes of ``slots`` accept ``rdf:nil`` as well as their class."""
    for class_name, slot in sorted(slots):
        shape = URIRef(BP + class_name)
        for prop in list(graph.objects(shape, SH.property)):
            if graph.value(prop, SH.path) == URIRef(BP + slot):
                _or_nil(graph, prop)


def _or_nil(graph: Graph, prop) -> None:
    kinds = [(p, graph.value(prop, p)) for p in (SH["class"], SH.nodeKind)]
    if kinds[0][1] is None:
        return
    of_class = BNode()
    for predicate, value in kinds:
        if value is not None:
            graph.remove((prop, predicate, value))
            graph.add((of_class, predicate, value))
    empty = BNode()
    graph.add((empty, SH.hasValue, RDF.nil))
    either = BNode()
    Collection(graph, either, [of_class, empty])
    graph.add((prop, SH["or"], either))
