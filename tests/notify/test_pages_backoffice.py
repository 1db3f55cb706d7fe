"""The back-office pages of the notify domain: messages and the demo text-message outbox."""

from __future__ import annotations

import pytest
from django.urls import reverse
from tests.factories import PersonFactory, staff_member

from loket.audit.models import AccessLogEntry
from loket.notify.channels.base import OutgoingMessage, Recipient
from loket.notify.channels.sms import SMS_GATEWAYS
from loket.notify.delivery import notification_deliver
from loket.notify.models import DemoSmsMessage, Notification
from loket.notify.services import notification_send
from loket.tenancy.permissions import Role

DECISION = {
    "case_reference": "R-7",
    "case_title": "Premie",
    "decision": "Goedgekeurd.",
    "case_url": "https://loket.test/r/7/",
}


def _delivered(person, municipality, key="k", attachments=()):
    notification = notification_send(
        recipient=person,
        event="decision.made",
        context=DECISION,
        municipality=municipality,
        idempotency_key=key,
        attachments=attachments,
    )
    notification_deliver(notification_id=notification.pk)
    return Notification.objects.get(pk=notification.pk)


@pytest.mark.django_db
def test_staff_list_messages_of_their_municipality_per_status_and_resident(
    client, municipality, other_municipality
):
    person = PersonFactory(municipality=municipality, preferred_channels=["portal"])
    mine = _delivered(person, municipality)
    queued = notification_send(
        recipient=PersonFactory(municipality=municipality),
        event="decision.made",
        context={**DECISION, "case_reference": "R-QUEUED"},
        municipality=municipality,
        idempotency_key="q",
    )
    foreign = _delivered(
        PersonFactory(municipality=other_municipality, preferred_channels=["portal"]),
        other_municipality,
        "other",
    )
    client.force_login(staff_member(municipality, Role.CLERK, preferred_language="en"))

    everything = client.get(reverse("notify:message-list")).content.decode()
    delivered = client.get(reverse("notify:message-list"), {"status": "delivered"}).content.decode()
    of_person = client.get(reverse("notify:message-list"), {"person": person.pk}).content.decode()

    detail_url = reverse("notify:message-detail", args=[mine.pk])
    assert detail_url in everything
    assert reverse("notify:message-detail", args=[queued.pk]) in everything
    assert reverse("notify:message-detail", args=[foreign.pk]) not in everything
    assert reverse("notify:message-detail", args=[queued.pk]) not in delivered
    assert detail_url in delivered
    assert detail_url in of_person
    assert reverse("notify:message-detail", args=[queued.pk]) not in of_person


@pytest.mark.django_db
def test_opening_a_message_asks_why_and_logs_the_access(client, municipality, other_municipality):
    person = PersonFactory(municipality=municipality, preferred_channels=["portal"])
    notification = _delivered(person, municipality)
    foreign = _delivered(
        PersonFactory(municipality=other_municipality, preferred_channels=["portal"]),
        other_municipality,
        "other",
    )
    clerk = staff_member(municipality, Role.CLERK, preferred_language="en")
    client.force_login(clerk)
    url = reverse("notify:message-detail", args=[notification.pk])

    asked = client.get(url)
    assert asked.status_code == 200
    assert "Why do you open this message?" in asked.content.decode()
    assert AccessLogEntry.objects.count() == 0

    opened = client.get(url, {"purpose": "case_handling"})
    assert opened.status_code == 200
    page = opened.content.decode()
    assert "Goedgekeurd." in page
    assert "<dd>Delivered</dd>" in page
    entry = AccessLogEntry.objects.get()
    assert (entry.person, entry.user, entry.purpose) == (person, clerk, "case_handling")

    other = client.get(
        reverse("notify:message-detail", args=[foreign.pk]), {"purpose": "case_handling"}
    )
    assert other.status_code == 404
    assert AccessLogEntry.objects.count() == 1


@pytest.mark.django_db
def test_staff_without_the_permission_are_refused(client, municipality):
    client.force_login(staff_member(municipality, Role.DISPATCHER, preferred_language="en"))

    assert client.get(reverse("notify:message-list")).status_code == 403
    assert client.get(reverse("notify:sms-outbox")).status_code == 403
    assert client.get(reverse("notify:template-list")).status_code == 403


@pytest.mark.django_db
def test_the_demo_sms_outbox_shows_the_texts(client, municipality):
    person = PersonFactory(
        municipality=municipality, preferred_channels=["sms"], phone="0470 00 00 01"
    )
    _delivered(person, municipality)
    client.force_login(staff_member(municipality, Role.CLERK, preferred_language="en"))

    page = client.get(reverse("notify:sms-outbox")).content.decode()

    assert "+32470000001" in page
    assert "er is een beslissing over uw aanvraag R-7" in page


@pytest.mark.django_db
def test_the_demo_gateway_keeps_a_text_to_someone_outside_the_register(client, municipality):
    """A ticket holder or a guest who booked without an account has no notification: the
    demo gateway keeps the text all the same, and the outbox shows it."""
    message = OutgoingMessage(
        notification_id=0,
        municipality_id=municipality.pk,
        municipality_name=municipality.name,
        recipient=Recipient(name="", language="nl", phone="+32470000009"),
        address="+32470000009",
        language="nl",
        subject="",
        body="",
        html="",
        sms="Uw beurt komt over ongeveer 5 minuten: A-012.",
        message_id="<ticket-alert@loket.test>",
    )

    receipt = SMS_GATEWAYS.create("demo").send(to="+32470000009", text=message.sms, message=message)

    stored = DemoSmsMessage.objects.get()
    assert receipt.provider_reference == f"demo-{stored.pk}"
    assert stored.notification_id is None
    client.force_login(staff_member(municipality, Role.CLERK, preferred_language="en"))
    page = client.get(reverse("notify:sms-outbox")).content.decode()
    assert "Uw beurt komt over ongeveer 5 minuten: A-012." in page
