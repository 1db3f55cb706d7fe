"""Outreach: residents who cannot come to the town hall, and home visits.

A staff member with crm.record marks a resident of their municipality as someone who cannot
come (residential care, reduced mobility, illness), with a reason; plans a visit (a day, a
time, what for, who goes); and, after the visit, records it, which writes a contact moment
on the home-visit channel. The day's route list shows the visits of a municipality in
address order. Everything resolves the resident, the visit and the visitor through the
actor: another municipality's answers 404, like an id nobody has.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.accounts.models import User
from loket.crm.models import (
    CannotCome,
    ContactChannel,
    ContactDirection,
    ContactOutcome,
    HomeVisit,
    HomeVisitStatus,
    OutreachReason,
)
from loket.crm.services import ContactInput, contact_moment_record
from loket.people.models import Address, Person
from loket.people.selectors import person_get_visible
from loket.tenancy.access import Actor, ActorKind
from loket.tenancy.permissions import Permission

PLAN_DAYS_AHEAD = 366


def _staff(actor: Actor) -> User:
    if actor.kind is not ActorKind.STAFF or actor.user is None:
        raise PermissionDenied
    return actor.user


def outreach_resident(actor: Actor, person_id: int) -> Person:
    """A resident of a municipality where the actor records contacts, or 404."""
    person = person_get_visible(actor=actor, person_id=person_id)
    if not actor.has(Permission.CRM_RECORD, person.municipality_id):
        raise Http404
    return person


def cannot_come_current(*, actor: Actor, person: Person) -> CannotCome | None:
    if not actor.has(Permission.CRM_VIEW, person.municipality_id):
        return None
    return CannotCome.objects.filter(person=person, ended_at__isnull=True).first()


@transaction.atomic
def cannot_come_set(*, actor: Actor, person_id: int, reason: str, note: str = "") -> CannotCome:
    """Mark a resident as someone who cannot come (replacing an earlier reason)."""
    user = _staff(actor)
    person = outreach_resident(actor, person_id)
    if reason not in OutreachReason.values:
        raise ValidationError({"reason": _("Choose a reason.")})
    if len(note) > 500:
        raise ValidationError({"note": _("Keep the note under 500 characters.")})
    now = timezone.now()
    CannotCome.objects.filter(person=person, ended_at__isnull=True).update(
        ended_at=now, ended_by_user=actor.user
    )
    return CannotCome.objects.create(
        municipality_id=person.municipality_id,
        person=person,
        reason=reason,
        note=note.strip(),
        set_by_user=user,
        set_at=now,
    )


@transaction.atomic
def cannot_come_end(*, actor: Actor, person_id: int) -> int:
    """The resident can come again; returns how many marks ended (0 or 1)."""
    _staff(actor)
    person = outreach_resident(actor, person_id)
    return CannotCome.objects.filter(person=person, ended_at__isnull=True).update(
        ended_at=timezone.now(), ended_by_user=actor.user
    )


def _visitor(actor: Actor, municipality_id: int, visitor_id: int | None) -> User | None:
    """A staff member of the same municipality who records contacts, or a clear error."""
    if visitor_id is None:
        return None
    visitor = (
        User.objects.filter(
            pk=visitor_id, is_active=True, memberships__municipality_id=municipality_id
        )
        .distinct()
        .first()
    )
    if visitor is None:
        raise ValidationError({"visitor": _("Choose a staff member of this municipality.")})
    return visitor


@transaction.atomic
def home_visit_plan(
    *,
    actor: Actor,
    person_id: int,
    planned_on: dt.date,
    topic: str,
    planned_time: dt.time | None = None,
    visitor_id: int | None = None,
) -> HomeVisit:
    user = _staff(actor)
    person = outreach_resident(actor, person_id)
    today = timezone.localdate()
    if planned_on < today:
        raise ValidationError({"planned_on": _("Choose today or a later day.")})
    if planned_on > today + dt.timedelta(days=PLAN_DAYS_AHEAD):
        raise ValidationError({"planned_on": _("Plan at most a year ahead.")})
    topic = topic.strip()
    if not topic:
        raise ValidationError({"topic": _("Say what the visit is for.")})
    visitor = _visitor(actor, person.municipality_id, visitor_id)
    return HomeVisit.objects.create(
        municipality_id=person.municipality_id,
        person=person,
        planned_on=planned_on,
        planned_time=planned_time,
        topic=topic[:200],
        visitor=visitor,
        created_by_user=user,
    )


def home_visits_visible_to(*, actor: Actor) -> QuerySet[HomeVisit]:
    if actor.kind is not ActorKind.STAFF:
        return HomeVisit.objects.none()
    return HomeVisit.objects.filter(municipality_id__in=actor.municipality_ids(Permission.CRM_VIEW))


def home_visit_get_visible(*, actor: Actor, visit_id: int) -> HomeVisit:
    visit = (
        home_visits_visible_to(actor=actor)
        .select_related("person", "visitor", "municipality", "contact_moment")
        .filter(pk=visit_id)
        .first()
    )
    if visit is None:
        raise Http404
    return visit


def route_list(
    *, actor: Actor, day: dt.date, municipality_id: int | None = None
) -> list[HomeVisit]:
    """The visits of a day in address order (postal code, street, number), each with its
    current address as `address`."""
    current = Address.objects.filter(person=OuterRef("person_id"), valid_until__isnull=True)
    rows = (
        home_visits_visible_to(actor=actor)
        .filter(planned_on=day)
        .exclude(status=HomeVisitStatus.CANCELLED)
        .select_related("person", "visitor", "municipality")
        .annotate(
            postal_code=Subquery(current.values("postal_code")[:1]),
            street=Subquery(current.values("street")[:1]),
            number=Subquery(current.values("number")[:1]),
            box=Subquery(current.values("box")[:1]),
        )
        .order_by("postal_code", "street", "number", "planned_time", "pk")
    )
    if municipality_id is not None:
        rows = rows.filter(municipality_id=municipality_id)
    return list(rows)


@transaction.atomic
def home_visit_record(
    *, actor: Actor, visit_id: int, summary: str, outcome: str = ContactOutcome.ANSWERED
) -> HomeVisit:
    """The visit took place: a contact moment on the home-visit channel, linked."""
    _staff(actor)
    visit = home_visit_get_visible(actor=actor, visit_id=visit_id)
    if not actor.has(Permission.CRM_RECORD, visit.municipality_id):
        raise Http404
    locked = HomeVisit.objects.select_for_update().get(pk=visit.pk)
    if locked.status != HomeVisitStatus.PLANNED:
        raise ValidationError({"summary": _("This visit is not planned any more.")})
    contact = contact_moment_record(
        actor=actor,
        contact=ContactInput(
            channel=ContactChannel.HOME_VISIT,
            direction=ContactDirection.OUTBOUND,
            summary=summary,
            outcome=outcome,
            person_id=locked.person_id,
            topic=locked.topic,
        ),
        municipality_id=locked.municipality_id,
    )
    locked.status = HomeVisitStatus.DONE
    locked.contact_moment = contact
    locked.save(update_fields=["status", "contact_moment"])
    return locked


@transaction.atomic
def home_visit_cancel(*, actor: Actor, visit_id: int) -> HomeVisit:
    _staff(actor)
    visit = home_visit_get_visible(actor=actor, visit_id=visit_id)
    if not actor.has(Permission.CRM_RECORD, visit.municipality_id):
        raise Http404
    locked = HomeVisit.objects.select_for_update().get(pk=visit.pk)
    if locked.status != HomeVisitStatus.PLANNED:
        raise ValidationError({"summary": _("This visit is not planned any more.")})
    locked.status = HomeVisitStatus.CANCELLED
    locked.save(update_fields=["status"])
    return locked
