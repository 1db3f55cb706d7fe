"""Choice of channel: preferences, essential fallbacks, consent, bounces, orphans."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from procrastinate.contrib.django.models import ProcrastinateJob
from tests.factories import PersonFactory
from tests.notify.conftest import queued_job_ids, refreshed

from loket.notify.delivery import notification_deliver
from loket.notify.models import InboxMessage, Letter, Notification
from loket.notify.queue import DELIVER_TASK
from loket.notify.services import (
    notification_bounce_record,
    notification_send,
    notifications_requeue_orphans,
)
from loket.people.models import Consent

DECISION = {
    "case_reference": "R-1",
    "case_title": "Premie",
    "decision": "Goedgekeurd.",
    "case_url": "https://loket.test/r/1/",
}
SURVEY = {"topic": "uw bezoek", "survey_url": "https://loket.test/s/1/"}
NEWS = {"title": "Nieuw park", "summary": "Open op zondag.", "news_url": "https://loket.test/n/"}


def _send(person, municipality, event="decision.made", context=DECISION, key="k-1"):
    return notification_send(
        recipient=person,
        event=event,
        context=context,
        municipality=municipality,
        idempotency_key=key,
    )


@pytest.mark.django_db
def test_the_first_preferred_channel_that_reaches_the_resident_is_used(municipality):
    person = PersonFactory(
        municipality=municipality, preferred_channels=["email", "sms", "portal"], email="", phone=""
    )
    notification = _send(person, municipality)

    notification_deliver(notification_id=notification.pk)

    assert refreshed(notification).channel == "portal"
    assert InboxMessage.objects.get().person == person


@pytest.mark.django_db
def test_essential_messages_reach_residents_without_preferences_by_letter(municipality):
    person = PersonFactory(municipality=municipality, preferred_channels=[])
    notification = _send(person, municipality)

    notification_deliver(notification_id=notification.pk)

    stored = refreshed(notification)
    assert stored.status == "delivered"
    assert stored.channel == "letter"
    letter = Letter.objects.get()
    assert letter.recipient_name == person.full_name
    assert letter.address_lines == ["Kerkstraat 1", f"8500 {municipality.name_nl}"]


@pytest.mark.django_db
def test_optional_messages_use_only_chosen_channels(municipality):
    person = PersonFactory(municipality=municipality, preferred_channels=[])
    notification = _send(person, municipality, "survey.invitation", SURVEY)

    notification_deliver(notification_id=notification.pk)

    stored = refreshed(notification)
    assert stored.status == "suppressed"
    assert stored.attempts.get().detail == "No channel was chosen."
    assert Letter.objects.count() == 0
    assert InboxMessage.objects.count() == 0


@pytest.mark.django_db
def test_optional_messages_respect_an_opt_out(municipality):
    person = PersonFactory(municipality=municipality, preferred_channels=["portal"])
    Consent.objects.create(person=person, purpose="surveys", granted=False)
    refused = _send(person, municipality, "survey.invitation", SURVEY, key="s-1")
    other = PersonFactory(municipality=municipality, preferred_channels=["portal"])
    unanswered = _send(other, municipality, "survey.invitation", SURVEY, key="s-1")

    notification_deliver(notification_id=refused.pk)
    notification_deliver(notification_id=unanswered.pk)

    assert refreshed(refused).status == "suppressed"
    assert refreshed(unanswered).status == "delivered"
    assert list(InboxMessage.objects.values_list("person_id", flat=True)) == [other.pk]


@pytest.mark.django_db
def test_news_needs_an_explicit_yes(municipality):
    said_yes = PersonFactory(municipality=municipality, preferred_channels=["portal"])
    Consent.objects.create(person=said_yes, purpose="newsletter", granted=True)
    never_asked = PersonFactory(municipality=municipality, preferred_channels=["portal"])
    yes = _send(said_yes, municipality, "municipality.news", NEWS)
    unknown = _send(never_asked, municipality, "municipality.news", NEWS)

    notification_deliver(notification_id=yes.pk)
    notification_deliver(notification_id=unknown.pk)

    assert refreshed(yes).status == "delivered"
    assert refreshed(unknown).status == "suppressed"


@pytest.mark.django_db
def test_essential_messages_ignore_an_opt_out(municipality):
    person = PersonFactory(municipality=municipality, preferred_channels=["portal"])
    for purpose in ("surveys", "suggestions", "newsletter"):
        Consent.objects.create(person=person, purpose=purpose, granted=False)
    notification = _send(person, municipality)

    notification_deliver(notification_id=notification.pk)

    assert refreshed(notification).status == "delivered"


@pytest.mark.django_db
def test_a_bounce_sends_the_message_on_the_next_channel(smtp_server, municipality):
    person = PersonFactory(municipality=municipality, preferred_channels=["email", "portal"])
    notification = _send(person, municipality)
    notification_deliver(notification_id=notification.pk)
    assert refreshed(notification).status == "delivered"

    notification_bounce_record(
        notification_id=notification.pk, channel="email", detail="550 mailbox unavailable"
    )

    bounced = refreshed(notification)
    assert bounced.status == "queued"
    assert bounced.channels_given_up == ["email"]
    assert len(queued_job_ids()) == 1
    notification_deliver(notification_id=notification.pk)
    stored = refreshed(notification)
    assert stored.status == "delivered"
    assert stored.channel == "portal"
    assert list(stored.attempts.values_list("channel", "outcome")) == [
        ("email", "delivered"),
        ("email", "bounced"),
        ("portal", "delivered"),
    ]


@pytest.mark.django_db
def test_a_notification_whose_job_is_gone_is_queued_again(municipality):
    person = PersonFactory(municipality=municipality, preferred_channels=["portal"])
    notification = _send(person, municipality)
    delivered = _send(PersonFactory(municipality=municipality), municipality, key="k-2")
    notification_deliver(notification_id=delivered.pk)
    # The job failed for good (a bug, since fixed) and the row has not moved for a while.
    ProcrastinateJob.objects.filter(task_name=DELIVER_TASK).update(status="failed")
    Notification.objects.update(updated_at=timezone.now() - dt.timedelta(hours=1))

    assert notifications_requeue_orphans() == 1
    assert notifications_requeue_orphans() == 0

    job = ProcrastinateJob.objects.get(task_name=DELIVER_TASK, status="todo")
    assert job.args == {"notification_id": notification.pk}
    assert refreshed(notification).job_id == job.id
