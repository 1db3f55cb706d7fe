"""Inbound e-mail: each kind of mail of tests/crm/mail/ stored and recorded, matching the
sender within the municipality only, threading, bounces, duplicates, linking and replying."""

from __future__ import annotations

from collections.abc import Iterator
from email import message_from_bytes, policy
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import translation

from loket.crm.mail import mail_link, mail_receive, mail_reply_send, mail_store
from loket.crm.models import (
    ContactChannel,
    ContactDirection,
    ContactMoment,
    InboundMail,
    MailAttachment,
    Mailbox,
    MailSource,
    MailStatus,
)
from loket.documents.models import Document
from loket.notify.models import DeliveryAttempt, Notification
from loket.notify.services import notification_send
from loket.notify.workflow import NotificationStatus
from loket.tenancy.access import actor_for_user
from tests.crm.conftest import Town, eml
from tests.factories import PersonFactory
from tests.notify.conftest import SmtpSink, run_queued_deliveries, smtp_server  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def test_a_mail_with_attachments_becomes_a_contact_moment_of_its_sender(town: Town) -> None:
    mail = mail_receive(
        municipality=town.kortrijk, raw=eml("multipart_attachment.eml"), source=MailSource.PIPE
    )

    assert mail.status == MailStatus.MATCHED
    assert bytes(mail.raw) == eml("multipart_attachment.eml")
    contact = ContactMoment.objects.get(pk=mail.contact_moment_id)
    assert (contact.channel, contact.direction) == (ContactChannel.EMAIL, ContactDirection.INBOUND)
    assert contact.person == town.sofie
    assert contact.municipality == town.kortrijk
    assert contact.topic == "Vraag over mijn parkeerkaart"
    assert contact.summary.startswith("Goedemorgen,\n\nMijn bewonerskaart is verlopen.")
    assert contact.email_message_id == "<parking-1@example.org>"
    pdf, exe = MailAttachment.objects.filter(mail=mail).order_by("id")
    assert pdf.document is not None
    assert pdf.refused_reason == ""
    document = Document.objects.get(pk=pdf.document_id)
    assert (document.owner_type, document.owner_id) == ("contact_moment", contact.pk)
    assert document.municipality == town.kortrijk
    assert document.concerns_person == town.sofie
    assert document.file_name == "aanvraag.pdf"
    assert exe.document is None
    assert exe.file_name == "setup.exe"
    assert "PDF" in exe.refused_reason  # the documents domain says which formats it takes


def test_non_ascii_names_are_decoded_and_a_resident_elsewhere_is_never_matched(
    town: Town,
) -> None:
    # gaetan@example.org lives in Menen: mail to Kortrijk stays unmatched.
    mail = mail_receive(
        municipality=town.kortrijk, raw=eml("non_ascii.eml"), source=MailSource.PIPE
    )

    assert mail.status == MailStatus.UNMATCHED
    assert mail.from_name == "Gaëtan Müller"
    assert mail.subject == "Déménagement et coût €"
    contact = ContactMoment.objects.get(pk=mail.contact_moment_id)
    assert contact.person is None
    assert contact.summary == "Bonjour, je déménage le 1er février. Voici la preuve."
    attachment = MailAttachment.objects.get(mail=mail)
    assert attachment.file_name == "préuve déménagement €.pdf"
    assert Document.objects.get(pk=attachment.document_id).file_name == (
        "préuve déménagement €.pdf"
    )


def test_the_same_mail_to_its_own_municipality_is_matched_there(town: Town) -> None:
    mail = mail_receive(municipality=town.menen, raw=eml("non_ascii.eml"), source=MailSource.PIPE)

    assert mail.status == MailStatus.MATCHED
    assert ContactMoment.objects.get(pk=mail.contact_moment_id).person == town.gaetan_in_menen


def test_two_residents_with_the_address_leave_the_mail_unmatched(town: Town) -> None:
    PersonFactory(municipality=town.kortrijk, email="sofie@example.org")

    mail = mail_receive(
        municipality=town.kortrijk, raw=eml("multipart_attachment.eml"), source=MailSource.PIPE
    )

    assert mail.status == MailStatus.UNMATCHED
    assert ContactMoment.objects.get(pk=mail.contact_moment_id).person is None


