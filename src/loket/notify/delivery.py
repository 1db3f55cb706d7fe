"""Delivering one notification: the worker side of the lifecycle in workflow.py.

Every step locks the notification row (select_for_update) and checks its status first,
so running the same job twice never sends twice.

- Portal, letter and the demo SMS gateway write Loket's own database: the message is
  delivered and recorded in one transaction, exactly once.
- E-mail and the HTTP SMS gateway talk to another server. The row is marked `sending`
  and committed *before* the message leaves, and the outcome is recorded *after*. If the
  worker dies in between, the next run finds `sending`, logs the attempt as interrupted
  and sends again (at least once): the message is never lost, and the only possible
  duplicate is the one message a worker was handing over when it died. It carries the
  same Message-ID, so mail programs can recognise it.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from loket.notify.channels import channel_get
from loket.notify.channels.base import (
    AttachmentFile,
    DeliveryChannel,
    DeliveryError,
    DeliveryReceipt,
    OutgoingMessage,
    PermanentFailure,
    Recipient,
    TemporaryFailure,
)
from loket.notify.events import event_get
from loket.notify.models import DeliveryAttempt, Notification
from loket.notify.quiet_hours import quiet_hours_configured
from loket.notify.rendering import message_render
from loket.notify.retry import backoff_seconds
from loket.notify.routing import channel_next, channels_remaining, consent_refused, recipient_of
from loket.notify.wordings import wording_for
from loket.notify.workflow import (
    FINAL_STATUSES,
    AttemptOutcome,
    NotificationStatus,
    transition_check,
)
from loket.people.models import Channel

logger = logging.getLogger(__name__)

S = NotificationStatus


@dataclass(frozen=True)
class _Send:
    channel: DeliveryChannel
    message: OutgoingMessage


@dataclass(frozen=True)
class _Later:
    at: dt.datetime


_DONE = "done"
# Job start times come from the database clock; allow it to differ a little from ours.
_CLOCK_TOLERANCE = dt.timedelta(seconds=2)
_NEXT_CHANNEL = "next"


def _log(
    notification: Notification,
    outcome: AttemptOutcome,
    *,
    channel: str = "",
    detail: str = "",
    reference: str = "",
) -> None:
    DeliveryAttempt.objects.create(
        notification=notification,
        channel=channel,
        outcome=outcome,
        status_after=notification.status,
        detail=detail[:2000],
        provider_reference=reference[:200],
    )


def _move(notification: Notification, target: NotificationStatus) -> None:
    """Change the status (checked against ALLOWED_TRANSITIONS) and save the row."""
    if notification.status != target:
        transition_check(notification.status, target)
        notification.status = target
    notification.save()


def _locked(notification_id: int) -> Notification:
    return (
        Notification.objects.select_for_update(of=("self",))
        .select_related("person", "staff_user", "municipality")
        .get(pk=notification_id)
    )


def _message(
    notification: Notification, recipient: Recipient, code: str, address: str
) -> OutgoingMessage:
    event_type = event_get(notification.event)
    wording = wording_for(
        municipality_id=notification.municipality_id,
        event_type=event_type,
        language=notification.language,
    )
    context = {
        **notification.context,
        "recipient_name": recipient.name,
        "municipality_name": notification.municipality.name_in(notification.language),
    }
    rendered = message_render(
        event_type=event_type, wording=wording, context=context, language=notification.language
    )
    attachments: tuple[AttachmentFile, ...] = ()
    if code in (Channel.EMAIL, Channel.PORTAL):
        attachments = tuple(
            AttachmentFile(filename, content_type, bytes(content))
            for filename, content_type, content in notification.attachments.values_list(
                "filename", "content_type", "content"
            )
        )
    notification.subject = rendered.subject
    notification.body = rendered.sms if code == Channel.SMS else rendered.body
    return OutgoingMessage(
        notification_id=notification.pk,
        municipality_id=notification.municipality_id,
        municipality_name=notification.municipality.name_in(notification.language),
        recipient=recipient,
        address=address,
        language=notification.language,
        subject=rendered.subject,
        body=rendered.body,
        html=rendered.html,
        sms=rendered.sms,
        message_id=notification.message_id,
        attachments=attachments,
    )


@transaction.atomic
def _begin(notification_id: int) -> _Send | _Later | str:
    notification = _locked(notification_id)
    if notification.status in FINAL_STATUSES:
        return _DONE
    now = timezone.now()
    if notification.status == S.SENDING:
        _move(notification, S.QUEUED)
        _log(
            notification,
            AttemptOutcome.INTERRUPTED,
            channel=notification.channel,
            detail="The worker stopped while handing the message over; it is sent again.",
        )
    elif notification.next_attempt_at and notification.next_attempt_at > now + _CLOCK_TOLERANCE:
        return _Later(notification.next_attempt_at)
    event_type = event_get(notification.event)
    if consent_refused(notification, event_type):
        _move(notification, S.SUPPRESSED)
        _log(notification, AttemptOutcome.SUPPRESSED, detail="The resident did not consent.")
        return _DONE
    recipient = recipient_of(notification)
    chosen = channel_next(notification, recipient)
    if chosen is None:
        never_tried = notification.attempt_count == 0 and not notification.channels_given_up
        if never_tried and not event_type.essential:
            _move(notification, S.SUPPRESSED)
            _log(notification, AttemptOutcome.SUPPRESSED, detail="No channel was chosen.")
        else:
            _move(notification, S.FAILED)
            _log(notification, AttemptOutcome.FAILED, detail="No channel left to try.")
        return _DONE
    code, address = chosen
    if code != notification.channel:
        notification.channel = code
        notification.temporary_failures = 0
    quiet_hours = quiet_hours_configured()
    quiet_until = quiet_hours.end_of_quiet_period(now) if quiet_hours else None
    if code == Channel.SMS and quiet_until is not None:
        notification.next_attempt_at = quiet_until
        _move(notification, S.QUEUED)
        _log(notification, AttemptOutcome.POSTPONED, channel=code, detail=quiet_until.isoformat())
        return _Later(quiet_until)
    channel = channel_get(code)
    message = _message(notification, recipient, code, address)
    notification.attempt_count += 1
    notification.next_attempt_at = None
    if channel.transactional:
        receipt = channel.deliver(message)
        notification.delivered_at = now
        _move(notification, S.DELIVERED)
        _log(
            notification,
            AttemptOutcome.DELIVERED,
            channel=code,
            detail=receipt.detail,
            reference=receipt.provider_reference,
        )
        return _DONE
    notification.sending_started_at = now
    _move(notification, S.SENDING)
    return _Send(channel=channel, message=message)


def _give_up_channel(notification: Notification) -> None:
    notification.channels_given_up = [*notification.channels_given_up, notification.channel]
    notification.channel = ""
    notification.temporary_failures = 0


@transaction.atomic
def _finish(notification_id: int, code: str, outcome: DeliveryReceipt | DeliveryError) -> object:
    notification = _locked(notification_id)
    if notification.status != S.SENDING or notification.channel != code:
        # Another run took the message over meanwhile; only record what this one did.
        kind = (
            AttemptOutcome.DELIVERED
            if isinstance(outcome, DeliveryReceipt)
            else AttemptOutcome.TEMPORARY_FAILURE
        )
        _log(notification, kind, channel=code, detail="Finished after another run took over.")
        return _DONE
    if isinstance(outcome, DeliveryReceipt):
        notification.delivered_at = timezone.now()
        _move(notification, S.DELIVERED)
        _log(
            notification,
            AttemptOutcome.DELIVERED,
            channel=code,
            detail=outcome.detail,
            reference=outcome.provider_reference,
        )
        return _DONE
    if isinstance(outcome, PermanentFailure):
        _give_up_channel(notification)
        _move(notification, S.QUEUED)
        _log(notification, AttemptOutcome.PERMANENT_FAILURE, channel=code, detail=outcome.detail)
        return _NEXT_CHANNEL
    return _temporary_failure(notification, code, outcome.detail)


def _temporary_failure(notification: Notification, code: str, detail: str) -> object:
    from django.conf import settings

    notification.temporary_failures += 1
    failures = notification.temporary_failures
    others = [
        other for other, _ in channels_remaining(notification, recipient_of(notification))
        if other != code
    ]
    if failures >= settings.LOKET_NOTIFY_FAILURES_BEFORE_FALLBACK and others:
        _give_up_channel(notification)
        _move(notification, S.QUEUED)
        _log(notification, AttemptOutcome.TEMPORARY_FAILURE, channel=code, detail=detail)
        return _NEXT_CHANNEL
    if failures >= settings.LOKET_NOTIFY_MAX_ATTEMPTS:
        _move(notification, S.FAILED)
        _log(notification, AttemptOutcome.FAILED, channel=code, detail=detail)
        return _DONE
    at = timezone.now() + dt.timedelta(seconds=backoff_seconds(failures))
    notification.next_attempt_at = at
    _move(notification, S.QUEUED)
    _log(notification, AttemptOutcome.TEMPORARY_FAILURE, channel=code, detail=detail)
    return _Later(at)


def notification_deliver(*, notification_id: int) -> dt.datetime | None:
    """Deliver a notification; returns when to try again, or None when it is settled."""
    for _round in range(len(Channel.values) + 2):
        step = _begin(notification_id)
        if isinstance(step, _Later):
            return step.at
        if not isinstance(step, _Send):
            return None
        outcome: DeliveryReceipt | DeliveryError
        try:
            outcome = step.channel.deliver(step.message)
        except (TemporaryFailure, PermanentFailure) as error:
            outcome = error
        except Exception as error:  # a plugin bug must not leave the row in "sending"
            logger.exception("channel %s failed unexpectedly", step.channel.code)
            outcome = TemporaryFailure(f"{type(error).__name__}: {error}")
        result = _finish(notification_id, step.channel.code, outcome)
        if isinstance(result, _Later):
            return result.at
        if result != _NEXT_CHANNEL:
            return None
    return None
