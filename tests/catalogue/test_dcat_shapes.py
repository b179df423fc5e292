"""The whole catalogue export against the official DCAT-AP 3.0.1 and HealthDCAT-AP R8 shapes."""

from __future__ import annotations

from collections import Counter

import pytest
from dcat_conformance import validate
from rdflib import Graph
from rdflib.compare import isomorphic
from sample_catalogue import sample_catalogue

from bigpicture.catalogue.dcat import FORMATS, PROFILES, PublishContext, build_catalog, paginate
from bigpicture.catalogue.dcat import serialise as write

CTX = PublishContext("https://catalogue.example.org", "Bigpicture", "bp@example.org")


def report(profile: str, findings: list) -> None:
    """Print the findings, grouped, so the test output lists the warnings."""
    grouped = Counter((f.severity, f.path, f.message[:120]) for f in findings)
    print(f"\n{profile}: {len(findings)} results")
    for (severity, path, message), count in sorted(grouped.items()):
        print(f"  {count:3d} x {severity}: {path} {message}")


@pytest.mark.slow
@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_catalogue_export_has_no_violations(profile: str) -> None:
    graph = build_catalog(paginate(sample_catalogue()), CTX, PROFILES[profile])
    findings = validate(graph, profile)
    report(profile, findings)
    violations = [f for f in findings if f.severity == "Violation"]
    assert not violations, "\n".join(map(str, violations))
    assert len(findings) < 80


def test_export_reads_back_the_same_in_every_format() -> None:
    graph = build_catalog(paginate(sample_catalogue()), CTX, PROFILES["healthdcat-ap"])
    for fmt in FORMATS.values():
        again = Graph().parse(data=write(graph, fmt), format=fmt.plugin.replace("pretty-", ""))
        assert isomorphic(again, graph), fmt.name


def test_a_dataset_without_distribution_is_a_violation() -> None:
    """The shapes do bite: dropping a mandatory property gives a violation."""
    from bigpicture.catalogue.dcat.namespaces import DCAT

    graph = build_catalog(paginate(sample_catalogue()[:1]), CTX, PROFILES["healthdcat-ap"])
    graph.remove((None, DCAT.distribution, None))
    violations = [f for f in validate(graph, "healthdcat-ap") if f.severity == "Violation"]
    assert any(f.path.endswith("#distribution") for f in violations)
