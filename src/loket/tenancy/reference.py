"""Bundled reference data: the boundaries of Belgium's municipalities by NIS code.

`data/be-municipalities.geojson` holds the 589 municipalities as they were before the
1 January 2019 mergers (Statbel open data, via mathiasleroy/belgium-geographic-data,
MIT; see NOTICE). None of the demo municipalities changed in the 2019 or 2025 mergers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

DATA_FILE = Path(__file__).parent / "data" / "be-municipalities.geojson"

# Brussels-Capital (04000) is bilingual; Flanders (02000) Dutch; Wallonia (03000) French.
REGION_LANGUAGES = {"04000": "fr,nl", "02000": "nl", "03000": "fr"}


@dataclass(frozen=True)
class MunicipalityReference:
    nis_code: str
    name_nl: str
    name_fr: str
    population: int | None
    region_nis: str
    geometry: dict[str, Any]

    @property
    def official_languages(self) -> str:
        return REGION_LANGUAGES.get(self.region_nis, "nl")


@cache
def _by_nis_code() -> dict[str, MunicipalityReference]:
    with DATA_FILE.open(encoding="utf-8") as handle:
        collection = json.load(handle)
    result = {}
    for feature in collection["features"]:
        properties = feature["properties"]
        result[properties["nis"]] = MunicipalityReference(
            nis_code=properties["nis"],
            name_nl=properties.get("name_nl") or properties.get("name", ""),
            name_fr=properties.get("name_fr") or properties.get("name", ""),
            population=properties.get("population"),
            region_nis=properties.get("reg_nis", ""),
            geometry=feature["geometry"],
        )
    return result


def municipality_reference(nis_code: str) -> MunicipalityReference | None:
    return _by_nis_code().get(nis_code)
