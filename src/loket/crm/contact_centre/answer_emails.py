"""Delivering `ContactQuestionAnswerEmail` rows with loket.notify's wording, rendering and
e-mail channel, so that a visitor of the assistant known only by an e-mail address gets
exactly the answer a resident of the register would."""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, override

from loket.core.lifecycle import transition_check
from loket.crm.contact_centre.models import ContactQuestion, ContactQuestionAnswerEmail
from loket.crm.contact_centre.notifications import QUESTION_ANSWERED
from loket.crm.contact_centre.workflow import ANSWER_EMAIL_LIFECYCLE, AnswerEmailStatus
from loket.notify.addressed import addressed_message_build
from loket.notify.channels import channel_get
from loket.notify.channels.base import OutgoingMessage, PermanentFailure, TemporaryFailure
from loket.notify.retry import backoff_seconds


def _message_id() -> str:
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("> ") or "loket.invalid"
    return f"<{uuid.uuid4().hex}.contact-question@{domain}>"


def answer_email_queue(*, contact_question: ContactQuestion) -> ContactQuestionAnswerEmail:
    """Queue the answer for the question's reply address (in the caller's transaction, with
    its job); a second call for the same question queues nothing."""
    from loket.crm.tasks import answer_email_defer

    existing = ContactQuestionAnswerEmail.objects.filter(contact_question=contact_question).first()
    if existing is not None:
        return existing
    with override(contact_question.language):
        name = gettext("resident")
    email = ContactQuestionAnswerEmail.objects.create(
        contact_question=contact_question,
        email=contact_question.reply_email,
        language=contact_question.language,
        context={
            "question": contact_question.question,
            "answer": contact_question.answer_note,
            "recipient_name": name,
        },
        message_id=_message_id(),
    )
    answer_email_defer(answer_email_id=email.pk)
    return email


def _message(email: ContactQuestionAnswerEmail) -> OutgoingMessage:
    return addressed_message_build(
        municipality=email.contact_question.municipality,
        event_code=QUESTION_ANSWERED.code,
        language=email.language,
        context=email.context,
        channel="email",
        address=email.email,
        recipient_name=str(email.context.get("recipient_name", "")),
        message_id=email.message_id,
    )


def _finish(email: ContactQuestionAnswerEmail, status: AnswerEmailStatus, detail: str) -> None:
    transition_check(ANSWER_EMAIL_LIFECYCLE, current=email.status, target=status)
    ContactQuestionAnswerEmail.objects.filter(pk=email.pk).update(
        status=status,
        detail=detail,
        sent_at=timezone.now() if status == AnswerEmailStatus.SENT else None,
    )


def answer_email_deliver(*, answer_email_id: int) -> dt.datetime | None:
    """Send one queued answer; returns when to try again after a temporary failure."""
    with transaction.atomic():
        email = (
            ContactQuestionAnswerEmail.objects.select_for_update(of=("self",))
            .select_related("contact_question__municipality")
            .filter(pk=answer_email_id, status=AnswerEmailStatus.QUEUED)
            .first()
        )
        if email is None:
            return None
        ContactQuestionAnswerEmail.objects.filter(pk=email.pk).update(attempts=email.attempts + 1)
        message = _message(email)
    try:
        channel_get("email").deliver(message)
    except PermanentFailure as error:
        _finish(email, AnswerEmailStatus.FAILED, error.detail)
        return None
    except TemporaryFailure as error:
        if email.attempts + 1 >= settings.LOKET_NOTIFY_MAX_ATTEMPTS:
            _finish(email, AnswerEmailStatus.FAILED, error.detail)
            return None
        ContactQuestionAnswerEmail.objects.filter(pk=email.pk).update(detail=error.detail)
        return timezone.now() + dt.timedelta(seconds=backoff_seconds(email.attempts + 1))
    _finish(email, AnswerEmailStatus.SENT, "")
    return None
