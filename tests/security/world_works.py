"""The works part of the isolation matrix's world: a planned work of the victim
municipality and one of the attacker's own."""

from __future__ import annotations

import datetime as dt

from loket.tenancy.models import Municipality
from loket.works.models import PlannedWork, WorkKind


def works_world(
    *, kortrijk: Municipality, menen: Municipality
) -> tuple[dict[str, str], dict[str, str]]:
    """(victim keys, own keys): a work in each municipality."""
    works = {
        municipality.pk: PlannedWork.objects.create(
            municipality=municipality,
            kind=WorkKind.WORKS,
            title=f"Werken {municipality.name_nl}",
            place="Kerkstraat",
            latitude=municipality.centroid_latitude,
            longitude=municipality.centroid_longitude,
            starts_on=dt.date(2026, 1, 1),
            ends_on=dt.date(2027, 1, 1),
        )
        for municipality in (kortrijk, menen)
    }
    return {"planned_work": str(works[kortrijk.pk].pk)}, {"planned_work": str(works[menen.pk].pk)}
