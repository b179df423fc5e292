"""DataCite Metadata Schema 4.x properties of one dataset version, as REST API attributes.

The attribute names are those of the DataCite REST API (JSON:API ``data.attributes``, camelCase;
support.datacite.org, "REST API" and "Metadata Schema 4.x"). ``bigpicture.catalogue.datacite.xml``
writes the same dictionary as kernel-4 XML, so both representations come from one mapping.
"""

from __future__ import annotations

from typing import Protocol

from bigpicture.catalogue.datacite.citation import creator_names
from bigpicture.catalogue.facts import Concept, DatasetFacts, Person
from bigpicture.catalogue.identifiers import slug


class Publishing(Protocol):
    """What the mapping needs of the settings (``Settings`` or the web's ``PublishContext``)."""

    @property
    def base_url(self) -> str: ...

    @property
    def publisher_name(self) -> str: ...


SCHEMA_VERSION = "http://datacite.org/schema/kernel-4"
SNOMED_SCHEME_URI = "http://snomed.info/sct"
#: IMI2 JU funding of Bigpicture (grant agreement 945358); Crossref Funder ID of the IMI.
FUNDING = {
    "funderName": "Innovative Medicines Initiative 2 Joint Undertaking",
    "funderIdentifier": "https://doi.org/10.13039/501100010767",
    "funderIdentifierType": "Crossref Funder ID",
    "awardNumber": "945358",
    "awardUri": "https://cordis.europa.eu/project/id/945358",
    "awardTitle": "Bigpicture",
}
RESTRICTED_ACCESS = "info:eu-repo/semantics/restrictedAccess"
OPEN_ACCESS = "info:eu-repo/semantics/openAccess"


def landing_page(facts: DatasetFacts, settings: Publishing) -> str:
    """The URL the DOI resolves to: the version's landing page."""
    return f"{settings.base_url}/datasets/{facts.id}"


def attributes(facts: DatasetFacts, settings: Publishing) -> dict[str, object]:
    """All DataCite properties of ``facts`` (mandatory, recommended and optional ones we know)."""
    values: dict[str, object] = {
        "doi": facts.doi,
        "url": landing_page(facts, settings),
        "creators": creators(facts),
        "titles": titles(facts),
        "publisher": {"name": settings.publisher_name},
        "publicationYear": facts.year or int((facts.issued or "0")[:4] or 0),
        "types": {"resourceTypeGeneral": "Dataset", "resourceType": "Whole slide imaging"},
        "subjects": subjects(facts),
        "dates": dates(facts),
        "language": "en",
        "alternateIdentifiers": [
            {"alternateIdentifier": facts.id, "alternateIdentifierType": "Bigpicture catalogue"}
        ],
        "relatedIdentifiers": related_identifiers(facts, settings),
        "sizes": sizes(facts),
        "formats": ["application/dicom", "DICOM"],
        "version": facts.version,
        "rightsList": rights(facts),
        "descriptions": descriptions(facts),
        "fundingReferences": [dict(FUNDING)],
        "schemaVersion": SCHEMA_VERSION,
    }
    return {key: value for key, value in values.items() if value not in ("", [], None)}


def _creator(person: Person) -> dict[str, object]:
    creator: dict[str, object] = {"name": person.name, "nameType": "Personal"}
    if person.affiliation:
        creator["affiliation"] = [{"name": person.affiliation}]
    if person.orcid:
        orcid = (
            person.orcid if person.orcid.startswith("http") else "https://orcid.org/" + person.orcid
        )
        creator["nameIdentifiers"] = [
            {
                "nameIdentifier": orcid,
                "nameIdentifierScheme": "ORCID",
                "schemeUri": "https://orcid.org",
            }
        ]
    return creator


def creators(facts: DatasetFacts) -> list[dict[str, object]]:
    """Creators: the persons named, else the organisation (DataCite property 2)."""
    people = [_creator(person) for person in facts.creators if person.name]
    if people:
        return people
    return [{"name": name, "nameType": "Organizational"} for name in creator_names(facts)] or [
        {"name": "Bigpicture consortium", "nameType": "Organizational"}
    ]


def titles(facts: DatasetFacts) -> list[dict[str, str]]:
    """Title and the short name as alternative title (property 3)."""
    found = [{"title": facts.title}]
    if facts.short_name and facts.short_name != facts.title:
        found.append({"title": facts.short_name, "titleType": "AlternativeTitle"})
    return found


