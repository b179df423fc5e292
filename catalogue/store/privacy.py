"""The guard that keeps DICOM patient identifiers out of the store.

DICOM PS3.15 Annex E (Basic Application Level Confidentiality Profile) lists the attributes
that identify a patient. The harvester filters them out of DICOM headers before they become
RDF; this guard refuses any RDF that still carries one, whatever produced it, so nothing
reaches the store, the SPARQL endpoint, the index or an export.
"""

from __future__ import annotations

import re

from bigpicture.catalogue.store.errors import PrivacyError

#: Patient-identifying DICOM attributes (keyword and tag), PS3.15 Table E.1-1, Patient module.
PATIENT_ATTRIBUTES: dict[str, str] = {
    "PatientName": "00100010",
    "PatientID": "00100020",
    "IssuerOfPatientID": "00100021",
    "PatientBirthDate": "00100030",
    "PatientBirthTime": "00100032",
    "OtherPatientIDs": "00101000",
    "OtherPatientNames": "00101001",
    "OtherPatientIDsSequence": "00101002",
    "PatientBirthName": "00101005",
    "PatientAddress": "00101040",
    "PatientMotherBirthName": "00101060",
    "PatientTelephoneNumbers": "00102154",
    "MedicalRecordLocator": "00101090",
    "AccessionNumber": "00080050",
}


def _normalise(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


_FORBIDDEN = {_normalise(key) for key in PATIENT_ATTRIBUTES} | set(PATIENT_ATTRIBUTES.values())


def local_name(iri: str) -> str:
    """The part of an IRI after its last ``#``, ``/`` or ``:``."""
    return re.split(r"[#/:]", iri)[-1]


def is_patient_identifier(predicate_iri: str) -> bool:
    """Whether a predicate names a patient-identifying DICOM attribute (by keyword or tag)."""
    return _normalise(local_name(predicate_iri)) in _FORBIDDEN


def check_predicate(predicate_iri: str, where: str) -> None:
    """Raise :class:`PrivacyError` when ``predicate_iri`` would store a patient identifier."""
    if is_patient_identifier(predicate_iri):
        raise PrivacyError(
            f"{where}: the RDF carries the patient identifier <{predicate_iri}>; "
            "patient identifiers are never stored (remove it before ingest)"
        )


_PREDICATE = re.compile(rb"^\s*(?:<[^>]*>|_:\S+)\s+<([^>]*)>", re.MULTILINE)


def check_ntriples(ntriples: bytes, where: str) -> None:
    """Raise :class:`PrivacyError` when any predicate of the N-Triples is a patient identifier."""
    for predicate in {match.group(1) for match in _PREDICATE.finditer(ntriples)}:
        check_predicate(predicate.decode("utf-8", "replace"), where)