def test_a_forwarded_mail_keeps_the_forwarded_text_and_attachments(town: Town) -> None:
    mail = mail_receive(municipality=town.kortrijk, raw=eml("forwarded.eml"), source="pipe")

    contact = ContactMoment.objects.get(pk=mail.contact_moment_id)
    assert contact.person == town.thomas
    assert contact.summary == (
        "Zie hieronder, klopt dit?\n\n---- Forwarded message ----\n"
        "From: Garage Verbeke <info@garage.example>\nDate: Wed, 02 Dec 2026 09:00:00 +0100\n"
        "Subject: Uw afspraak\n\nUw wagen staat klaar."
    )
    assert [a.file_name for a in MailAttachment.objects.filter(mail=mail)] == ["factuur.pdf"]


def test_duplicate_delivery_stores_one_mail_and_one_contact_moment(town: Town) -> None:
    first = mail_receive(
        municipality=town.kortrijk, raw=eml("multipart_attachment.eml"), source=MailSource.IMAP
    )
    again = mail_receive(
        municipality=town.kortrijk, raw=eml("multipart_attachment.eml"), source=MailSource.PIPE
    )

    assert again.pk == first.pk
    assert InboundMail.objects.count() == 1
    assert ContactMoment.objects.filter(email_message_id="<parking-1@example.org>").count() == 1
    assert MailAttachment.objects.count() == 2


def test_the_database_refuses_a_second_contact_moment_for_a_message_id(town: Town) -> None:
    mail_receive(municipality=town.kortrijk, raw=eml("reply.eml", in_reply_to=""), source="pipe")

    with pytest.raises(IntegrityError), transaction.atomic():
        ContactMoment.objects.create(
            municipality=town.kortrijk,
            channel=ContactChannel.EMAIL,
            topic="again",
            summary="again",
            email_message_id="<parking-2@example.org>",
        )


def test_an_automatic_reply_is_kept_but_not_recorded(town: Town) -> None:
    mail = mail_receive(municipality=town.kortrijk, raw=eml("auto_reply.eml"), source="pipe")

    assert mail.status == MailStatus.AUTO_REPLY
    assert mail.contact_moment_id is None
    assert bytes(mail.raw) == eml("auto_reply.eml")
    assert ContactMoment.objects.count() == 0


def test_an_unreadable_mail_is_kept_and_flagged(town: Town) -> None:
    mail = mail_receive(municipality=town.kortrijk, raw=eml("garbage.eml"), source="pipe")

    assert mail.status == MailStatus.UNREADABLE
    assert mail.problem == "The message has no headers."
    assert bytes(mail.raw) == eml("garbage.eml")
    assert mail.message_key.startswith("sha256:")
    assert ContactMoment.objects.count() == 0


def test_a_mail_over_the_size_limit_is_kept_unread(town: Town, settings: Any) -> None:
    settings.LOKET_MAIL_MAX_BYTES = 1024

    mail = mail_receive(
        municipality=town.kortrijk, raw=eml("multipart_attachment.eml"), source="pipe"
    )

    assert mail.status == MailStatus.UNREADABLE
    assert "LOKET_MAIL_MAX_BYTES" in mail.problem
    assert ContactMoment.objects.count() == 0


def _delivered_notification(town: Town, message_id: str) -> Notification:
    notification = notification_send(
        recipient=town.sofie,
        event="crm.mail_reply",
        context={"subject": "Uw aanvraag", "text": "Goed nieuws."},
        municipality=town.kortrijk,
        idempotency_key="bounce-test",
    )
    Notification.objects.filter(pk=notification.pk).update(
        message_id=message_id,
        status=NotificationStatus.DELIVERED,
        channel="email",
        person=town.sofie,
    )
    return Notification.objects.get(pk=notification.pk)


def test_a_bounce_is_recorded_on_the_notification_it_is_about(town: Town) -> None:
    notification = _delivered_notification(town, "<5b1d2c3e.notification@kortrijk.example>")

    mail = mail_receive(municipality=town.kortrijk, raw=eml("bounce.eml"), source="pipe")

    assert mail.status == MailStatus.BOUNCE
    assert mail.bounced_notification_id == notification.pk
    assert ContactMoment.objects.count() == 0
    attempt = DeliveryAttempt.objects.filter(notification=notification).latest("id")
    assert attempt.outcome == "bounced"
    assert "550 5.1.1" in attempt.detail
    notification.refresh_from_db()
    assert notification.channels_given_up == ["email"]


def test_a_bounce_of_another_municipality_s_message_touches_nothing(town: Town) -> None:
    notification = _delivered_notification(town, "<5b1d2c3e.notification@kortrijk.example>")

    mail = mail_receive(municipality=town.menen, raw=eml("bounce.eml"), source="pipe")

    assert mail.status == MailStatus.BOUNCE
    assert mail.bounced_notification_id is None
    assert "no message of ours found" in mail.problem
    assert not DeliveryAttempt.objects.filter(notification=notification, outcome="bounced")


