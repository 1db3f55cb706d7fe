"""Delivering `GuestMessage` rows (people who booked without an account) with
loket.notify's wording, rendering and channels, so they get exactly the message a signed-in
resident would, with the .ics attached to e-mails. Once a message is sent or has failed
for good its context (which holds the manage link) is emptied."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from loket.appointments.ics import appointment_ics
from loket.appointments.models import GuestMessage
from loket.appointments.workflow import GUEST_MESSAGE_LIFECYCLE, GuestMessageStatus
from loket.core.lifecycle import transition_check
from loket.notify.addressed import addressed_message_build
from loket.notify.channels import channel_get
from loket.notify.channels.base import (
    AttachmentFile,
    OutgoingMessage,
    PermanentFailure,
    TemporaryFailure,
)
from loket.notify.retry import backoff_seconds


def _message(message: GuestMessage) -> OutgoingMessage:
    appointment = message.appointment
    attachments: tuple[AttachmentFile, ...] = ()
    if message.with_calendar_file:
        attachments = (
            AttachmentFile(
                filename=f"{appointment.reference}.ics",
                content_type="text/calendar",
                content=appointment_ics(appointment, message.language),
            ),
        )
    return addressed_message_build(
        municipality=appointment.municipality,
        event_code=message.notify_event,
        language=message.language,
        context=message.context,
        channel=message.channel,
        address=message.address,
        recipient_name=appointment.name,
        message_id=message.message_id,
        attachments=attachments,
    )


def _finish(message: GuestMessage, status: GuestMessageStatus, detail: str) -> None:
    transition_check(GUEST_MESSAGE_LIFECYCLE, current=message.status, target=status)
    GuestMessage.objects.filter(pk=message.pk).update(
        status=status,
        detail=detail,
        context={},
        sent_at=timezone.now() if status == GuestMessageStatus.SENT else None,
    )


def guest_message_deliver(*, guest_message_id: int) -> dt.datetime | None:
    """Send one queued message; returns when to try again after a temporary failure."""
    with transaction.atomic():
        message = (
            GuestMessage.objects.select_for_update()
            .select_related("appointment__municipality", "appointment__office")
            .select_related("appointment__product")
            .filter(pk=guest_message_id, status=GuestMessageStatus.QUEUED)
            .first()
        )
        if message is None:
            return None
        GuestMessage.objects.filter(pk=message.pk).update(attempts=message.attempts + 1)
        outgoing = _message(message)
    try:
        channel_get(message.channel).deliver(outgoing)
    except PermanentFailure as error:
        _finish(message, GuestMessageStatus.FAILED, error.detail)
        return None
    except TemporaryFailure as error:
        if message.attempts + 1 >= settings.LOKET_NOTIFY_MAX_ATTEMPTS:
            _finish(message, GuestMessageStatus.FAILED, error.detail)
            return None
        GuestMessage.objects.filter(pk=message.pk).update(detail=error.detail)
        return timezone.now() + dt.timedelta(seconds=backoff_seconds(message.attempts + 1))
    _finish(message, GuestMessageStatus.SENT, "")
    return None
