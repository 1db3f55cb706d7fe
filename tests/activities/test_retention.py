"""Retention of activity registrations: a registration of a period that ended before its
retention period loses the child, the parent, the idempotency scope and key and the notes of
its history; one of a recent period and one of a period still to come are untouched; the
counts per activity, period, month, status and channel, the places held, the prices and the
payment links stay the same; the back office still shows the period; the history stays
append-only outside the job (loket.activities.retention, docs/privacy.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from loket.activities.models import Activity, Period, Registration, RegistrationEvent
from loket.activities.selectors import periods_with_places, registrations_of_resident
from loket.activities.services import (
    period_add,
    registration_cancel,
    registration_create,
    registration_payment_ensure,
)
from loket.activities.workflow import RegistrationStatus
from loket.audit.models import AccessLogEntry, AnonymisationRecord
from loket.audit.retention import retention_rule_set, retention_run
from loket.people.models import Person
from loket.tenancy.access import actor_for_resident
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.activities.helpers import PERIOD_START, activity_with_period, admin_actor, family
from tests.factories import staff_member

pytestmark = pytest.mark.django_db
S = RegistrationStatus

REASON = "Tom Peeters is allergisch voor noten en werd ziek op dag 2; mama belt 0470 11 12 22"


def _register(parent: Person, child: Person, period: Period, key: str) -> Registration:
    return registration_create(
        actor=actor_for_resident(parent.pk),
        period_id=period.pk,
        child_id=child.pk,
        idempotency_key=key,
    ).registration


def _period(activity: Activity, label: str, capacity: int = 5) -> Period:
    return period_add(
        actor=admin_actor(activity.municipality),
        activity=activity,
        label=label,
        starts_on=PERIOD_START,
        ends_on=PERIOD_START + dt.timedelta(days=4),
        capacity=capacity,
    )


def _ended(period: Period, days_ago: int) -> None:
    """As if the period ended `days_ago` days ago and its registrations last changed then
    (setting up a test, not a feature)."""
    ends_on = timezone.localdate() - dt.timedelta(days=days_ago)
    Period.objects.filter(pk=period.pk).update(
        starts_on=ends_on - dt.timedelta(days=4), ends_on=ends_on
    )
    Registration.objects.filter(period=period).update(
        updated_at=timezone.now() - dt.timedelta(days=days_ago)
    )


def _counts() -> list[dict[str, Any]]:
    return list(
        Registration.objects.values(
            "municipality_id",
            "activity_id",
            "period_id",
            "status",
            "channel",
            "is_resident",
            "social_tariff",
            month=TruncMonth("created_at"),
        )
        .annotate(
            n=Count("pk", distinct=True),
            history=Count("events"),
            price=Sum("price_cents"),
            paid=Count("paid_at"),
            with_payment=Count("payment_request"),
            seats=Count("seat"),
        )
        .order_by("period_id", "status", "channel")
    )


def _events() -> list[dict[str, Any]]:
    return list(
        RegistrationEvent.objects.values(
            "registration_id", "kind", "from_status", "to_status", "actor_user"
        )
        .annotate(n=Count("pk"))
        .order_by("registration_id", "kind", "to_status")
    )


def _places(activity: Activity) -> list[tuple[int, int, int]]:
    return [
        (period.pk, period.held, period.waiting)  # type: ignore[attr-defined]
        for period in periods_with_places(activity=activity)
    ]


def test_a_finished_registration_loses_the_family_and_the_rest_stays(
    municipality: Municipality,
) -> None:
    activity, old_period = activity_with_period(municipality, capacity=1)
    recent_period = _period(activity, "Week 2")
    future_period = _period(activity, "Week 3")
    first_parent, (first, sibling) = family(municipality, children=2, name="Peeters")
    second_parent, (second,) = family(municipality, name="Janssens")
    # Three years ago: a confirmed place (asked to pay), a child who left the waiting list
    # and one the staff took off it with a note.
    confirmed = _register(first_parent, first, old_period, "a")
    registration_payment_ensure(registration_id=confirmed.pk)
    left = _register(second_parent, second, old_period, "b")
    registration_cancel(actor=actor_for_resident(second_parent.pk), registration_id=left.pk)
    taken_off = _register(first_parent, sibling, old_period, "c")
    registration_cancel(
        actor=admin_actor(municipality), registration_id=taken_off.pk, reason=REASON
    )
    _ended(old_period, 3 * 365)
    # A week that ended 100 days ago (within the period), one still to come whose
    # registration was made long ago (never due, however old).
    recent = _register(first_parent, first, recent_period, "d")
    registration_cancel(actor=admin_actor(municipality), registration_id=recent.pk, reason=REASON)
    _ended(recent_period, 100)
    future = _register(second_parent, second, future_period, "e")
    Registration.objects.filter(pk=future.pk).update(
        updated_at=timezone.now() - dt.timedelta(days=3 * 365)
    )
    old = {r.pk: r for r in Registration.objects.filter(period=old_period)}
    untouched = list(
        Registration.objects.filter(pk__in=[recent.pk, future.pk]).order_by("pk").values()
    )
    untouched_events = list(
        RegistrationEvent.objects.filter(registration__in=[recent, future]).order_by("pk").values()
    )
    counts, events, places = _counts(), _events(), _places(activity)
    assert old[confirmed.pk].payment_request_id is not None
    assert RegistrationEvent.objects.filter(registration=taken_off, note=REASON).exists()
    assert RegistrationEvent.objects.filter(registration=left, actor_person_id__isnull=False)

    dry = retention_run(dry_run=True)
    assert dry.counts == {(municipality.slug, "activity_registrations"): 3}
    assert Registration.objects.filter(child__isnull=False).count() == 5  # nothing changed

    plan = retention_run()

    assert plan.counts == {(municipality.slug, "activity_registrations"): 3}
    for registration in Registration.objects.filter(period=old_period):
        before = old[registration.pk]
        assert (registration.child_id, registration.parent_id) == (None, None)
        assert (registration.idempotency_scope, registration.idempotency_key) == (
            "anonymised",
            str(registration.pk),
        )
        # What the counts, the places and the takings read stays.
        assert (
            registration.municipality_id,
            registration.activity_id,
            registration.status,
            registration.seat_id,
            registration.arrival,
            registration.is_resident,
            registration.social_tariff,
            registration.price_cents,
            registration.reductions,
            registration.payment_request_id,
            registration.paid_at,
            registration.payment_due_at,
            registration.channel,
            registration.created_at,
            registration.updated_at,
        ) == (
            before.municipality_id,
            before.activity_id,
            before.status,
            before.seat_id,
            before.arrival,
            before.is_resident,
            before.social_tariff,
            before.price_cents,
            before.reductions,
            before.payment_request_id,
            before.paid_at,
            before.payment_due_at,
            before.channel,
            before.created_at,
            before.updated_at,
        )
    old_events = RegistrationEvent.objects.filter(registration__period=old_period)
    assert set(old_events.values_list("note", flat=True)) == {""}
    assert not old_events.filter(actor_person_id__isnull=False).exists()
    assert old_events.filter(actor_user__isnull=False).exists()  # staff stay
    assert (
        list(Registration.objects.filter(pk__in=[recent.pk, future.pk]).order_by("pk").values())
        == untouched
    )
    assert (
        list(
            RegistrationEvent.objects.filter(registration__in=[recent, future])
            .order_by("pk")
            .values()
        )
        == untouched_events
    )
    assert RegistrationEvent.objects.filter(registration=recent, note=REASON).exists()
    assert (_counts(), _events(), _places(activity)) == (counts, events, places)
    assert set(AnonymisationRecord.objects.values_list("kind", "object_id")) == {
        ("activity_registrations", pk) for pk in old
    }
    # The parent's and the child's own registrations no longer hold them.
    own = registrations_of_resident(
        actor=actor_for_resident(first_parent.pk), person_id=first_parent.pk
    )
    assert [r.pk for r in own] == [recent.pk]
    # Idempotent.
    assert retention_run().total == 0

    # The back office still shows the period and its attendance list, naming nobody and
    # writing nobody's access log for the anonymised places.
    staff = Client()
    staff.force_login(staff_member(municipality, Role.MUNICIPAL_ADMIN))
    logged = AccessLogEntry.objects.count()
    page = staff.get(
        reverse("activities:backoffice-period", args=[old_period.pk]), {"purpose": "case_handling"}
    )
    pdf = staff.get(
        reverse("activities:backoffice-period-attendance", args=[old_period.pk]),
        {"purpose": "case_handling"},
    )
    assert page.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    assert AccessLogEntry.objects.count() == logged


def test_a_municipalitys_longer_period_keeps_its_registrations(
    municipality: Municipality,
) -> None:
    retention_rule_set(municipality=municipality, kind_code="activity_registrations", days=1825)
    _activity, period = activity_with_period(municipality)
    parent, (child,) = family(municipality)
    kept = _register(parent, child, period, "a")
    _ended(period, 3 * 365)

    assert retention_run().total == 0
    assert Registration.objects.get(pk=kept.pk).child_id == child.pk


def test_the_history_stays_append_only_outside_the_job(municipality: Municipality) -> None:
    _activity, period = activity_with_period(municipality)
    parent, (child,) = family(municipality)
    old = _register(parent, child, period, "a")
    _ended(period, 3 * 365)
    retention_run()

    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationEvent.objects.filter(registration=old).update(note="changed")
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationEvent.objects.filter(registration=old).delete()
