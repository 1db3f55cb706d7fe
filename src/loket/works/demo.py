"""Demo data of the works domain: works and occupations of the public domain near the
well-known demo residents, so that their "My municipality" map shows some."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from loket.people.models import Address
from loket.works.models import PlannedWork, WorkKind

# (title, place, kind, metres north, metres east, starts in days, lasts days)
NEARBY = (
    ("Vernieuwing riolering en voetpaden", "in uw straat", WorkKind.WORKS, 120, 60, -10, 60),
    ("Container voor verbouwing", "om de hoek", WorkKind.OCCUPATION, -80, 150, 2, 14),
    ("Heraanleg kruispunt", "verderop", WorkKind.WORKS, 300, -250, 20, 45),
)


def works_demo_load(*, residents: dict[str, str]) -> int:
    """Three works near each well-known resident's address; returns how many were new."""
    today = timezone.localdate()
    made = 0
    addresses = Address.objects.filter(
        valid_until__isnull=True,
        person__national_number__in=list(residents.values()),
        latitude__isnull=False,
        longitude__isnull=False,
    ).select_related("municipality")
    for address in addresses:
        assert address.latitude is not None
        assert address.longitude is not None
        for title, place, kind, north, east, starts, days in NEARBY:
            _work, created = PlannedWork.objects.get_or_create(
                municipality=address.municipality,
                title=title,
                place=f"{address.street} ({place})",
                defaults={
                    "kind": kind,
                    "latitude": address.latitude + north / 111_320,
                    "longitude": address.longitude + east / 71_000,
                    "starts_on": today + dt.timedelta(days=starts),
                    "ends_on": today + dt.timedelta(days=starts + days),
                },
            )
            made += created
    return made
