"""The resident's inbox."""

from __future__ import annotations

import pytest
from django.urls import reverse
from tests.factories import PersonFactory
from tests.web.helpers import sign_in_resident

from loket.notify.channels.base import AttachmentFile
from loket.notify.delivery import notification_deliver
from loket.notify.models import InboxMessage, Notification
from loket.notify.selectors import inbox_unread_count
from loket.notify.services import notification_send

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
def test_the_inbox_shows_messages_and_counts_unread_ones(client, municipality):
    person = PersonFactory(
        municipality=municipality, preferred_channels=["portal"], preferred_language="en"
    )
    _delivered(person, municipality, "k1")
    _delivered(
        person, municipality, "k2", [AttachmentFile("besluit.pdf", "application/pdf", b"%PDF")]
    )
    stranger = PersonFactory(municipality=municipality, preferred_channels=["portal"])
    _delivered(stranger, municipality, "k1")
    sign_in_resident(client, person)

    assert inbox_unread_count(person=person) == 2
    response = client.get(reverse("notify:inbox"))

    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("Decision on your request R-7") == 2  # once per message: one list
    assert "You have 2 unread messages." in page
    message = InboxMessage.objects.filter(person=person).order_by("id").last()
    assert message is not None

    opened = client.get(reverse("notify:inbox-message", args=[message.pk]))

    assert opened.status_code == 200
    assert "Goedgekeurd." in opened.content.decode()
    assert inbox_unread_count(person=person) == 1
    attachment = message.notification.attachments.get()
    download = client.get(reverse("notify:inbox-attachment", args=[message.pk, attachment.pk]))
    assert download.status_code == 200
    assert download.content == b"%PDF"
    assert download["Content-Disposition"] == 'attachment; filename="besluit.pdf"'


@pytest.mark.django_db
def test_the_inbox_lists_each_message_once_and_what_went_another_way_apart(client, municipality):
    person = PersonFactory(
        municipality=municipality, preferred_channels=["portal"], preferred_language="en"
    )
    _delivered(person, municipality, "k1")
    person.preferred_channels = ["email"]
    person.save(update_fields=["preferred_channels"])
    emailed = _delivered(person, municipality, "k2")
    sign_in_resident(client, person)

    page = client.get(reverse("notify:inbox")).content.decode()

    assert emailed.channel == "email"
    assert page.count("Decision on your request R-7") == 2  # once in the inbox, once by e-mail
    assert page.index('id="inbox-heading"') < page.index("Decision on your request R-7")
    by_email = page[page.index('id="sent-heading"') :]
    assert by_email.count("Decision on your request R-7") == 1
    assert "Email · Delivered" in by_email
    assert "<table" not in page


@pytest.mark.django_db
def test_another_residents_message_is_not_found(client, municipality):
    person = PersonFactory(municipality=municipality, preferred_channels=["portal"])
    stranger = PersonFactory(municipality=municipality, preferred_channels=["portal"])
    _delivered(stranger, municipality)
    foreign = InboxMessage.objects.get(person=stranger)
    sign_in_resident(client, person)

    response = client.get(reverse("notify:inbox-message", args=[foreign.pk]))

    assert response.status_code == 404
    assert InboxMessage.objects.get(pk=foreign.pk).read_at is None


@pytest.mark.django_db
def test_the_inbox_needs_a_signed_in_resident(client):
    response = client.get(reverse("notify:inbox"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:resident-login"))


@pytest.mark.django_db
def test_my_page_links_to_the_inbox_with_the_unread_count(client, municipality):
    person = PersonFactory(
        municipality=municipality, preferred_channels=["portal"], preferred_language="en"
    )
    _delivered(person, municipality)
    sign_in_resident(client, person)

    page = client.get(reverse("people:my-page")).content.decode()

    assert f'<a href="{reverse("notify:inbox")}">My messages (1 unread)</a>' in page
