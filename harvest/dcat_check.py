"""The check a harvested DCAT record must pass before it goes in: DCAT-AP 3 mandatory properties.

DCAT-AP 3.0.1, class Dataset: ``dct:title`` and ``dct:description`` are mandatory (at least
one each, literals); an ``dct:identifier`` or an IRI identifies it. The report has the shape of
the submission validator's JSON (``valid``, ``findings`` with severity, rule and message).
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Literal, Namespace, URIRef

DCT = Namespace("http://purl.org/dc/terms/")
MANDATORY = (("title", DCT.title), ("description", DCT.description))


@dataclass(frozen=True)
class RecordFinding:
    """One problem of a DCAT record."""

    rule: str
    message: str
    severity: str = "error"


@dataclass(frozen=True)
class RecordReport:
    """The outcome of checking one DCAT record."""

    source: str
    findings: tuple[RecordFinding, ...]

    @property
    def valid(self) -> bool:
        """No error found."""
        return not any(f.severity == "error" for f in self.findings)

    def to_json(self) -> dict[str, object]:
        """The report as JSON."""
        return {
            "source": self.source,
            "valid": self.valid,
            "stage": "dcat-ap",
            "findings": [
                {
                    "severity": f.severity,
                    "rule": f.rule,
                    "message": f.message,
                    "object": self.source,
                }
                for f in self.findings
            ],
        }


def check_record(ntriples: bytes, iri: str) -> RecordReport:
    """Check a record (N-Triples) of the dataset ``iri``."""
    graph = Graph()
    graph.parse(data=ntriples, format="nt")
    subject = URIRef(iri)
    findings = []
    for name, predicate in MANDATORY:
        values = [
            v
            for v in graph.objects(subject, predicate)
            if isinstance(v, Literal) and str(v).strip()
        ]
        if not values:
            findings.append(
                RecordFinding(f"dcat-ap:Dataset.{name}", f"dcat:Dataset {iri} has no dct:{name}")
            )
    return RecordReport(iri, tuple(findings))
