"""Derive ``tables.json`` (the synthetic generator's vocabulary) from ../shared/vocab-facts.

Run from the repository root whenever the curated selection below or the vocabulary facts
change::

    .venv/bin/python catalogue/synth/derive_tables.py [VOCAB_FACTS_DIR]

The generator never reads ../shared at run time: it reads only the committed ``tables.json``.
This script holds the curated choice of codes per node (which organs, specimens, diagnoses and
stains a node typically submits); every code and its MEANING (the preferred term) are looked up
in the vocabulary facts, and the script fails when a code is not there. The one free-text stain
target not found in the facts (TTF-1) comes from the shared MetaFleX example submission.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_FACTS = HERE.parents[1].parent / "shared" / "vocab-facts"
OUTPUT = HERE / "tables.json"

#: Free-text stain targets not in the vocabulary facts, with where they were seen.
EXTRA_TEXT_TARGETS = {
    "TTF-1 (NKX2-1)": "shared/metaflex/examples-2.0.0 staining.xml (free text, no code verified)",
}

HUMAN = "SCT:337915000"
MOUSE = "SCT:447612001"
RAT = "SCT:371565004"

#: Stainings: branch "procedure" = PROCEDURE_INFORMATION, "stain" = STAIN (FORMAT.md 7).
STAININGS = {
    "HE": {
        "label": "H&E",
        "branch": "procedure",
        "method": "chemical",
        "procedure": "SCT:104210008",
    },
    "PAS": {"label": "PAS", "branch": "stain", "method": "chemical", "compound": "SCT:255808002"},
    "TRICHROME": {
        "label": "Trichrome",
        "branch": "stain",
        "method": "chemical",
        "compound": "SCT:406989007",
    },
    "SILVER": {
        "label": "Silver",
        "branch": "stain",
        "method": "chemical",
        "compound": "SCT:406951002",
    },
    "CONGO": {
        "label": "Congo red",
        "branch": "stain",
        "method": "chemical",
        "compound": "SCT:45106005",
    },
    "MUCICARMINE": {
        "label": "Mucicarmine",
        "branch": "stain",
        "method": "chemical",
        "compound": "SCT:406964001",
    },
    "KI67": {
        "label": "Ki-67",
        "branch": "stain",
        "method": "immunostaining",
        "procedure": "SCT:117617002",
        "target": "TEXT:Ki-67 (MIB-1)",
    },
    "TTF1": {
        "label": "TTF-1",
        "branch": "stain",
        "method": "immunostaining",
        "procedure": "SCT:117617002",
        "target": "TEXT:TTF-1 (NKX2-1)",
    },
    "AE1AE3": {
        "label": "AE1/AE3",
        "branch": "stain",
        "method": "immunostaining",
        "procedure": "SCT:117617002",
        "target": "TEXT:Pan-cytokeratin AE1/AE3",
    },
    "CK818": {
        "label": "CK8/18",
        "branch": "stain",
        "method": "immunostaining",
        "procedure": "SCT:117617002",
        "target": "TEXT:Cytokeratin 8/18 (CK8/18)",
    },
    "HER2": {
        "label": "HER2",
        "branch": "stain",
        "method": "immunostaining",
        "procedure": "SCT:117617002",
        "target": "TEXT:HER2 (ERBB2)",
    },
    "ER": {
        "label": "ER",
        "branch": "stain",
        "method": "immunostaining",
        "procedure": "SCT:117617002",
        "target": "DCM:111475",
    },
    "PR": {
        "label": "PR",
        "branch": "stain",
        "method": "immunostaining",
        "procedure": "SCT:117617002",
        "target": "DCM:111476",
    },
}


def _specimen(kind: str, method: str, weight: float, resection: bool) -> dict:
    return {"type": kind, "method": method, "weight": weight, "resection": resection}


def _dx(codes: list[str], weight: float) -> dict:
    return {"codes": codes, "weight": weight}


BIOPSY = "SCT:86273004"
TISSUE = "SCT:119376003"
BIOPSY_SPECIMEN = "SCT:258415003"

ORGANS = {
    "breast": {
        "site": "SCT:76752008",
        "sex": {"Female": 0.98, "Male": 0.02},
        "specimens": [
            _specimen("SCT:397199005", "SCT:65801008", 3, True),
            _specimen("SCT:122737001", "SCT:122548005", 3, False),
            _specimen("SCT:122595009", "SCT:172043006", 1, True),
            _specimen("SCT:309546004", "SCT:65801008", 2, True),
        ],
        "diagnoses": [
            _dx(["SCT:408643008"], 6),
            _dx(["SCT:109888004"], 1),
            _dx(["SCT:372137005"], 2),
            _dx(["SCT:254837009"], 1),
        ],
        "stains": {"ER": 0.7, "PR": 0.6, "HER2": 0.5, "KI67": 0.4},
    },
    "colon": {
        "site": "SCT:71854001",
        "sex": {"Female": 0.48, "Male": 0.52},
        "specimens": [
            _specimen(TISSUE, "SCT:23968004", 2, True),
            _specimen(BIOPSY_SPECIMEN, BIOPSY, 3, False),
        ],
        "diagnoses": [
            _dx(["SCT:408645001"], 5),
            _dx(["SCT:363406005"], 2),
            _dx(["SCT:126838000"], 1),
        ],
        "stains": {"AE1AE3": 0.3, "KI67": 0.3, "MUCICARMINE": 0.1},
    },
    "lymph_node": {
        "site": "SCT:68171009",
        "sex": {"Female": 0.8, "Male": 0.2},
        "specimens": [
            _specimen(TISSUE, "SCT:396487001", 3, False),
            _specimen(TISSUE, "SCT:21525004", 1, True),
        ],
        "diagnoses": [_dx(["SCT:128462008"], 1)],
        "stains": {"AE1AE3": 0.6},
    },
    "prostate": {
        "site": "SCT:41216001",
        "sex": {"Male": 1.0},
        "specimens": [
            _specimen(TISSUE, "SCT:176258007", 1, True),
            _specimen(BIOPSY_SPECIMEN, BIOPSY, 3, False),
        ],
        "diagnoses": [_dx(["SCT:254900004"], 1)],
        "stains": {"CK818": 0.3, "KI67": 0.2},
    },
    "kidney": {
        "site": "SCT:64033007",
        "sex": {"Female": 0.45, "Male": 0.55},
        "specimens": [
            _specimen(BIOPSY_SPECIMEN, BIOPSY, 4, False),
            _specimen(TISSUE, "SCT:175905003", 1, True),
        ],
        "diagnoses": [_dx(["SCT:42399005"], 3), _dx(["SCT:702391001"], 2)],
        "stains": {"PAS": 0.8, "SILVER": 0.6, "TRICHROME": 0.5, "CONGO": 0.15},
    },
    "liver": {
        "site": "SCT:10200004",
        "sex": {"Female": 0.45, "Male": 0.55},
        "specimens": [
            _specimen(BIOPSY_SPECIMEN, "SCT:86259008", 5, False),
            _specimen(TISSUE, "SCT:65801008", 1, True),
        ],
        "diagnoses": [
            _dx(["SCT:197315008"], 3),
            _dx(["SCT:442685003"], 3),
            _dx(["SCT:128241005"], 1),
            _dx(["SCT:25370001"], 1),
        ],
        "stains": {"TRICHROME": 0.7, "SILVER": 0.4, "PAS": 0.3, "CK818": 0.1},
    },
    "lung": {
        "site": "SCT:39607008",
        "sex": {"Female": 0.45, "Male": 0.55},
        "specimens": [
            _specimen(TISSUE, "SCT:173171007", 2, True),
            _specimen("SCT:122610009", BIOPSY, 3, False),
        ],
        "diagnoses": [
            _dx(["SCT:254626006"], 5),
            _dx(["SCT:254637007"], 2),
            _dx(["SCT:254634000"], 2),
            _dx(["SCT:93880001"], 1),
        ],
        "stains": {"TTF1": 0.7, "KI67": 0.3, "AE1AE3": 0.2},
    },
}

SKIN_SITE = "SCT:39937001"

NODES = {
    "utrecht": {
        "domain": "cancer",
        "city": "Utrecht",
        "code": "UTR",
        "organs": {"breast": 4, "colon": 3, "lymph_node": 2, "prostate": 1},
    },
    "vienna": {"domain": "kidney", "city": "Vienna", "code": "VIE", "organs": {"kidney": 1}},
    "leeds": {
        "domain": "liver",
        "city": "Leeds",
        "code": "LEE",
        "organs": {"liver": 1},
        "species": {HUMAN: 0.85, MOUSE: 0.1, RAT: 0.05},
    },
    "helsinki": {"domain": "lung", "city": "Helsinki", "code": "HEL", "organs": {"lung": 1}},
    "linkoping": {"domain": "skin", "city": "Linköping", "code": "LIN", "organs": {"skin": 1}},
    "marburg": {
        "domain": "clinical trials",
        "city": "Marburg",
        "code": "MAR",
        "organs": {"breast": 2, "lung": 2, "colon": 1, "prostate": 1},
    },
}


def read_concepts(facts: Path) -> dict[str, dict]:
    """SNOMED CT concepts by code (snomed_concepts.csv)."""
    with (facts / "snomed_concepts.csv").open(newline="", encoding="utf-8") as handle:
        return {row["code"]: row for row in csv.DictReader(handle)}


def read_stains(facts: Path) -> dict[str, dict]:
    """Stain rows by stain_id (stains.csv)."""
    with (facts / "stains.csv").open(newline="", encoding="utf-8") as handle:
        return {row["stain_id"]: row for row in csv.DictReader(handle)}


def resolve(key: str, concepts: dict, stains: dict) -> dict:
    """One coded value of the table, its MEANING taken from the facts."""
    scheme, code = key.split(":", 1)
    if scheme == "SCT":
        row = concepts[code]
        return {
            "scheme": "SCT",
            "code": code,
            "meaning": row["preferred_term"],
            "category": row["category"],
            "source": "vocab-facts/snomed_concepts.csv",
        }
    if scheme == "TEXT" and code in EXTRA_TEXT_TARGETS:
        return {
            "scheme": "TEXT",
            "code": "",
            "meaning": code,
            "category": "stain",
            "source": EXTRA_TEXT_TARGETS[code],
        }
    row = stains[key]
    return {
        "scheme": row["scheme"] or "TEXT",
        "code": row["code"],
        "meaning": row["meaning"],
        "category": "stain",
        "source": "vocab-facts/stains.csv",
    }


def skin_organ(facts: Path) -> dict:
    """The skin profile: every mapped skin diagnosis with a verified morphology code."""
    with (facts / "skin_diagnosis_map.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    diagnoses = []
    for row in rows:
        if not row["snomed_morphology_verified"]:
            continue  # no verified SNOMED CT code (blue nevus, Spitz nevus): left out
        codes = ["SCT:" + row["snomed_morphology_verified"], SKIN_SITE]
        if row["snomed_disorder_verified"]:
            codes.append("SCT:" + row["snomed_disorder_verified"])
        weight = 4 if "nevus" in row["bigpicture_diagnosis"].lower() else 2
        diagnoses.append(
            {
                "codes": codes,
                "weight": weight,
                "label": row["bigpicture_diagnosis"],
                "group": row["project_group"],
            }
        )
    return {
        "site": SKIN_SITE,
        "sex": {"Female": 0.52, "Male": 0.47, "Not-known": 0.01},
        "specimens": [
            _specimen("SCT:119325001", "SCT:240977001", 2, False),
            _specimen("SCT:119325001", "SCT:312968005", 4, True),
            _specimen("SCT:119325001", "SCT:440258006", 1, True),
        ],
        "diagnoses": diagnoses,
        "stains": {"KI67": 0.15},
    }


def collect_keys(tables: dict) -> set[str]:
    """Every coded key used by the profiles."""
    keys = {HUMAN, MOUSE, RAT, "SCT:434162003", "SCT:431510009", "SCT:311731000", "SCT:433469005"}
    for staining in tables["stainings"].values():
        keys.update(staining[k] for k in ("procedure", "compound", "target") if k in staining)
    for organ in tables["organs"].values():
        keys.add(organ["site"])
        for specimen in organ["specimens"]:
            keys.update((specimen["type"], specimen["method"]))
        for diagnosis in organ["diagnoses"]:
            keys.update(diagnosis["codes"])
    return keys


def derive(facts: Path) -> dict:
    """The whole table."""
    concepts, stains = read_concepts(facts), read_stains(facts)
    organs = dict(ORGANS, skin=skin_organ(facts))
    tables = {"stainings": STAININGS, "organs": organs, "nodes": NODES}
    codes = {key: resolve(key, concepts, stains) for key in sorted(collect_keys(tables))}
    return {
        "generated_by": "catalogue/synth/derive_tables.py (do not edit by hand)",
        "sources": {
            "vocab-facts/snomed_concepts.csv": "codes and preferred terms (see its SOURCE.md)",
            "vocab-facts/stains.csv": "stain substances, DCM receptor concepts, IHC text targets",
            "vocab-facts/skin_diagnosis_map.csv": "skin diagnoses, morphology + site pairs",
            **{f"TEXT:{k}": v for k, v in EXTRA_TEXT_TARGETS.items()},
        },
        "fixatives": {"SCT:434162003": 0.9, "SCT:431510009": 0.1},
        "block_preparations": {"SCT:311731000": 0.95, "SCT:433469005": 0.05},
        "codes": codes,
        **tables,
    }


def main(argv: list[str]) -> int:
    facts = Path(argv[1]) if len(argv) > 1 else DEFAULT_FACTS
    text = json.dumps(derive(facts), indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
