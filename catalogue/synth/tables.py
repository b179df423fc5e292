"""The generator's vocabulary: node profiles and coded values from the committed ``tables.json``.

``tables.json`` is derived from ../shared/vocab-facts by ``derive_tables.py`` (kept beside it);
this module only reads the package data, so an installed catalogue never needs ../shared.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

#: The TAG a coded value gets inside a diagnosis statement, by its SNOMED CT category.
DIAGNOSIS_TAGS = {"diagnosis": "diagnosis", "morphology": "morphology", "anatomy": "finding_site"}


@dataclass(frozen=True)
class Code:
    """A coded value as MetaFleX writes it (CODE, SCHEME, MEANING); TEXT values have no code."""

    scheme: str
    code: str
    meaning: str
    category: str

    @property
    def is_text(self) -> bool:
        """True for free text (no code: written as a STRING attribute)."""
        return self.scheme == "TEXT"


@dataclass(frozen=True)
class Staining:
    """A staining protocol shared by many slides (MetaFleX BP.staining.xsd)."""

    key: str
    label: str
    branch: str
    """``procedure`` (PROCEDURE_INFORMATION) or ``stain`` (STAIN)."""
    method: str
    procedure: Code | None
    compound: Code | None
    target: Code | None


@dataclass(frozen=True)
class SpecimenKind:
    """How a specimen is taken: its specimen type and extraction method."""

    specimen_type: Code
    method: Code
    weight: float
    resection: bool


@dataclass(frozen=True)
class Diagnosis:
    """One diagnosis as the coded values of one statement, each with its TAG."""

    codes: tuple[tuple[str, Code], ...]
    weight: float

    @property
    def label(self) -> str:
        """The first code's meaning."""
        return self.codes[0][1].meaning


@dataclass(frozen=True)
class Organ:
    """What a node submits from one organ."""

    name: str
    site: Code
    sexes: tuple[tuple[str, float], ...]
    specimens: tuple[SpecimenKind, ...]
    diagnoses: tuple[Diagnosis, ...]
    stains: tuple[tuple[str, float], ...]
    """Additional stainings (beyond H&E) and the chance a block gets one."""


@dataclass(frozen=True)
class Node:
    """A Bigpicture node and the realism profile of its datasets."""

    name: str
    domain: str
    city: str
    code: str
    organs: tuple[tuple[Organ, float], ...]
    species: tuple[tuple[Code, float], ...]


@dataclass(frozen=True)
class Tables:
    """Everything the generator draws from."""

    nodes: dict[str, Node]
    stainings: dict[str, Staining]
    fixatives: tuple[tuple[Code, float], ...]
    block_preparations: tuple[tuple[Code, float], ...]


@cache
def load_tables() -> Tables:
    """Read ``tables.json`` from the package data (cached)."""
    raw = json.loads(resources.files(__package__).joinpath("tables.json").read_text("utf-8"))
    codes = {
        key: Code(v["scheme"], v["code"], v["meaning"], v["category"])
        for key, v in raw["codes"].items()
    }
    organs = {name: _organ(name, spec, codes) for name, spec in raw["organs"].items()}
    return Tables(
        nodes={name: _node(name, spec, organs, codes) for name, spec in raw["nodes"].items()},
        stainings={key: _staining(key, spec, codes) for key, spec in raw["stainings"].items()},
        fixatives=_weighted(raw["fixatives"], codes),
        block_preparations=_weighted(raw["block_preparations"], codes),
    )


def _weighted(mapping: dict[str, float], codes: dict[str, Code]) -> tuple[tuple[Code, float], ...]:
    return tuple((codes[key], weight) for key, weight in sorted(mapping.items()))


def _staining(key: str, spec: dict, codes: dict[str, Code]) -> Staining:
    def code(name: str) -> Code | None:
        return codes[spec[name]] if name in spec else None

    return Staining(
        key,
        spec["label"],
        spec["branch"],
        spec["method"],
        code("procedure"),
        code("compound"),
        code("target"),
    )


def _organ(name: str, spec: dict, codes: dict[str, Code]) -> Organ:
    specimens = tuple(
        SpecimenKind(codes[s["type"]], codes[s["method"]], s["weight"], s["resection"])
        for s in spec["specimens"]
    )
    diagnoses = tuple(
        Diagnosis(
            tuple((DIAGNOSIS_TAGS[codes[k].category], codes[k]) for k in d["codes"]), d["weight"]
        )
        for d in spec["diagnoses"]
    )
    return Organ(
        name,
        codes[spec["site"]],
        tuple(sorted(spec["sex"].items())),
        specimens,
        diagnoses,
        tuple(sorted(spec["stains"].items())),
    )


def _node(name: str, spec: dict, organs: dict[str, Organ], codes: dict[str, Code]) -> Node:
    species = spec.get("species", {"SCT:337915000": 1.0})
    return Node(
        name,
        spec["domain"],
        spec["city"],
        spec["code"],
        tuple((organs[o], w) for o, w in sorted(spec["organs"].items())),
        _weighted(species, codes),
    )
