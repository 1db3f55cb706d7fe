"""Retention of queue tickets: a ticket of a day past its period loses the resident (person,
mobile number, e-mail address) and its "your turn" message its address and variables; a
recent ticket and one still waiting today are untouched; the counts per month, status and
channel, the dashboard figures and the open-data waiting times stay the same
(loket.queue.retention)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Count, F
from django.db.models.functions import TruncMonth

from loket.appointments.models import Desk, Office
from loket.audit.models import AnonymisationRecord
from loket.audit.retention import retention_rule_set, retention_run
from loket.insights.figures import figures_refresh
from loket.insights.models import MonthlyFigure
from loket.opendata.datasets import waiting_times_build
from loket.queue.models import Queue, Ticket, TicketAlert, TicketChannel, TicketEvent
from loket.queue.services import desk_session_open, ticket_call_next, ticket_take, ticket_transition
from loket.tenancy.access import ANONYMOUS, Actor
from loket.tenancy.models import Municipality
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

PHONE = "+32470111222"


def _take(office: Office, queue: Queue, **kwargs: object) -> Ticket:
    return ticket_take(
        actor=ANONYMOUS,
        office=office,
        queue_id=queue.pk,
        channel=TicketChannel.KIOSK,
        **kwargs,  # type: ignore[arg-type]
    )


def _serve(actor: Actor, desk: Desk, to_status: str = "done") -> Ticket:
    ticket = ticket_call_next(actor=actor, desk_id=desk.pk)
    assert ticket is not None
    if to_status == "done":
        ticket_transition(actor=actor, ticket_id=ticket.pk, to_status="serving")
    ticket_transition(actor=actor, ticket_id=ticket.pk, to_status=to_status)
    return ticket


def _shift(ticket: Ticket, days: int) -> None:
    """As if it was taken `days` days earlier (setting up a test, not a feature)."""
    shift = dt.timedelta(days=days)
    Ticket.objects.filter(pk=ticket.pk).update(
        day=F("day") - shift,
        taken_at=F("taken_at") - shift,
        called_at=F("called_at") - shift,
        serving_at=F("serving_at") - shift,
        finished_at=F("finished_at") - shift,
    )


def _counts() -> list[dict[str, object]]:
    return list(
        Ticket.objects.annotate(month=TruncMonth("day"))
        .values("municipality_id", "month", "status", "channel", "queue_id", "priority")
        .annotate(n=Count("pk"), events=Count("events"), called=Count("called_at"))
        .order_by("month", "status", "channel")
    )


def _figures() -> list[tuple[object, ...]]:
    figures_refresh()
    return list(
        MonthlyFigure.objects.order_by("pk").values_list(
            "municipality_id", "month", "measure", "key", "count", "part", "total", "median"
        )
    )


def test_an_old_ticket_loses_the_resident_and_the_rest_stays(
    municipality: Municipality, office: Office, queue: Queue, desk: Desk, clerk_actor: Actor
) -> None:
    resident = PersonFactory(municipality=municipality)
    desk_session_open(actor=clerk_actor, desk_id=desk.pk)
    done = _take(office, queue, phone=PHONE)
    missed = _take(office, queue, email="wachtende@example.test")
    for_resident = ticket_take(
        actor=clerk_actor,
        office=office,
        queue_id=queue.pk,
        channel=TicketChannel.CLERK,
        person=resident,
        priority=True,
    )
    recent = _take(office, queue, phone=PHONE)
    left_waiting = _take(office, queue, email="vergeten@example.test")
    waiting_today = _take(office, queue, email="nu@example.test", phone="+32470333444")
    assert _serve(clerk_actor, desk) == for_resident  # priority: called first
    assert _serve(clerk_actor, desk) == done
    assert _serve(clerk_actor, desk, "no_show") == missed
    assert _serve(clerk_actor, desk) == recent
    # "Your turn is near" (the calls above may have queued it already): one that failed.
    TicketAlert.objects.update_or_create(
        ticket=done,
        channel="sms",
        defaults={
            "address": PHONE,
            "language": "nl",
            "notify_event": "queue.turn_soon",
            "context": {"recipient_name": "Jan Peeters", "ticket_code": done.code},
            "status": "failed",
            "attempts": 3,
            "detail": f"{PHONE} unreachable",
            "message_id": "<1.ticket@loket.test>",
        },
    )
    TicketAlert.objects.update_or_create(
        ticket=waiting_today,
        channel="sms",
        defaults={
            "address": "+32470333444",
            "language": "nl",
            "notify_event": "queue.turn_soon",
            "context": {"ticket_code": waiting_today.code},
            "message_id": "<2.ticket@loket.test>",
        },
    )
    old = [done, missed, for_resident, left_waiting]
    for ticket in old:
        _shift(ticket, 200)
    _shift(recent, 20)
    old_ids = [ticket.pk for ticket in old]
    kept_fields = (
        "pk",
        "queue_id",
        "day",
        "code",
        "status",
        "channel",
        "priority",
        "language",
        "desk_id",
        "called_by_id",
        "estimate_minutes",
        "taken_at",
        "called_at",
        "finished_at",
    )
    old_before = list(Ticket.objects.filter(pk__in=old_ids).order_by("pk").values(*kept_fields))
    alert_before = TicketAlert.objects.filter(ticket=done).values("channel", "status").get()
    assert TicketAlert.objects.filter(ticket__in=old).exclude(address="").exists()
    recent_before = Ticket.objects.filter(pk=recent.pk).values().get()
    today_before = Ticket.objects.filter(pk=waiting_today.pk).values().get()
    today_alerts = list(TicketAlert.objects.filter(ticket=waiting_today).values())
    events_before = list(TicketEvent.objects.order_by("pk").values())
    counts = _counts()
    figures = _figures()
    assert any(row[2] == "queue" for row in figures)
    open_data = waiting_times_build(municipality.region, None).rows

    plan = retention_run()

    assert plan.counts == {(municipality.slug, "queue_tickets"): 4}
    for ticket in Ticket.objects.filter(pk__in=old_ids):
        assert ticket.person_id is None
        assert (ticket.phone, ticket.email, ticket.legacy_token_hash) == ("", "", "")
    assert list(Ticket.objects.filter(pk__in=old_ids).order_by("pk").values(*kept_fields)) == (
        old_before
    )
    alert = TicketAlert.objects.get(ticket=done)
    assert (alert.address, alert.context, alert.detail) == ("", {}, "")
    assert not TicketAlert.objects.filter(ticket__in=old).exclude(address="", context={}, detail="")
    assert {"channel": alert.channel, "status": alert.status} == alert_before
    assert not Ticket.objects.filter(person=resident).exists()

    assert Ticket.objects.filter(pk=recent.pk).values().get() == recent_before
    assert Ticket.objects.filter(pk=waiting_today.pk).values().get() == today_before
    assert list(TicketAlert.objects.filter(ticket=waiting_today).values()) == today_alerts
    assert list(TicketEvent.objects.order_by("pk").values()) == events_before

    assert _counts() == counts
    assert _figures() == figures
    assert waiting_times_build(municipality.region, None).rows == open_data
    assert set(AnonymisationRecord.objects.values_list("kind", "object_id")) == {
        ("queue_tickets", pk) for pk in old_ids
    }
    assert retention_run().total == 0


def test_a_municipalitys_longer_period_keeps_its_tickets(
    municipality: Municipality, office: Office, queue: Queue
) -> None:
    retention_rule_set(municipality=municipality, kind_code="queue_tickets", days=365)
    ticket = _take(office, queue, email="lang@example.test")
    _shift(ticket, 200)
    assert retention_run().total == 0
    ticket.refresh_from_db()
    assert ticket.email == "lang@example.test"
