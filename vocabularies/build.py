"""Build the shipped vocabularies (SKOS in Turtle) from the vocabulary facts.

Usage: ``python -m bigpicture.vocabularies.build ../shared/vocab-facts [--check]``.

Inputs: the facts folder (snomed_concepts.csv, snomed_isa.csv, stains.csv, duo_terms.csv,
skin_diagnosis_map.csv; see its SOURCE.md) and the project curation in ``curation/`` beside
this module. Outputs: snomed.ttl, stains.ttl, duo.ttl and groupings.ttl in this folder. Every
link in groupings.ttl is project curation: no SNOMED CT relationship is shipped (SNOMED CT
hierarchy use needs a licence; ``bpcat vocab load-snomed`` loads a licensed release).
``--check`` writes nothing and exits 1 when a committed file differs from a fresh build.
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from bigpicture.vocabularies.namespaces import (
    BPV,
    DCM,
    DCTERMS,
    OBO,
    OWL,
    RDF,
    RDFS,
    SCHEME_IRIS,
    SCT,
    SKOS,
    project_iri,
    text_iri,
)
from bigpicture.vocabularies.turtle_writer import Iri, Literal, Subject, serialise

HERE = Path(__file__).resolve().parent
CURATION = HERE / "curation"
OUTPUTS = ("snomed.ttl", "stains.ttl", "duo.ttl", "groupings.ttl")
COMMAND = "python -m bigpicture.vocabularies.build ../shared/vocab-facts"
_TAG = re.compile(r"^(?P<term>.+) \((?P<tag>[a-z][a-z /-]*)\)$")
_SEMANTIC_TAGS = {
    "attribute",
    "body structure",
    "cell",
    "cell structure",
    "disorder",
    "finding",
    "morphologic abnormality",
    "observable entity",
    "organism",
    "physical object",
    "procedure",
    "qualifier value",
    "regime/therapy",
    "situation",
    "specimen",
    "substance",
}
_RELATIONS = {
    "member_of_group": BPV + "memberOf",
    "is_a": BPV + "projectBroader",
    "part_of": BPV + "projectPartOf",
}
_CID_4029 = "DICOM PS3.16 CID 4029 Dermatology Anatomic Site via pydicom 3.0.2 (snomed_isa.csv)"


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a CSV file as dictionaries."""
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _header(title: str, source: str) -> str:
    return (
        f"{title}\n"
        f"GENERATED from {source} by\n  {COMMAND}\n"
        "Do not edit: change the facts or vocabularies/curation/ and rebuild.\n"
        "Sources and licences: vocabularies/SOURCES.md."
    )


def strip_tag(term: str) -> str:
    """A term without its SNOMED CT semantic tag: 'Carcinoma (disorder)' -> 'Carcinoma'."""
    match = _TAG.match(term)
    if match and match["tag"] in _SEMANTIC_TAGS:
        return match["term"]
    return term


def _synonyms(row: dict[str, str]) -> list[str]:
    """Every term seen for a concept, semantic tags removed, without the preferred term."""
    seen = {row["preferred_term"].casefold()}
    result = []
    for term in (part.strip() for part in row["all_terms_seen"].split("||")):
        term = strip_tag(term)
        if term and term.casefold() not in seen:
            seen.add(term.casefold())
            result.append(term)
    return result


def _scheme(name: str, label: str, licence: str, source: str) -> Subject:
    subject = Subject(SCHEME_IRIS[name])
    subject.add(RDF + "type", Iri(SKOS + "ConceptScheme"))
    subject.add(SKOS + "notation", Literal(name))
    subject.add(RDFS + "label", Literal(label, "en"))
    subject.add(DCTERMS + "license", Literal(licence))
    subject.add(DCTERMS + "source", Literal(source))
    return subject


def _concept(iri: str, scheme: str, code: str, label: str) -> Subject:
    subject = Subject(iri)
    subject.add(RDF + "type", Iri(SKOS + "Concept"))
    subject.add(SKOS + "inScheme", Iri(SCHEME_IRIS[scheme]))
    subject.add(SKOS + "notation", Literal(code))
    subject.add(SKOS + "prefLabel", Literal(label, "en"))
    return subject