def test_a_reply_is_sent_threaded_and_an_answer_to_it_is_threaded_back(
    town: Town,
    smtp_server: SmtpSink,  # noqa: F811
) -> None:
    clerk = actor_for_user(town.clerk)
    original = mail_receive(
        municipality=town.kortrijk, raw=eml("multipart_attachment.eml"), source="pipe"
    )

    reply = mail_reply_send(
        actor=clerk, contact_moment_id=original.contact_moment_id, text="U kunt online verlengen."
    )
    run_queued_deliveries()

    assert (reply.direction, reply.channel) == (ContactDirection.OUTBOUND, ContactChannel.EMAIL)
    assert reply.replies_to_id == original.contact_moment_id
    assert reply.person == town.sofie
    assert reply.staff_user == town.clerk
    [sent] = smtp_server.messages
    assert sent["Message-ID"] == reply.email_message_id
    assert sent["In-Reply-To"] == "<parking-1@example.org>"
    assert sent["References"] == "<parking-1@example.org>"
    assert sent["Subject"] == "Re: Vraag over mijn parkeerkaart"
    assert sent["Auto-Submitted"] is None
    assert sent["Reply-To"] == "info@kortrijk.example"  # the address Sofie wrote to
    assert "U kunt online verlengen." in sent.get_body(("plain",)).get_content()

    answer = mail_receive(
        municipality=town.kortrijk,
        raw=eml("reply.eml", in_reply_to=reply.email_message_id),
        source="pipe",
    )
    contact = ContactMoment.objects.get(pk=answer.contact_moment_id)
    assert contact.replies_to_id == reply.pk
    assert contact.person == town.sofie


def test_an_answer_from_an_unknown_address_is_threaded_to_our_resident(town: Town) -> None:
    clerk = actor_for_user(town.clerk)
    original = mail_receive(
        municipality=town.kortrijk, raw=eml("multipart_attachment.eml"), source="pipe"
    )
    reply = mail_reply_send(actor=clerk, contact_moment_id=original.contact_moment_id, text="Ok.")
    raw = eml("reply.eml", in_reply_to=reply.email_message_id).replace(
        b"sofie@example.org", b"sofie.work@example.net"
    )

    answer = mail_receive(municipality=town.kortrijk, raw=raw, source="pipe")

    assert answer.status == MailStatus.MATCHED
    assert ContactMoment.objects.get(pk=answer.contact_moment_id).person == town.sofie


def test_a_clerk_links_an_unmatched_mail_and_can_then_reply(town: Town) -> None:
    clerk = actor_for_user(town.clerk)
    mail = mail_receive(municipality=town.kortrijk, raw=eml("non_ascii.eml"), source="pipe")
    with pytest.raises(ValidationError) as refused:
        mail_reply_send(actor=clerk, contact_moment_id=mail.contact_moment_id, text="Bonjour")
    assert refused.value.message_dict == {
        "text": ["Link the e-mail to a resident before answering it."]
    }

    linked = mail_link(actor=clerk, mail_id=mail.pk, person_id=town.thomas.pk)

    assert linked.status == MailStatus.LINKED
    assert linked.linked_by == town.clerk
    assert ContactMoment.objects.get(pk=mail.contact_moment_id).person == town.thomas
    reply = mail_reply_send(actor=clerk, contact_moment_id=mail.contact_moment_id, text="Merci")
    assert reply.person == town.thomas
    with pytest.raises(ValidationError) as again:
        mail_link(actor=clerk, mail_id=mail.pk, person_id=town.sofie.pk)
    assert again.value.message_dict == {
        "person_id": ["This e-mail is no longer waiting for a resident."]
    }


def test_linking_refuses_a_resident_of_another_municipality_and_changes_nothing(
    town: Town,
) -> None:
    clerk = actor_for_user(town.clerk)
    mail = mail_receive(municipality=town.kortrijk, raw=eml("non_ascii.eml"), source="pipe")

    with pytest.raises(ValidationError) as refused:
        mail_link(actor=clerk, mail_id=mail.pk, person_id=town.gaetan_in_menen.pk)

    assert refused.value.message_dict == {
        "person_id": ["There is no such resident in this municipality among those you may see."]
    }
    mail.refresh_from_db()
    assert mail.status == MailStatus.UNMATCHED
    assert ContactMoment.objects.get(pk=mail.contact_moment_id).person is None


