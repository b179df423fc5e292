"""The SPARQL queries that read one dataset version's graph for ``DatasetFacts``.

They read the model's RDF (``bigpicture.model.rdf_io``): bp: slots, ``bp:CodedValue`` nodes
with code, scheme and meaning, and the typed TAG-profile slots that reading fills from the
attributes (``bp:anatomical_site``, ``bp:sex``, ``bp:age_at_extraction`` …; docs/model-io.md).
DICOM technical metadata are the harvester's bp: properties on each image (``bp:scanner``,
``bp:objective_magnification``, ``bp:size_bytes`` of its files; docs/harvest.md). Each query
is a plain join over one graph: property paths and UNIONs made them 3 to 10 times slower on a
45,000-image version.
"""

from __future__ import annotations

import pyoxigraph as ox

BP = "https://w3id.org/bigpicture/metaflex/"
PREFIX = f"PREFIX bp: <{BP}>\nPREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"
#: Predicates that may carry a byte count (harvest: DICOM files; other sources: file entries).
SIZE_PREDICATES = ("size_bytes", "file_size", "file_size_bytes", "content_size")


def rows(store: ox.Store, query: str) -> list[dict[str, str]]:
    """The solutions of a SELECT query as plain strings (unbound variables left out).

    Pyoxigraph's results may only be dropped by the thread that made them; they are dropped
    here even when an error leaves this frame in a traceback that another thread's garbage
    collection would free.
    """
    solutions = solution = None
    try:
        solutions = store.query(PREFIX + query)
        names = [variable.value for variable in solutions.variables]
        found = []
        for solution in solutions:
            row = {}
            for name in names:
                term = solution[name]
                if term is not None:
                    row[name] = term.value
            found.append(row)
        return found
    finally:
        del solutions, solution


def counts(graph: str) -> str:
    """Objects per class."""
    return f"""SELECT ?type (COUNT(?s) AS ?n)
    WHERE {{ GRAPH <{graph}> {{ ?s a ?type }} }} GROUP BY ?type"""


def values(graph: str, cls: str, tag: str, with_object: bool = False) -> str:
    """Coded or text values of the TAG-profile slot ``tag`` on objects of class ``cls``."""
    subject = "?o " if with_object else ""
    return f"""SELECT DISTINCT {subject}?code ?scheme ?meaning ?text WHERE {{ GRAPH <{graph}> {{
      ?o bp:{tag} ?v . ?o a bp:{cls} .
      OPTIONAL {{ ?v bp:code ?code }} OPTIONAL {{ ?v bp:scheme ?scheme }}
      OPTIONAL {{ ?v bp:meaning ?meaning }}
      BIND(IF(isLiteral(?v), STR(?v), IF(isIRI(?v) && !BOUND(?code), STR(?v), "")) AS ?text)
    }} }}"""


def stains(graph: str) -> str:
    """Staining procedure, compound and target of every STAIN / PROCEDURE_INFORMATION node."""
    return f"""SELECT ?staining ?n ?tag ?code ?scheme ?meaning ?text WHERE {{ GRAPH <{graph}> {{
      ?staining a bp:Staining ; (bp:procedure_information|bp:stains|bp:stain) ?n .
      VALUES ?tag {{ "staining_procedure" "staining_compound" "staining_target" }}
      {{ ?n ?slot ?v . FILTER(?slot = IRI(CONCAT(STR(bp:), ?tag))) }}
      UNION {{ ?n bp:attributes ?a . ?a bp:tag ?tag ; bp:value ?v }}
      OPTIONAL {{ ?v bp:code ?code }} OPTIONAL {{ ?v bp:scheme ?scheme }}
      OPTIONAL {{ ?v bp:meaning ?meaning }}
      BIND(IF(isLiteral(?v), STR(?v), "") AS ?text)
    }} }}"""


def diagnoses(graph: str, with_observation: bool = False) -> str:
    """Codes of Diagnosis statements (with the observation that states them, if asked)."""
    observation = "?obs " if with_observation else ""
    return f"""SELECT DISTINCT {observation}?code ?scheme ?meaning WHERE {{ GRAPH <{graph}> {{
      ?obs bp:statement ?st . ?st bp:statement_type ?type ; bp:code_attributes ?ca .
      FILTER(CONTAINS(LCASE(STR(?type)), "diagnosis"))
      ?ca bp:value ?v . ?v bp:code ?code ; bp:scheme ?scheme .
      OPTIONAL {{ ?v bp:meaning ?meaning }} }} }}"""


def ages(graph: str) -> str:
    """The age intervals (ISO 8601 start and length) of specimens."""
    return f"""SELECT ?o ?start ?length WHERE {{ GRAPH <{graph}> {{
      ?o bp:age_at_extraction ?age . ?age bp:interval_start ?start .
      OPTIONAL {{ ?age bp:interval_length ?length }} }} }}"""


def dataset(graph: str) -> str:
    """Title, short name and description of the DATASET."""
    return f"""SELECT ?title ?short ?description WHERE {{ GRAPH <{graph}> {{
      ?d a bp:Dataset . OPTIONAL {{ ?d bp:title ?title }} OPTIONAL {{ ?d bp:short_name ?short }}
      OPTIONAL {{ ?d bp:description ?description }} }} }} LIMIT 1"""


def complements(graph: str) -> str:
    """The datasets this one complements (accession, else alias)."""
    return f"""SELECT DISTINCT ?key WHERE {{ GRAPH <{graph}> {{
      ?d a bp:Dataset ; (bp:complements_dataset_refs|bp:complements_dataset_ref) ?r .
      OPTIONAL {{ ?r bp:accession ?acc }} OPTIONAL {{ ?r bp:alias ?alias }}
      BIND(COALESCE(?acc, ?alias, STR(?r)) AS ?key) }} }}"""


def landing_page(graph: str) -> str:
    """The REMS access link and sample image files of the LANDING_PAGE."""
    return f"""SELECT ?rems ?file WHERE {{ GRAPH <{graph}> {{ ?l a bp:LandingPage .
      OPTIONAL {{ ?l bp:rems_access_link ?rems }}
      OPTIONAL {{ ?l (bp:sample_image_files|bp:sample_image_file) ?f . ?f bp:filename ?file }}
    }} }}"""


def policy(graph: str) -> str:
    """DUO codes and string attributes by tag of a POLICY (and of its SET attributes)."""
    return f"""SELECT ?tag ?text ?code ?scheme ?meaning WHERE {{ GRAPH <{graph}> {{
      ?p a bp:Policy . ?p bp:attributes|bp:attributes/bp:value ?a .
      OPTIONAL {{ ?a bp:tag ?tag }}
      OPTIONAL {{ ?a bp:value ?text . FILTER(isLiteral(?text)) }}
      OPTIONAL {{ ?a bp:value ?v . ?v bp:code ?code ; bp:scheme ?scheme .
                 OPTIONAL {{ ?v bp:meaning ?meaning }} }} }} }}"""


def technical(graph: str, slot: str) -> str:
    """Distinct values of a DICOM summary slot of the images (scanner, magnification)."""
    return f"""SELECT DISTINCT ?value WHERE {{ GRAPH <{graph}> {{ ?i bp:{slot} ?value }} }}"""


def size(graph: str) -> str:
    """Bytes over every node that states a size."""
    path = "|".join(f"bp:{name}" for name in SIZE_PREDICATES)
    return f"""SELECT (SUM(xsd:integer(?b)) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?f {path} ?b }} }}"""