def _snomed_concept(row: dict[str, str]) -> Subject:
    subject = _concept(SCT + row["code"], "SCT", row["code"], row["preferred_term"])
    for synonym in _synonyms(row):
        subject.add(SKOS + "altLabel", Literal(synonym, "en"))
    subject.add(BPV + "fsn", Literal(row["fsn"]))
    subject.add(BPV + "semanticTag", Literal(row["semantic_tag"]))
    subject.add(BPV + "semanticTagBasis", Literal(row["semantic_tag_basis"]))
    subject.add(BPV + "category", Literal(row["category"]))
    subject.add(BPV + "preferredTermBasis", Literal(row["preferred_term_basis"]))
    subject.add(BPV + "snomedRtId", Literal(row["snomed_rt_id"]))
    subject.add(BPV + "dicomCodeMeaning", Literal(row["dicom_code_meaning"]))
    for cid in row["dicom_cids"].split():
        subject.add(BPV + "dicomCid", Literal(cid))
    subject.add(DCTERMS + "source", Literal(row["source"]))
    subject.add(SKOS + "editorialNote", Literal(row["note"]))
    return subject


def _skin_site(code: str, term: str) -> Subject:
    """A CID 4029 skin sub-site that the facts name only in snomed_isa.csv."""
    subject = _concept(SCT + code, "SCT", code, term)
    subject.add(BPV + "semanticTag", Literal("body structure"))
    subject.add(BPV + "semanticTagBasis", Literal("inferred from the value set (CID 4029)"))
    subject.add(BPV + "category", Literal("anatomy"))
    subject.add(BPV + "dicomCid", Literal("4029"))
    subject.add(DCTERMS + "source", Literal(_CID_4029))
    return subject


def _curated_synonyms(subjects: dict[str, Subject], scheme: str) -> None:
    """Project synonyms (abbreviations, common names) as skos:hiddenLabel."""
    base = {"SCT": SCT, "DCM": DCM}[scheme]
    for row in read_csv(CURATION / "synonyms.csv"):
        if row["scheme"] == scheme:
            subjects[base + row["code"]].add(SKOS + "hiddenLabel", Literal(row["synonym"], "en"))


def snomed_subjects(facts: Path) -> list[Subject]:
    """SNOMED CT concepts of the facts (codes and terms only, no relationships)."""
    subjects = {
        SCT + row["code"]: _snomed_concept(row) for row in read_csv(facts / "snomed_concepts.csv")
    }
    for row in read_csv(facts / "snomed_isa.csv"):
        if not row["child"].startswith("BP-") and SCT + row["child"] not in subjects:
            subjects[SCT + row["child"]] = _skin_site(row["child"], row["child_term"])
    _curated_synonyms(subjects, "SCT")
    scheme = _scheme(
        "SCT",
        "SNOMED CT concepts used by Bigpicture (codes and terms; no relationships)",
        "SNOMED CT Global Patient Set terms (CC BY 4.0, identifiers and terms only)",
        "pydicom 3.0.2 (DICOM PS3.16); HL7 Europe eHDSI Terminology 8.1.0; HL7 mCODE STU4",
    )
    return [scheme, *subjects.values()]


def _stain(row: dict[str, str]) -> Subject:
    if row["scheme"] == "SCT":
        subject = Subject(SCT + row["code"])
    elif row["scheme"] == "DCM":
        subject = _concept(DCM + row["code"], "DCM", row["code"], row["meaning"])
        subject.add(BPV + "category", Literal("stain"))
    else:
        subject = _concept(text_iri(row["meaning"]), "TEXT", row["meaning"], row["meaning"])
        subject.add(BPV + "category", Literal("stain"))
    subject.add(BPV + "stainKind", Literal(row["kind"]))
    subject.add(BPV + "dicomEncoding", Literal(row["dicom_encoding"]))
    subject.add(BPV + "projectRelevance", Literal(row["project_relevance"]))
    subject.add(BPV + "stainSource", Literal(row["source"]))
    subject.add(BPV + "stainNote", Literal(row["note"]))
    return subject


