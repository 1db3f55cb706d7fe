"""Reads of the activities domain, always scoped by the actor.

Published activities are public (a municipality's website lists them); registrations are
seen by the parent who made them and by staff of the activity's municipality with
activities.view. Anything else answers 404, exactly like an id nobody has.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_noop

from loket.activities.models import Activity, Period, Registration
from loket.activities.workflow import HOLDING_STATUSES, RegistrationStatus
from loket.audit.models import AccessChannel, AccessPurpose
from loket.audit.services import access_log_record
from loket.people.models import Person
from loket.people.selectors import household_of, person_get_visible
from loket.tenancy.access import Actor
from loket.tenancy.permissions import Permission


def activities_published(*, municipality_id: int | None = None) -> QuerySet[Activity]:
    """What residents and websites may browse."""
    activities = Activity.objects.filter(is_published=True).select_related("municipality")
    if municipality_id is not None:
        activities = activities.filter(municipality_id=municipality_id)
    return activities


def activity_get_published(*, activity_id: int) -> Activity:
    activity = activities_published().filter(pk=activity_id).first()
    if activity is None:
        raise Http404
    return activity


def periods_with_places(*, activity: Activity) -> QuerySet[Period]:
    """The periods of an activity with `held` (places offered or confirmed) and `waiting`."""
    return activity.periods.annotate(
        held=Count("registrations", filter=Q(registrations__status__in=HOLDING_STATUSES)),
        waiting=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)),
    ).order_by("starts_on", "pk")


def activities_visible_to(
    *, actor: Actor, permission: Permission = Permission.ACTIVITIES_VIEW
) -> QuerySet[Activity]:
    """Staff: every activity (published or not) of their municipalities."""
    return Activity.objects.filter(
        municipality_id__in=actor.municipality_ids(permission)
    ).select_related("municipality")


def activity_get_visible(
    *, actor: Actor, activity_id: int, permission: Permission = Permission.ACTIVITIES_VIEW
) -> Activity:
    activity = (
        activities_visible_to(actor=actor, permission=permission).filter(pk=activity_id).first()
    )
    if activity is None:
        raise Http404
    return activity


def period_get_visible(
    *, actor: Actor, period_id: int, permission: Permission = Permission.ACTIVITIES_VIEW
) -> Period:
    period = (
        Period.objects.select_related("activity", "municipality")
        .filter(pk=period_id, municipality_id__in=actor.municipality_ids(permission))
        .first()
    )
    if period is None:
        raise Http404
    return period


def period_get_published(*, period_id: int) -> Period:
    period = (
        Period.objects.select_related("activity", "municipality")
        .filter(pk=period_id, activity__is_published=True)
        .first()
    )
    if period is None:
        raise Http404
    return period


def _with_relations(registrations: QuerySet[Registration]) -> QuerySet[Registration]:
    return registrations.select_related(
        "activity", "period", "child", "parent", "municipality", "payment_request"
    )


def registrations_of_resident(*, actor: Actor, person_id: int) -> QuerySet[Registration]:
    """The registrations a resident made or that concern them as a child, newest first.

    A resident may ask only about themselves; staff see those of the municipalities where
    they hold activities.view (for the resident's 360° view, say)."""
    mine = Q(parent_id=person_id) | Q(child_id=person_id)
    if actor.is_resident:
        if actor.person_id != person_id:
            return Registration.objects.none()
        registrations = Registration.objects.filter(mine)
    else:
        registrations = Registration.objects.filter(
            mine, municipality_id__in=actor.municipality_ids(Permission.ACTIVITIES_VIEW)
        )
    return _with_relations(registrations).order_by("-created_at", "-pk")


def registration_get_for_parent(*, actor: Actor, registration_id: int) -> Registration:
    """One of the signed-in parent's registrations, else 404."""
    if not actor.is_resident or actor.person_id is None:
        raise Http404
    registration = (
        _with_relations(Registration.objects.filter(parent_id=actor.person_id))
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:
        raise Http404
    return registration


def registration_get_visible(*, actor: Actor, registration_id: int) -> Registration:
    """The parent's own registration, or one of a staff member's municipalities."""
    if actor.is_resident:
        return registration_get_for_parent(actor=actor, registration_id=registration_id)
    registration = (
        _with_relations(Registration.objects.all())
        .filter(
            pk=registration_id,
            municipality_id__in=actor.municipality_ids(Permission.ACTIVITIES_VIEW),
        )
        .first()
    )
    if registration is None:
        raise Http404
    return registration


def registrations_of_period(*, period: Period) -> QuerySet[Registration]:
    """Everyone of a period (the caller got the period through a scoped selector)."""
    return _with_relations(period.registrations.all()).order_by("arrival")


def attendance_of_period(*, period: Period) -> list[Registration]:
    """The children with a confirmed place, by last name: the monitors' list."""
    return list(
        _with_relations(period.registrations.filter(status=RegistrationStatus.CONFIRMED)).order_by(
            "child__last_name", "child__first_names", "pk"
        )
    )


def children_of_resident(*, actor: Actor) -> list[Person]:
    """The signed-in parent's children, from the household register."""
    if not actor.is_resident or actor.person_id is None:
        return []
    parent = Person.objects.get(pk=actor.person_id)
    return household_of(person=parent)["children"]


ROSTER_READ = gettext_noop("activity registration list")


def period_roster_read_for_purpose(
    *, actor: Actor, period: Period, purpose: AccessPurpose | str, channel: AccessChannel
) -> list[Registration]:
    """Everyone of a period, with a row in each child's and parent's access log (an
    anonymised registration names nobody: loket.activities.retention)."""
    registrations = list(registrations_of_period(period=period))
    for registration in registrations:
        if registration.child is None:
            continue
        access_log_record(
            actor=actor,
            person=registration.child,
            purpose=purpose,
            what=ROSTER_READ,
            channel=channel,
            municipality_id=period.municipality_id,
            household=[registration.parent] if registration.parent is not None else [],
        )
    return registrations


PARENT_READ = gettext_noop("register data for an activity registration")


@dataclass(frozen=True)
class ParentRead:
    """A parent found by staff registering for them, with the children of the household."""

    parent: Person
    children: list[Person]


def parent_of_registration_read(*, actor: Actor, person_id: int) -> ParentRead:
    """The parent (404 outside the actor's register scope, people.search) and the
    children of their household, without a log row: for a form shown again."""
    parent = person_get_visible(
        actor=actor, person_id=person_id, permission=Permission.PEOPLE_SEARCH
    )
    return ParentRead(parent=parent, children=household_of(person=parent)["children"])


def parent_read_for_registration(
    *, actor: Actor, person_id: int, purpose: AccessPurpose | str, municipality_id: int
) -> ParentRead:
    """`parent_of_registration_read` as staff open it to register for the parent: a row in
    the access log of the parent and of each child shown, on behalf of the activity's
    municipality."""
    read = parent_of_registration_read(actor=actor, person_id=person_id)
    access_log_record(
        actor=actor,
        person=read.parent,
        purpose=purpose,
        what=PARENT_READ,
        channel=AccessChannel.WEB,
        municipality_id=municipality_id,
        household=read.children,
    )
    return read
