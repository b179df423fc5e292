"""The citation DataCite recommends: Creator (PublicationYear). Title. Version. Publisher. DOI.

DataCite Metadata Schema 4, "Citation" (section 1.1 of the documentation).
"""

from __future__ import annotations

from bigpicture.catalogue.facts import DatasetFacts


def creator_names(facts: DatasetFacts) -> tuple[str, ...]:
    """The creators of a version; its organisation when no person is named."""
    names = tuple(person.name for person in facts.creators if person.name)
    return names or ((facts.organisation,) if facts.organisation else ())


def plain_citation(facts: DatasetFacts, publisher: str = "Bigpicture") -> str:
    """One line of text, e.g. ``Doe, J. (2026). Lung ADC. Version 1. Bigpicture. https://doi.org/…``."""
    parts = []
    creators = "; ".join(creator_names(facts))
    year = f" ({facts.year})" if facts.year else ""
    if creators or year:
        parts.append(f"{creators}{year}".strip())
    parts.append(facts.title)
    if facts.version:
        parts.append(f"Version {facts.version}")
    parts.append(publisher)
    text = ". ".join(part.rstrip(".") for part in parts if part) + "."
    return f"{text} https://doi.org/{facts.doi}" if facts.doi else text