def _subject(concept: Concept) -> dict[str, str]:
    subject = {"subject": concept.label or concept.code}
    if concept.scheme == "SCT" and concept.code:
        subject.update(
            subjectScheme="SNOMED CT",
            schemeUri=SNOMED_SCHEME_URI,
            valueUri=concept.iri or "",
            classificationCode=concept.code,
        )
    elif concept.iri:
        subject.update(subjectScheme=concept.scheme, valueUri=concept.iri)
    return subject


def subjects(facts: DatasetFacts) -> list[dict[str, str]]:
    """Organs, diagnoses and their groups, stains and species (property 6)."""
    concepts = (
        facts.organs + facts.diagnoses + facts.diagnosis_groups + facts.stains + facts.species
    )
    found = [
        {
            "subject": "FOS: Clinical medicine",
            "subjectScheme": "Fields of Science and Technology (FOS)",
        }
    ]
    seen = set()
    for concept in concepts:
        subject = _subject(concept)
        key = tuple(sorted(subject.items()))
        if key not in seen:
            seen.add(key)
            found.append(subject)
    return found


def dates(facts: DatasetFacts) -> list[dict[str, str]]:
    """Issued, updated and withdrawn dates (property 8)."""
    found = []
    if facts.issued:
        found.append({"date": facts.issued, "dateType": "Issued"})
    if facts.modified and facts.modified != facts.issued:
        found.append({"date": facts.modified, "dateType": "Updated"})
    if facts.status == "withdrawn" and facts.extra.get("withdrawn_date"):
        found.append({"date": facts.extra["withdrawn_date"], "dateType": "Withdrawn"})
    return found


def _related(identifier: str, relation: str) -> dict[str, str]:
    kind = "DOI" if identifier.startswith("10.") else "URL"
    return {
        "relatedIdentifier": identifier,
        "relatedIdentifierType": kind,
        "relationType": relation,
        "resourceTypeGeneral": "Dataset",
    }


def related_identifiers(facts: DatasetFacts, settings: Publishing) -> list[dict[str, str]]:
    """Versions (IsNewVersionOf / IsPreviousVersionOf) and complemented datasets (property 12)."""
    found = []
    if facts.previous_version_doi:
        found.append(_related(facts.previous_version_doi, "IsNewVersionOf"))
    if facts.next_version_doi:
        found.append(_related(facts.next_version_doi, "IsPreviousVersionOf"))
    found.append(_related(f"{settings.base_url}/datasets/{slug(facts.dataset_key)}", "IsVersionOf"))
    complements = facts.complement_dois or tuple(
        f"{settings.base_url}/datasets/{slug(key)}" for key in facts.complements
    )
    found.extend(_related(identifier, "IsSupplementTo") for identifier in complements)
    return found


def _human_size(size: int) -> str:
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if size < 1000 or unit == "TB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000  # type: ignore[assignment]
    return ""


def sizes(facts: DatasetFacts) -> list[str]:
    """Counts and bytes (property 13)."""
    found = [
        f"{count} {noun}"
        for count, noun in (
            (facts.case_count, "cases"),
            (facts.slide_count, "slides"),
            (facts.image_count, "images"),
            (facts.annotation_count, "annotations"),
        )
        if count
    ]
    if facts.size_bytes:
        found.append(_human_size(facts.size_bytes))
    return found


def _licence(licence: str) -> dict[str, str]:
    if licence.startswith("http"):
        return {"rights": licence, "rightsUri": licence}
    return {
        "rights": licence,
        "rightsUri": f"https://spdx.org/licenses/{licence}",
        "rightsIdentifier": licence,
        "rightsIdentifierScheme": "SPDX",
        "schemeUri": "https://spdx.org/licenses/",
    }


def rights(facts: DatasetFacts) -> list[dict[str, str]]:
    """Licence (SPDX), access level, REMS link and DUO data-use terms (property 16)."""
    found = [_licence(facts.licence)] if facts.licence else []
    if facts.access == "open":
        found.append({"rights": "Open access", "rightsUri": OPEN_ACCESS})
    else:
        how = f": apply for access at {facts.rems_access_link}" if facts.rems_access_link else ""
        found.append({"rights": f"Restricted access{how}", "rightsUri": RESTRICTED_ACCESS})
    for term in facts.access_terms:
        found.append({"rights": term.label or term.code, "rightsUri": term.iri or ""})
    return [{k: v for k, v in entry.items() if v} for entry in found]


def descriptions(facts: DatasetFacts) -> list[dict[str, str]]:
    """Abstract, and the withdrawal reason of a tombstone (property 17)."""
    found = []
    if facts.description:
        found.append({"description": facts.description, "descriptionType": "Abstract"})
    if facts.withdrawn_reason:
        found.append(
            {"description": f"Withdrawn: {facts.withdrawn_reason}", "descriptionType": "Other"}
        )
    return found
