"""Demo contact details of the town halls: an address on the main square, a phone number
and e-mail address that are clearly made up (example.be, 0xx 00 xx xx) and usual hours."""

from __future__ import annotations

from typing import Any

from loket.reports.locators import postal_code_table
from loket.tenancy.access import Actor, ActorKind
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission
from loket.tenancy.services import municipality_contact_update

MORNING = ["08:30", "12:00"]
AFTERNOON = ["13:30", "16:00"]
EVENING = ["16:30", "19:00"]


APPOINTMENT_NOTE = {
    "nl": "namiddag enkel op afspraak",
    "fr": "l'après-midi sur rendez-vous",
    "en": "afternoon by appointment only",
}
NO_NOTE = {"nl": "", "fr": "", "en": ""}


def demo_opening_hours() -> dict[str, dict[str, Any]]:
    """Mornings every weekday, two afternoons, a late evening on Tuesday, Saturday morning;
    the note in the three languages."""
    return {
        "mon": {"periods": [MORNING, AFTERNOON], "note": dict(NO_NOTE)},
        "tue": {"periods": [MORNING, EVENING], "note": dict(NO_NOTE)},
        "wed": {"periods": [MORNING, AFTERNOON], "note": dict(APPOINTMENT_NOTE)},
        "thu": {"periods": [MORNING], "note": dict(NO_NOTE)},
        "fri": {"periods": [MORNING], "note": dict(NO_NOTE)},
        "sat": {"periods": [["09:00", "12:00"]], "note": dict(NO_NOTE)},
        "sun": {"periods": [], "note": dict(NO_NOTE)},
    }


def _postal_codes() -> dict[str, str]:
    """NIS code -> the lowest postal code of which it is the main municipality."""
    result: dict[str, str] = {}
    for code, nis_codes in sorted(postal_code_table().items()):
        if nis_codes:
            result.setdefault(nis_codes[0], code)
    return result


def town_halls_load(municipalities: list[Municipality]) -> int:
    actor = Actor(
        kind=ActorKind.STAFF,
        municipality_grants={Permission.TENANCY_MANAGE: frozenset(m.pk for m in municipalities)},
    )
    postal_codes = _postal_codes()
    for index, municipality in enumerate(sorted(municipalities, key=lambda m: m.nis_code)):
        french = municipality.languages[:1] == ["fr"]
        language = "fr" if french else "nl"
        municipality_contact_update(
            actor=actor,
            municipality=municipality,
            address_street="Place communale 1" if french else "Marktplein 1",
            address_postal_code=postal_codes.get(municipality.nis_code, ""),
            address_locality=municipality.name_in(language),
            phone=f"0{(index % 80) + 10} 00 {index // 100:02d} {index % 100:02d}",
            email=f"info@{municipality.slug}.example.be",
            opening_hours=demo_opening_hours(),
        )
    return len(municipalities)