def test_another_municipality_s_clerk_can_neither_link_nor_reply(town: Town) -> None:
    menen_clerk = actor_for_user(town.menen_clerk)
    mail = mail_receive(municipality=town.kortrijk, raw=eml("non_ascii.eml"), source="pipe")
    matched = mail_receive(
        municipality=town.kortrijk, raw=eml("multipart_attachment.eml"), source="pipe"
    )

    with pytest.raises(Http404):
        mail_link(actor=menen_clerk, mail_id=mail.pk, person_id=town.gaetan_in_menen.pk)
    with pytest.raises(Http404):
        mail_reply_send(
            actor=menen_clerk, contact_moment_id=matched.contact_moment_id, text="Hallo"
        )

    assert InboundMail.objects.get(pk=mail.pk).status == MailStatus.UNMATCHED
    assert ContactMoment.objects.count() == 2
    assert Notification.objects.count() == 0


def test_a_contact_moment_stays_append_only_after_linking(town: Town) -> None:
    clerk = actor_for_user(town.clerk)
    mail = mail_receive(municipality=town.kortrijk, raw=eml("non_ascii.eml"), source="pipe")
    mail_link(actor=clerk, mail_id=mail.pk, person_id=town.thomas.pk)

    for change in ({"person": town.sofie}, {"summary": "changed"}):
        with pytest.raises(IntegrityError), transaction.atomic():
            ContactMoment.objects.filter(pk=mail.contact_moment_id).update(**change)
    with pytest.raises(IntegrityError), transaction.atomic():
        ContactMoment.objects.filter(pk=mail.contact_moment_id).delete()


def test_the_resident_of_a_matched_contact_moment_cannot_be_set_with_other_changes(
    town: Town,
) -> None:
    mail = mail_receive(municipality=town.kortrijk, raw=eml("non_ascii.eml"), source="pipe")

    with pytest.raises(IntegrityError), transaction.atomic():
        ContactMoment.objects.filter(pk=mail.contact_moment_id).update(
            person=town.thomas, summary="rewritten"
        )


def test_mail_store_keeps_the_raw_bytes_before_reading(town: Town) -> None:
    mail, created = mail_store(municipality=town.kortrijk, raw=eml("forwarded.eml"), source="imap")

    assert created is True
    assert mail.status == MailStatus.RECEIVED
    assert mail.message_key == "<fwd-3@example.org>"
    parsed = message_from_bytes(bytes(mail.raw), policy=policy.default)
    assert parsed["Subject"] == "Fwd: Uw afspraak"


def test_the_answer_goes_back_to_the_municipality_s_mailbox_address(
    town: Town,
    smtp_server: SmtpSink,  # noqa: F811
) -> None:
    Mailbox.objects.create(
        municipality=town.kortrijk,
        address="contact@kortrijk.example",
        host="imap.kortrijk.example",
        username="contact",
        password="secret",
    )
    original = mail_receive(
        municipality=town.kortrijk, raw=eml("multipart_attachment.eml"), source="pipe"
    )

    mail_reply_send(
        actor=actor_for_user(town.clerk), contact_moment_id=original.contact_moment_id, text="Ok"
    )
    run_queued_deliveries()

    [sent] = smtp_server.messages
    assert sent["Reply-To"] == "contact@kortrijk.example"
    assert sent["To"] == "Sofie@Example.org"


def test_an_answer_to_one_of_our_notifications_is_the_resident_it_was_sent_to(
    town: Town,
) -> None:
    notification = _delivered_notification(town, "<a1b2.notification@kortrijk.example>")
    raw = eml("reply.eml", in_reply_to=notification.message_id).replace(
        b"sofie@example.org", b"someone.else@example.net"
    )

    mail = mail_receive(municipality=town.kortrijk, raw=raw, source="pipe")

    assert mail.status == MailStatus.MATCHED
    contact = ContactMoment.objects.get(pk=mail.contact_moment_id)
    assert contact.person == town.sofie
    assert contact.replies_to is None


def test_a_bounce_without_a_report_from_the_mailer_daemon_is_not_recorded(town: Town) -> None:
    raw = (
        b"From: MAILER-DAEMON@mx.example.org\r\nTo: info@kortrijk.example\r\n"
        b"Subject: failure notice\r\nMessage-ID: <plain-bounce@mx.example.org>\r\n\r\n"
        b"Sorry, I could not deliver your message.\r\n"
    )

    mail = mail_receive(municipality=town.kortrijk, raw=raw, source="pipe")

    assert mail.status == MailStatus.AUTO_REPLY
    assert ContactMoment.objects.count() == 0
