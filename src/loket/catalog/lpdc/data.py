"""Data shipped for LPDC: the JSON-LD contexts the feed refers to, NUTS/LAU codes by NIS
code, and the link of each product to its IPDC concept."""

from __future__ import annotations

import csv
import json
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"
CONTEXT_FILES = {
    "ipdc-lpdc-im.jsonld": DATA / "ipdc-lpdc-im.jsonld",
    "ldes.jsonld": DATA / "ldes.jsonld",
}
PRODUCT_CONCEPTS_CSV = DATA / "product-concepts.csv"


@cache
def context_text(name: str) -> str:
    return CONTEXT_FILES[name].read_text(encoding="utf-8")


@cache
def lau_codes() -> dict[str, str]:
    """NIS code -> NUTS/LAU code of the LPDC code list "geografisch toepassingsgebied"."""
    codes: dict[str, str] = json.loads((DATA / "lau-codes.json").read_text(encoding="utf-8"))
    return codes


def lau_code(nis_code: str) -> str | None:
    return lau_codes().get(nis_code)


@cache
def shipped_concept_links() -> dict[str, str]:
    """Product code -> IPDC concept IRI, for the products linked in product-concepts.csv."""
    with PRODUCT_CONCEPTS_CSV.open(encoding="utf-8", newline="") as handle:
        return {
            row["code"]: row["ipdc_concept_iri"]
            for row in csv.DictReader(handle)
            if row["ipdc_concept_iri"]
        }


def context_json(name: str) -> Any:
    return json.loads(context_text(name))