def stain_subjects(facts: Path) -> list[Subject]:
    """Stains: roles of the SNOMED CT stain codes, the DCM concepts, the text-only substances."""
    subjects = {}
    for row in read_csv(facts / "stains.csv"):
        subject = _stain(row)
        subjects[subject.iri] = subject
    _curated_synonyms(subjects, "DCM")
    schemes = [
        _scheme(
            "DCM",
            "DICOM controlled terminology (DCM) concepts used as stains",
            "DICOM PS3.16 (free to use)",
            "pydicom 3.0.2 sr/_concepts_dict",
        ),
        _scheme(
            "TEXT",
            "Substances without a code, given as text (DICOM TID 8003)",
            "project curation (CC BY 4.0)",
            "highdicom 0.28.2; wsidicom 0.36.1",
        ),
    ]
    return [*schemes, *subjects.values()]


def _duo_term(row: dict[str, str]) -> Subject:
    subject = _concept(row["iri"], "DUO", row["id"], row["label"])
    subject.add(BPV + "shorthand", Literal(row["shorthand"]))
    subject.add(SKOS + "definition", Literal(row["definition_short"], "en"))
    subject.add(BPV + "category", Literal(row["kind"]))
    if row["parent"].startswith("DUO:"):
        subject.add(SKOS + "broader", Iri(OBO + row["parent"].replace(":", "_")))
    else:
        subject.add(BPV + "externalParent", Literal(row["parent"]))
    if row["obsolete"] == "yes":
        subject.add(OWL + "deprecated", Literal("true"))
    subject.add(SKOS + "editorialNote", Literal(row["note"]))
    return subject


def duo_subjects(facts: Path) -> list[Subject]:
    """DUO classes with their hierarchy (the parent column). IRIs as published (DUO_00000044)."""
    rows = read_csv(facts / "duo_terms.csv")
    iris = {row["id"]: row["iri"] for row in rows}
    subjects = [_duo_term(row) for row in rows]
    for subject in subjects:  # point broader links at the published IRI (DUO_00000044 quirk)
        links = subject.properties.get(SKOS + "broader", [])
        subject.properties[SKOS + "broader"] = [Iri(_published(link.value, iris)) for link in links]
        if not subject.properties[SKOS + "broader"]:
            del subject.properties[SKOS + "broader"]
    scheme = _scheme(
        "DUO",
        "Data Use Ontology (DUO)",
        "CC BY 4.0",
        "EBISPOT/DUO commit 81f5c3d, src/ontology/duo.owl (release 2022-09-15)",
    )
    return [scheme, *subjects]


def _published(iri: str, iris: dict[str, str]) -> str:
    code = "DUO:" + iri.rsplit("DUO_", 1)[1]
    return iris.get(code, iri)


def _node(code: str) -> str:
    return project_iri(code) if code.startswith("BP-") else SCT + code


def _group(code: str, label: str) -> Subject:
    subject = _concept(project_iri(code), "BP", code, label)
    subject.add(BPV + "category", Literal("grouping"))
    return subject


def _slug_label(code: str) -> str:
    return code.partition(":")[2].replace("-", " ").capitalize()


def _isa_links(facts: Path, subjects: dict[str, Subject]) -> None:
    """The project links of snomed_isa.csv, on the child, with the file's relation."""
    for row in read_csv(facts / "snomed_isa.csv"):
        for code in (row["child"], row["parent"]):
            if code.startswith("BP-") and _node(code) not in subjects:
                subjects[_node(code)] = _group(code, _slug_label(code))
        child = subjects.setdefault(_node(row["child"]), Subject(_node(row["child"])))
        child.add(_RELATIONS[row["relation"]], Iri(_node(row["parent"])))


