"""Helpers of the activities tests: an activity with periods, a parent with children."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from loket.activities.models import Activity, Period
from loket.activities.services import ActivityFields, activity_save, period_add
from loket.people.models import HouseholdRelation, Person
from loket.people.services import household_link_add
from loket.tenancy.access import actor_for_user
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.factories import PersonFactory, staff_member

PERIOD_START = dt.date(2030, 7, 1)


def fields(**overrides: Any) -> ActivityFields:
    now = timezone.now()
    values: dict[str, Any] = {
        "kind": "camp",
        "titles": {"nl": "Sportkamp"},
        "descriptions": {"nl": "Sport en spel"},
        "location": "Sporthal",
        "age_min": 6,
        "age_max": 12,
        "school_year_min": None,
        "school_year_max": None,
        "price_resident_cents": 8000,
        "price_non_resident_cents": 12000,
        "social_reduction_percent": 50,
        "sibling_reduction_percent": 25,
        "opens_residents_at": now - dt.timedelta(days=2),
        "opens_everyone_at": now - dt.timedelta(days=1),
        "closes_at": now + dt.timedelta(days=30),
        "offer_hours": 48,
        "is_published": True,
    }
    if "title" in overrides:  # a Dutch title, for short
        values["titles"] = {"nl": overrides.pop("title")}
    values.update(overrides)
    return ActivityFields(**values)


def admin_actor(municipality: Municipality) -> Any:
    return actor_for_user(staff_member(municipality, Role.MUNICIPAL_ADMIN))


def activity_with_period(
    municipality: Municipality, *, capacity: int = 2, **overrides: Any
) -> tuple[Activity, Period]:
    actor = admin_actor(municipality)
    activity = activity_save(actor=actor, municipality=municipality, fields=fields(**overrides))
    period = period_add(
        actor=actor,
        activity=activity,
        label="Week 1",
        starts_on=PERIOD_START,
        ends_on=PERIOD_START + dt.timedelta(days=4),
        capacity=capacity,
    )
    return activity, period


def family(
    municipality: Municipality, *, children: int = 1, child_age: int = 8, name: str = "Peeters"
) -> tuple[Person, list[Person]]:
    parent: Person = PersonFactory(
        municipality=municipality, last_name=name, birth_date=dt.date(1985, 3, 3)
    )
    kids: list[Person] = []
    for index in range(children):
        kid: Person = PersonFactory(
            municipality=municipality,
            last_name=name,
            birth_date=dt.date(PERIOD_START.year - child_age, 2, 1 + index),
        )
        household_link_add(person=parent, relative=kid, relation=HouseholdRelation.PARENT)
        kids.append(kid)
    return parent, kids
