"""How to cite a dataset version: formatted text, BibTeX, RIS.

Follows the DataCite recommended data citation ("Creator (PublicationYear). Title (Version).
Publisher. Identifier", DataCite Metadata Schema 4.5, "Citation"), BibTeX ``@misc`` as produced
by DOI content negotiation (citation.crosscite.org), and RIS (Research Information Systems,
``TY  - DATA``, CRLF line ends).
"""

from __future__ import annotations

import re
import unicodedata

from bigpicture.catalogue.dcat.context import PublishContext
from bigpicture.catalogue.dcat.resources import doi_url
from bigpicture.catalogue.facts import DatasetFacts, Person

BIBTEX_SPECIAL = re.compile(r"([{}&%$#_\\])")
#: BibTeX fields written verbatim (identifiers and URLs, where escaping would break them).
VERBATIM = {"doi", "url"}


def split_name(name: str) -> tuple[str, str]:
    """(family, given) of ``Given Family`` or ``Family, Given``."""
    if "," in name:
        family, given = (part.strip() for part in name.split(",", 1))
        return family, given
    parts = name.split()
    return (parts[-1], " ".join(parts[:-1])) if parts else ("", "")


def initials(given: str) -> str:
    """``Anna Maria`` -> ``A. M.``."""
    return " ".join(part[0] + "." for part in given.replace("-", " ").split() if part)


def short_author(person: Person) -> str:
    """``Andersson, A.``."""
    family, given = split_name(person.name)
    return f"{family}, {initials(given)}" if given else family


def cite_url(facts: DatasetFacts, ctx: PublishContext) -> str:
    """The identifier a citation points to: the DOI, else the landing page."""
    return doi_url(facts.doi) if facts.doi else ctx.landing_page(facts.id)


def year(facts: DatasetFacts) -> str:
    """Publication year, from the facts or the issue date."""
    return str(facts.year or facts.issued[:4] or "n.d.")


def formatted(facts: DatasetFacts, ctx: PublishContext) -> str:
    """The human-readable citation (text/x-bibliography)."""
    authors = "; ".join(short_author(p) for p in facts.creators) or ctx.publisher_name
    return (
        f"{authors} ({year(facts)}). {facts.title} (Version {facts.version}) [Data set]. "
        f"{ctx.publisher_name}. {cite_url(facts, ctx)}"
    )


def bibtex_escape(text: str) -> str:
    """Escape BibTeX's special characters."""
    return BIBTEX_SPECIAL.sub(r"\\\1", text)


def bibtex_key(facts: DatasetFacts) -> str:
    """A citation key: first author's family name, year, short name."""
    family = split_name(facts.creators[0].name)[0] if facts.creators else "bigpicture"
    raw = f"{family}{year(facts)}{facts.short_name or facts.dataset_key}"
    ascii_only = unicodedata.normalize("NFKD", raw).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9_-]", "", ascii_only)


def bibtex(facts: DatasetFacts, ctx: PublishContext) -> str:
    """The citation as a BibTeX ``@misc`` entry."""
    authors = " and ".join(
        "{}, {}".format(*split_name(p.name)) if split_name(p.name)[1] else p.name
        for p in facts.creators
    )
    fields = [
        ("author", authors or ctx.publisher_name),
        ("title", facts.title),
        ("year", year(facts)),
        ("publisher", ctx.publisher_name),
        ("version", facts.version),
        ("doi", facts.doi),
        ("url", cite_url(facts, ctx)),
        ("note", "Data set"),
    ]
    body = ",\n".join(
        f"  {name} = {{{value if name in VERBATIM else bibtex_escape(value)}}}"
        for name, value in fields
        if value
    )
    return f"@misc{{{bibtex_key(facts)},\n{body}\n}}\n"


def ris(facts: DatasetFacts, ctx: PublishContext) -> str:
    """The citation as an RIS record (type DATA)."""
    lines = [("TY", "DATA")]
    lines += [("AU", "{}, {}".format(*split_name(p.name)).rstrip(", ")) for p in facts.creators]
    lines += [
        ("TI", facts.title),
        ("PY", year(facts)),
        ("PB", ctx.publisher_name),
        ("ET", facts.version),
        ("DO", facts.doi),
        ("UR", cite_url(facts, ctx)),
        ("AB", facts.description),
    ]
    lines += [("KW", c.label) for c in facts.organs + facts.diagnoses + facts.stains]
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines if value or tag == "ER")
