"""Public ticket-taking cannot flood a queue, jump it, or send messages to anyone's number."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from loket.queue.models import Ticket, TicketChannel
from loket.queue.services import ticket_take
from loket.tenancy.access import ANONYMOUS

pytestmark = pytest.mark.django_db


@override_settings(LOKET_QUEUE_TICKETS_PER_MINUTE=2)
def test_the_phone_page_refuses_a_flood_from_one_address_and_writes_nothing(
    client, office, queue
) -> None:
    for _ in range(2):
        assert client.post(f"/wachtrij/{office.pk}/", {"queue": queue.pk}).status_code == 302

    refused = client.post(f"/wachtrij/{office.pk}/", {"queue": queue.pk})

    assert refused.status_code == 429
    assert "Er werden kort na elkaar veel tickets genomen" in refused.content.decode()
    assert Ticket.objects.count() == 2


@override_settings(LOKET_QUEUE_TICKETS_PER_MINUTE=1)
def test_the_api_refuses_a_flood_with_a_translated_429(client, office, queue) -> None:
    url = f"/api/v1/queue/offices/{office.pk}/tickets"
    first = client.post(url, {"queue_id": queue.pk}, content_type="application/json")
    assert first.status_code == 201

    refused = client.post(
        url, {"queue_id": queue.pk}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="fr"
    )

    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "throttled"
    assert refused.json()["error"]["message"].startswith("Beaucoup de tickets")
    assert Ticket.objects.count() == 1


def test_only_the_kiosk_grants_priority(client, office, queue) -> None:
    client.post(f"/wachtrij/{office.pk}/", {"queue": queue.pk, "priority": "on"})
    client.post(f"/wachtrij/{office.pk}/kiosk/", {"queue": queue.pk, "priority": "on"})
    client.post(
        f"/api/v1/queue/offices/{office.pk}/tickets",
        {"queue_id": queue.pk, "priority": True},
        content_type="application/json",
    )

    by_channel = [(t.channel, t.priority) for t in Ticket.objects.order_by("sequence")]
    assert by_channel == [("phone", False), ("kiosk", True), ("kiosk", False)]


def test_one_number_gets_messages_for_three_tickets_a_day_at_most(office, queue) -> None:
    for _ in range(3):
        ticket_take(
            actor=ANONYMOUS,
            office=office,
            queue_id=queue.pk,
            channel=TicketChannel.PHONE,
            phone="0470 12 34 56",
        )

    with pytest.raises(ValidationError) as refused:
        ticket_take(
            actor=ANONYMOUS,
            office=office,
            queue_id=queue.pk,
            channel=TicketChannel.PHONE,
            phone="0470123456",
        )

    assert list(refused.value.message_dict) == ["phone"]
    assert Ticket.objects.count() == 3