def _diagnoses(facts: Path, subjects: dict[str, Subject]) -> None:
    """The Bigpicture skin diagnoses: a project concept each, in its group, with its codes."""
    for row in read_csv(facts / "skin_diagnosis_map.csv"):
        slug = re.sub(r"[^a-z0-9]+", "-", row["bigpicture_diagnosis"].lower()).strip("-")
        code = f"BP-DIAGNOSIS:{slug}"
        diagnosis = _concept(project_iri(code), "BP", code, row["bigpicture_diagnosis"])
        diagnosis.add(BPV + "category", Literal("diagnosis"))
        diagnosis.add(BPV + "memberOf", Iri(_node(row["project_group"])))
        diagnosis.add(BPV + "icdO3Morphology", Literal(row["icdo3_morphology_secondary_source"]))
        diagnosis.add(SKOS + "editorialNote", Literal(row["note"]))
        subjects[diagnosis.iri] = diagnosis
        for member in (row["snomed_disorder_verified"], row["snomed_morphology_verified"]):
            if member:
                node = subjects.setdefault(SCT + member, Subject(SCT + member))
                node.add(BPV + "memberOf", Iri(diagnosis.iri))


def _curated_groups(subjects: dict[str, Subject]) -> None:
    """The broad groupings for researchers' words (curation/groupings.csv)."""
    for row in read_csv(CURATION / "groupings.csv"):
        group = _group(row["group"], row["label"])
        for synonym in row["synonyms"].split("|"):
            group.add(SKOS + "hiddenLabel", Literal(synonym, "en"))
        group.add(SKOS + "definition", Literal(row["definition"], "en"))
        subjects[group.iri] = group
        for member in row["members"].split():
            node = subjects.setdefault(_node(member), Subject(_node(member)))
            node.add(BPV + "memberOf", Iri(group.iri))


def _relation_declarations() -> list[Subject]:
    subjects = []
    for iri in _RELATIONS.values():
        subject = Subject(iri)
        subject.add(RDF + "type", Iri(OWL + "ObjectProperty"))
        subject.add(RDFS + "subPropertyOf", Iri(SKOS + "broader"))
        subject.add(
            RDFS + "comment",
            Literal("Project curation of Bigpicture; not a SNOMED CT relationship.", "en"),
        )
        subjects.append(subject)
    return subjects


def grouping_subjects(facts: Path) -> list[Subject]:
    """Project groupings, diagnoses and links (all project curation, none from SNOMED CT)."""
    subjects: dict[str, Subject] = {}
    _isa_links(facts, subjects)
    _diagnoses(facts, subjects)
    _curated_groups(subjects)
    scheme = _scheme(
        "BP",
        "Bigpicture groupings and diagnoses (project curation)",
        "CC BY 4.0",
        "snomed_isa.csv, skin_diagnosis_map.csv, curation/",
    )
    return [scheme, *_relation_declarations(), *subjects.values()]


def build(facts: Path) -> dict[str, str]:
    """File name -> Turtle text of every shipped vocabulary file."""
    parts: dict[str, tuple[str, Iterable[Subject]]] = {
        "snomed.ttl": ("SNOMED CT concepts (codes and terms)", snomed_subjects(facts)),
        "stains.ttl": ("Stains and staining substances", stain_subjects(facts)),
        "duo.ttl": ("Data Use Ontology terms", duo_subjects(facts)),
        "groupings.ttl": ("Bigpicture groupings (project curation)", grouping_subjects(facts)),
    }
    return {
        name: serialise(
            _header(title, "../shared/vocab-facts and vocabularies/curation/"), list(subjects)
        )
        for name, (title, subjects) in parts.items()
    }


def stale_files(facts: Path, folder: Path = HERE) -> list[str]:
    """Names of committed files that differ from a fresh build."""
    fresh = build(facts)
    return [
        name
        for name, text in fresh.items()
        if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text
    ]


def main(argv: list[str]) -> int:
    """Entry point: build (or ``--check``) the vocabularies from the facts folder."""
    args = [arg for arg in argv if arg != "--check"]
    if len(args) != 1 or not Path(args[0]).is_dir():
        print(f"usage: {COMMAND} [--check]", file=sys.stderr)
        return 2
    facts = Path(args[0])
    if "--check" in argv:
        stale = stale_files(facts)
        print("stale: " + ", ".join(stale) if stale else "up to date")
        return 1 if stale else 0
    for name, text in build(facts).items():
        (HERE / name).write_text(text, encoding="utf-8")
        print(f"wrote {HERE / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
