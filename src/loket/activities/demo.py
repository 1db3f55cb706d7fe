"""Demo data of activities: sports camps, a swimming course and a holiday playground in
the first demo municipalities, open for registration.

`activities_demo_load()` runs after the demo tenants exist (`loket demo_load`) and goes
through the services; idempotent: an activity of the same title in the same municipality
is kept as it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from loket.activities.models import Activity
from loket.activities.services import ActivityFields, activity_save, period_add
from loket.tenancy.access import Actor, ActorKind
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission

# Dutch-speaking municipalities: the demo texts are Dutch (Sofie lives in Kortrijk).
DEMO_MUNICIPALITIES = ("kortrijk", "menen", "ninove")


@dataclass(frozen=True)
class DemoActivity:
    kind: str
    title: str
    description: str
    location: str
    ages: tuple[int, int]
    prices: tuple[int, int]  # residents, non-residents (cents)
    weeks: int
    capacity: int


DEMO_ACTIVITIES = (
    DemoActivity(
        "camp",
        "Sportkamp: balsporten",
        "Een week voetbal, basketbal en hockey, van 9 tot 16 uur.",
        "Sporthal",
        (6, 12),
        (8000, 12000),
        2,
        24,
    ),
    DemoActivity(
        "lessons",
        "Zwemlessen voor beginners",
        "Tien lessen op woensdagnamiddag.",
        "Stedelijk zwembad",
        (5, 9),
        (6000, 9000),
        1,
        12,
    ),
    DemoActivity(
        "playground",
        "Speelpleinwerking zomer",
        "Elke weekdag spelen onder begeleiding van monitoren.",
        "Speelplein",
        (3, 12),
        (3000, 4500),
        3,
        40,
    ),
)


def _summer(today: dt.date) -> dt.date:
    """The first Monday of July after today."""
    year = today.year if today < dt.date(today.year, 7, 1) else today.year + 1
    first = dt.date(year, 7, 1)
    return first + dt.timedelta(days=(7 - first.weekday()) % 7)


def activities_demo_load() -> int:
    """Create the demo activities with their weeks; how many activities were made."""
    municipalities = list(
        Municipality.objects.filter(slug__in=DEMO_MUNICIPALITIES).order_by("nis_code")
    )
    loader = Actor(
        kind=ActorKind.STAFF,
        municipality_grants={Permission.ACTIVITIES_MANAGE: frozenset(m.pk for m in municipalities)},
    )
    now = timezone.now()
    start = _summer(timezone.localdate())
    made = 0
    for municipality in municipalities:
        for demo in DEMO_ACTIVITIES:
            if Activity.objects.filter(municipality=municipality, title_nl=demo.title).exists():
                continue
            activity = activity_save(
                actor=loader,
                municipality=municipality,
                fields=ActivityFields(
                    kind=demo.kind,
                    titles={"nl": demo.title},
                    descriptions={"nl": demo.description},
                    location=demo.location,
                    age_min=demo.ages[0],
                    age_max=demo.ages[1],
                    school_year_min=None,
                    school_year_max=None,
                    price_resident_cents=demo.prices[0],
                    price_non_resident_cents=demo.prices[1],
                    social_reduction_percent=50,
                    sibling_reduction_percent=20,
                    opens_residents_at=now - dt.timedelta(days=7),
                    opens_everyone_at=now - dt.timedelta(days=1),
                    closes_at=now + dt.timedelta(days=120),
                    offer_hours=48,
                    is_published=True,
                ),
            )
            for week in range(demo.weeks):
                first = start + dt.timedelta(weeks=week)
                period_add(
                    actor=loader,
                    activity=activity,
                    label=f"Week {week + 1}" if demo.kind != "lessons" else "Reeks 1",
                    starts_on=first,
                    ends_on=first + dt.timedelta(days=4),
                    capacity=demo.capacity,
                )
            made += 1
    return made
