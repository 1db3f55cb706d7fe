"""Retention of appointments: an appointment whose time is past its period loses the
resident (person, name, e-mail address, phone, the limit's key), the reasons in its history,
the guest messages' addresses and its manage links; a recent one and a future one are
untouched; the counts per month, status and channel and the dashboard figures stay the same;
the history still refuses changes outside the job (loket.appointments.retention)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, InternalError, transaction
from django.db.models import Count, F
from django.db.models.functions import TruncMonth

from loket.appointments.models import (
    Appointment,
    AppointmentEvent,
    Desk,
    GuestMessage,
    ManageLink,
    OfficeProduct,
)
from loket.appointments.services import Holder, appointment_book, appointment_transition
from loket.appointments.workflow import AppointmentStatus
from loket.audit.models import AnonymisationRecord
from loket.audit.retention import retention_rule_set, retention_run
from loket.insights.figures import figures_refresh
from loket.insights.models import MonthlyFigure
from loket.tenancy.access import ANONYMOUS, Actor, actor_for_resident
from loket.tenancy.models import Municipality
from tests.appointments.helpers import at, next_open_day
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

REASON = "Jan Peeters ligt in het ziekenhuis, zijn dochter belde af (0470 99 88 77)"


def _booked(
    office_product: OfficeProduct,
    *,
    hour: int,
    minute: int,
    holder: Holder,
    actor: Actor = ANONYMOUS,
) -> Appointment:
    return appointment_book(
        actor=actor,
        office_product=office_product,
        starts_at=at(next_open_day(), hour, minute),
        holder=holder,
    ).appointment


def _guest(tag: str) -> Holder:
    return Holder(name=f"Ann Desmet {tag}", email=f"ann.{tag}@example.test", phone="+32470111222")


def _shift(appointment: Appointment, days: int) -> None:
    """As if its time was `days` days earlier (setting up a test, not a feature)."""
    shift = dt.timedelta(days=days)
    Appointment.objects.filter(pk=appointment.pk).update(
        starts_at=F("starts_at") - shift,
        ends_at=F("ends_at") - shift,
        created_at=F("created_at") - shift,
    )


def _counts() -> list[dict[str, object]]:
    return list(
        Appointment.objects.annotate(month=TruncMonth("starts_at"))
        .values("municipality_id", "month", "status", "channel", "product_id", "office_id")
        .annotate(n=Count("pk"), events=Count("events"))
        .order_by("month", "status", "channel")
    )


def _figures() -> list[tuple[object, ...]]:
    figures_refresh()
    return list(
        MonthlyFigure.objects.order_by("pk").values_list(
            "municipality_id", "month", "measure", "key", "count", "part", "total", "median"
        )
    )


def test_a_past_appointment_loses_the_resident_and_the_rest_stays(
    municipality: Municipality,
    office_product: OfficeProduct,
    desk: Desk,
    clerk_actor: Actor,
) -> None:
    resident = PersonFactory(municipality=municipality)
    held = _booked(office_product, hour=9, minute=0, holder=_guest("held"))
    missed = _booked(office_product, hour=9, minute=15, holder=_guest("missed"))
    cancelled = _booked(
        office_product,
        hour=9,
        minute=30,
        holder=Holder(person=resident),
        actor=actor_for_resident(resident.pk),
    )
    recent = _booked(office_product, hour=9, minute=45, holder=_guest("recent"))
    future = _booked(office_product, hour=10, minute=0, holder=_guest("future"))
    appointment_transition(
        actor=clerk_actor, appointment=held, to_status=AppointmentStatus.HELD, reason=REASON
    )
    appointment_transition(
        actor=clerk_actor, appointment=missed, to_status=AppointmentStatus.NO_SHOW, reason=REASON
    )
    appointment_transition(
        actor=clerk_actor,
        appointment=cancelled,
        to_status=AppointmentStatus.CANCELLED,
        reason=REASON,
    )
    appointment_transition(
        actor=clerk_actor, appointment=recent, to_status=AppointmentStatus.HELD, reason=REASON
    )
    for old in (held, missed, cancelled):
        _shift(old, 400)
    _shift(recent, 100)
    old_ids = [held.pk, missed.pk, cancelled.pk]
    assert GuestMessage.objects.filter(appointment_id__in=old_ids).exists()
    assert ManageLink.objects.filter(appointment_id__in=old_ids).exists()
    old_before = {
        row["pk"]: row
        for row in Appointment.objects.filter(pk__in=old_ids).values(
            "pk", "reference", "status", "channel", "starts_at", "ends_at", "desk_id", "language"
        )
    }
    events_before = list(
        AppointmentEvent.objects.filter(appointment_id__in=old_ids)
        .order_by("pk")
        .values_list("appointment_id", "kind", "from_status", "to_status", "data", "created_at")
    )
    recent_before = Appointment.objects.filter(pk=recent.pk).values().get()
    future_before = Appointment.objects.filter(pk=future.pk).values().get()
    untouched_events = list(
        AppointmentEvent.objects.filter(appointment_id__in=[recent.pk, future.pk])
        .order_by("pk")
        .values()
    )
    untouched_messages = list(
        GuestMessage.objects.filter(appointment_id__in=[recent.pk, future.pk])
        .order_by("pk")
        .values()
    )
    counts = _counts()
    figures = _figures()
    assert any(row[2] == "appointments" for row in figures)

    dry = retention_run(dry_run=True)
    assert dry.counts == {(municipality.slug, "appointments_past"): 3}
    plan = retention_run()

    assert plan.counts == {(municipality.slug, "appointments_past"): 3}
    for anonymised in Appointment.objects.filter(pk__in=old_ids):
        assert anonymised.person_id is None
        assert (anonymised.name, anonymised.email, anonymised.phone) == ("", "", "")
        assert anonymised.holder_key == ""
        kept = {key: getattr(anonymised, key) for key in old_before[anonymised.pk] if key != "pk"}
        assert {"pk": anonymised.pk, **kept} == old_before[anonymised.pk]
    assert not AppointmentEvent.objects.filter(appointment_id__in=old_ids).exclude(message="")
    assert (
        list(
            AppointmentEvent.objects.filter(appointment_id__in=old_ids)
            .order_by("pk")
            .values_list("appointment_id", "kind", "from_status", "to_status", "data", "created_at")
        )
        == events_before
    )
    messages = GuestMessage.objects.filter(appointment_id__in=old_ids)
    assert messages.exists()
    assert not messages.exclude(address="", context={}, detail="")
    assert not ManageLink.objects.filter(appointment_id__in=old_ids).exists()
    # The resident's own list no longer holds it.
    assert not Appointment.objects.filter(person=resident).exists()

    assert Appointment.objects.filter(pk=recent.pk).values().get() == recent_before
    assert Appointment.objects.filter(pk=future.pk).values().get() == future_before
    assert (
        list(
            AppointmentEvent.objects.filter(appointment_id__in=[recent.pk, future.pk])
            .order_by("pk")
            .values()
        )
        == untouched_events
    )
    assert (
        list(
            GuestMessage.objects.filter(appointment_id__in=[recent.pk, future.pk])
            .order_by("pk")
            .values()
        )
        == untouched_messages
    )
    assert ManageLink.objects.filter(appointment=future).exists()

    assert _counts() == counts
    assert _figures() == figures
    assert set(AnonymisationRecord.objects.values_list("kind", "object_id")) == {
        ("appointments_past", pk) for pk in old_ids
    }
    assert retention_run().total == 0


def test_the_history_still_refuses_changes_outside_the_job(
    municipality: Municipality, office_product: OfficeProduct, desk: Desk, clerk_actor: Actor
) -> None:
    appointment = _booked(office_product, hour=9, minute=0, holder=_guest("old"))
    appointment_transition(
        actor=clerk_actor,
        appointment=appointment,
        to_status=AppointmentStatus.CANCELLED,
        reason=REASON,
    )
    _shift(appointment, 400)
    events = AppointmentEvent.objects.filter(appointment=appointment)
    with pytest.raises((IntegrityError, InternalError)), transaction.atomic():
        events.update(message="")
    retention_run()
    assert not events.exclude(message="").exists()
    with pytest.raises((IntegrityError, InternalError)), transaction.atomic():
        events.update(message=REASON)
    with pytest.raises((IntegrityError, InternalError)), transaction.atomic():
        events.delete()
    assert events.count() == 2


def test_a_municipalitys_longer_period_keeps_its_appointments(
    municipality: Municipality, office_product: OfficeProduct, desk: Desk
) -> None:
    retention_rule_set(municipality=municipality, kind_code="appointments_past", days=730)
    appointment = _booked(office_product, hour=9, minute=0, holder=_guest("kept"))
    _shift(appointment, 400)
    assert retention_run().total == 0
    appointment.refresh_from_db()
    assert appointment.email == "ann.kept@example.test"
