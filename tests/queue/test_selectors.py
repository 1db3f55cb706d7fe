"""Reads of the queue: what each actor sees, and the waits achieved for dashboards."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404
from django.utils import timezone

from loket.queue.models import Ticket, TicketChannel
from loket.queue.selectors import ticket_by_token, ticket_get_visible, waits_achieved
from loket.queue.services import ticket_take
from loket.tenancy.access import ANONYMOUS, actor_for_user
from loket.tenancy.permissions import Role
from tests.factories import staff_member

pytestmark = pytest.mark.django_db


def _take(office, queue, when):  # type: ignore[no-untyped-def]
    return ticket_take(
        actor=ANONYMOUS, office=office, queue_id=queue.pk, channel=TicketChannel.KIOSK, now=when
    )


def test_waits_achieved_per_office_queue_and_hour(office, queue, clerk_actor) -> None:
    start = timezone.localtime().replace(hour=9, minute=5, second=0, microsecond=0)
    for minutes_waited in (4, 10):
        ticket = _take(office, queue, start)
        Ticket.objects.filter(pk=ticket.pk).update(
            status="done", called_at=start + dt.timedelta(minutes=minutes_waited)
        )
    _take(office, queue, start)  # still waiting: not counted

    rows = waits_achieved(actor=clerk_actor, first_day=start.date(), last_day=start.date())

    assert len(rows) == 1
    row = rows[0]
    assert (row.office_id, row.queue_id, row.hour, row.tickets) == (office.pk, queue.pk, 9, 2)
    assert (row.mean_wait_minutes, row.max_wait_minutes) == (7.0, 10.0)


def test_staff_of_another_municipality_see_no_waits_and_no_ticket(
    office, queue, other_municipality
) -> None:
    ticket = _take(office, queue, timezone.now())
    Ticket.objects.filter(pk=ticket.pk).update(called_at=timezone.now())
    stranger = actor_for_user(staff_member(other_municipality, Role.CLERK))
    today = timezone.localdate()

    assert waits_achieved(actor=stranger, first_day=today, last_day=today) == []
    with pytest.raises(Http404):
        ticket_get_visible(actor=stranger, ticket_id=ticket.pk)


def test_a_token_that_is_not_a_uuid_answers_404() -> None:
    with pytest.raises(Http404):
        ticket_by_token(token="../../etc/passwd")


def test_a_public_holiday_closes_the_office_even_with_special_hours_like_appointments(
    office,
) -> None:
    from loket.appointments.availability import office_days
    from loket.appointments.models import SpecialHours
    from loket.queue.selectors import office_is_open

    christmas = dt.date(2026, 12, 25)
    office.closed_on_public_holidays = True
    office.save(update_fields=["closed_on_public_holidays"])
    SpecialHours.objects.create(
        office=office, date=christmas, opens_at=dt.time(9, 0), closes_at=dt.time(12, 0)
    )
    moment = timezone.make_aware(dt.datetime.combine(christmas, dt.time(10, 0)))

    assert office_days(office, christmas, christmas)[0].closed_reason == "holiday"
    assert office_is_open(office=office, moment=moment) is False
