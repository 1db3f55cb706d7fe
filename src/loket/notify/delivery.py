"""Delivering notifications: the worker side of the lifecycle in workflow.py.

A delivery job delivers its own notification and, to go fast, up to `batch_size - 1`
other notifications that are due: it takes them over by cancelling their waiting jobs in
the same transaction (a job another worker already started is left alone). Every step
locks the notification rows and checks their status first, so a job that runs twice
never sends twice.

- Portal, letter and the demo SMS gateway write Loket's own database: the message is
  delivered and recorded in one transaction, exactly once.
- E-mail and the HTTP SMS gateway talk to another server. A notification is marked
  `sending` (with the job that claimed it) and committed *before* the message leaves, and
  its outcome is committed right *after* the server answered. If the worker dies in
  between, the job is retried (stalled-job recovery), finds its claims still `sending`,
  logs them as interrupted and sends again: at least once. Nothing is lost; the only
  possible duplicate is a message the dying worker was handing over at that moment, and
  it carries the same Message-ID, so mail programs recognise it.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from procrastinate.contrib.django.models import ProcrastinateJob

from loket.core.lifecycle import transition_check
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
from loket.notify.events import Wording, event_get
from loket.notify.history import delivery_attempt_append
from loket.notify.models import Notification, NotificationAttachment
from loket.notify.queue import delivery_defer, job_cancel
from loket.notify.quiet_hours import quiet_hours_configured
from loket.notify.rendering import message_render
from loket.notify.retry import backoff_seconds
from loket.notify.routing import channel_next, channels_remaining, consent_refused, recipient_of
from loket.notify.wordings import wording_for
from loket.notify.workflow import LIFECYCLE, AttemptOutcome, NotificationStatus
from loket.people.models import Channel

logger = logging.getLogger(__name__)

S = NotificationStatus
# Job start times come from the database clock; allow it to differ a little from ours.
CLOCK_TOLERANCE = dt.timedelta(seconds=2)


@dataclass(frozen=True)
class _Send:
    notification_id: int
    channel: DeliveryChannel
    message: OutgoingMessage


class _Batch:
    """What one claim transaction shares: rendered wordings and attachments."""

    def __init__(self, notifications: list[Notification]) -> None:
        self.wordings: dict[tuple[int, str, str], Wording] = {}
        self.attachments: dict[int, list[AttachmentFile]] = {}
        ids = [notification.pk for notification in notifications]
        rows = NotificationAttachment.objects.filter(notification_id__in=ids).values_list(
            "notification_id", "filename", "content_type", "content"
        )
        for notification_id, filename, content_type, content in rows:
            self.attachments.setdefault(notification_id, []).append(
                AttachmentFile(filename, content_type, bytes(content))
            )

    def wording(self, notification: Notification) -> Wording:
        key = (notification.municipality_id, notification.event, notification.language)
        if key not in self.wordings:
            self.wordings[key] = wording_for(
                municipality_id=notification.municipality_id,
                event_type=event_get(notification.event),
                language=notification.language,
            )
        return self.wordings[key]


def _move(notification: Notification, target: NotificationStatus) -> None:
    """Change the status (checked against the lifecycle) and save the row."""
    if notification.status != target:
        transition_check(LIFECYCLE, current=notification.status, target=target)
        notification.status = target
    notification.save()


def _commit_without_waiting_for_disk() -> None:
    """Let this transaction's commit return before PostgreSQL flushed it to disk.

    A crash of the database server (not of a worker) can then forget the last few
    hundred milliseconds of delivery records: those messages go out again (a duplicate,
    never a loss). In exchange a worker does not wait for a disk flush per message."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit TO OFF")


def _locked() -> QuerySet[Notification]:
    return Notification.objects.select_for_update(of=("self",)).select_related(
        "person", "staff_user", "municipality"
    )


def _reschedule(notification: Notification, at: dt.datetime) -> bool:
    """Wait until `at`; True when a job was queued for then (False: one already waits)."""
    notification.next_attempt_at = at
    job_id = delivery_defer(notification_id=notification.pk, schedule_at=at)
    if job_id is not None:
        notification.job_id = job_id
    return job_id is not None


def _message(
    notification: Notification, recipient: Recipient, code: str, address: str, batch: _Batch
) -> OutgoingMessage:
    event_type = event_get(notification.event)
    municipality_name = notification.municipality.name_in(notification.language)
    context = {
        **notification.context,
        "recipient_name": recipient.name,
        "municipality_name": municipality_name,
    }
    rendered = message_render(
        event_type=event_type,
        wording=batch.wording(notification),
        context=context,
        language=notification.language,
    )
    attachments: tuple[AttachmentFile, ...] = ()
    if code in (Channel.EMAIL, Channel.PORTAL, Channel.EBOX):
        attachments = tuple(batch.attachments.get(notification.pk, ()))
    notification.subject = rendered.subject
    notification.body = rendered.sms if code == Channel.SMS else rendered.body
    return OutgoingMessage(
        notification_id=notification.pk,
        municipality_id=notification.municipality_id,
        municipality_name=municipality_name,
        recipient=recipient,
        address=address,
        language=notification.language,
        subject=rendered.subject,
        body=rendered.body,
        html=rendered.html,
        sms=rendered.sms,
        message_id=notification.message_id,
        attachments=attachments,
        in_reply_to=notification.in_reply_to,
        references=notification.references,
        reply_to=notification.reply_to,
    )


def _prepare(
    notification: Notification, job_id: int | None, batch: _Batch
) -> _Send | dt.datetime | None:
    """For a locked, queued and due notification: settle it, deliver it on a transactional
    channel, or mark it `sending`. Returns what to send, or when to come back (when no job
    could be queued for then), or None."""
    event_type = event_get(notification.event)
    now = timezone.now()
    if consent_refused(notification, event_type):
        _move(notification, S.SUPPRESSED)
        delivery_attempt_append(
            notification, AttemptOutcome.SUPPRESSED, detail="The resident did not consent."
        )
        return None
    recipient = recipient_of(notification)
    chosen = channel_next(notification, recipient)
    if chosen is None:
        never_tried = notification.attempt_count == 0 and not notification.channels_given_up
        if never_tried and not event_type.essential:
            _move(notification, S.SUPPRESSED)
            delivery_attempt_append(
                notification, AttemptOutcome.SUPPRESSED, detail="No channel was chosen."
            )
        else:
            _move(notification, S.FAILED)
            delivery_attempt_append(
                notification, AttemptOutcome.FAILED, detail="No channel left to try."
            )
        return None
    code, address = chosen
    if code != notification.channel:
        notification.channel = code
        notification.temporary_failures = 0
    quiet_hours = quiet_hours_configured()
    quiet_until = quiet_hours.end_of_quiet_period(now) if quiet_hours else None
    if code == Channel.SMS and quiet_until is not None:
        queued = _reschedule(notification, quiet_until)
        _move(notification, S.QUEUED)
        delivery_attempt_append(
            notification, AttemptOutcome.POSTPONED, channel=code, detail=quiet_until.isoformat()
        )
        return None if queued else quiet_until
    channel = channel_get(code)
    message = _message(notification, recipient, code, address, batch)
    notification.attempt_count += 1
    notification.next_attempt_at = None
    if channel.transactional:
        receipt = channel.deliver(message)
        notification.delivered_at = now
        _move(notification, S.DELIVERED)
        delivery_attempt_append(
            notification,
            AttemptOutcome.DELIVERED,
            channel=code,
            detail=receipt.detail,
            reference=receipt.provider_reference,
        )
        return None
    notification.sending_started_at = now
    notification.claimed_by_job = job_id
    _move(notification, S.SENDING)
    return _Send(notification_id=notification.pk, channel=channel, message=message)


def _claimer_alive(notification: Notification, job_id: int | None) -> bool:
    """Another job claimed this notification and is still queued or running."""
    claimer = notification.claimed_by_job
    if claimer is None or claimer == job_id:
        return False
    return ProcrastinateJob.objects.filter(id=claimer, status__in=["todo", "doing"]).exists()


def _others_due(own_id: int, limit: int) -> list[Notification]:
    """Up to `limit` other due notifications whose job waits, locked (skipping locked ones),
    whose jobs this transaction then cancels so they are ours alone."""
    if limit <= 0:
        return []
    now = timezone.now()
    # The job's status is read per candidate (a subquery on its primary key, walked in id
    # order up to the limit) rather than joined: a join lets the planner pick a plan that
    # compares every queued notification with every waiting job when the table
    # statistics are behind, as they are right after thousands of messages were queued.
    # A job that was already retried (found stalled after its worker died, or postponed)
    # is left to run itself, so a recovered job always finishes its own notification.
    job_status = ProcrastinateJob.objects.filter(id=OuterRef("job_id"), attempts=0).values(
        "status"
    )[:1]
    locked_ids = list(
        Notification.objects.select_for_update(skip_locked=True)
        .filter(status=S.QUEUED, job_id__isnull=False)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .alias(job_status=Subquery(job_status))
        .filter(job_status="todo")
        .exclude(pk=own_id)
        .order_by("id")
        .values_list("id", flat=True)[:limit]
    )
    if not locked_ids:
        return []
    # Already locked by this transaction: read them with their recipient and municipality.
    candidates = list(
        Notification.objects.select_related("person", "staff_user", "municipality")
        .filter(pk__in=locked_ids)
        .order_by("id")
    )
    return [
        candidate
        for candidate in candidates
        if candidate.job_id is not None and job_cancel(job_id=candidate.job_id)
    ]


@transaction.atomic
def _claim(
    notification_id: int, job_id: int | None, batch_size: int
) -> tuple[list[_Send], dt.datetime | None]:
    _commit_without_waiting_for_disk()
    own = _locked().get(pk=notification_id)
    members: list[Notification] = []
    if job_id is not None:
        # Claims of an earlier run of this very job that never got an answer recorded.
        members += list(
            _locked().filter(status=S.SENDING, claimed_by_job=job_id).exclude(pk=own.pk)
        )
    come_back: dt.datetime | None = None
    if own.status == S.SENDING and not _claimer_alive(own, job_id):
        members.append(own)
    elif own.status == S.QUEUED:
        if own.next_attempt_at and own.next_attempt_at > timezone.now() + CLOCK_TOLERANCE:
            come_back = own.next_attempt_at
        else:
            members.append(own)
    members += _others_due(own.pk, batch_size - len(members))
    batch = _Batch(members)
    to_send: list[_Send] = []
    for notification in members:
        if notification.status == S.SENDING:
            _move(notification, S.QUEUED)
            delivery_attempt_append(
                notification,
                AttemptOutcome.INTERRUPTED,
                channel=notification.channel,
                detail="A worker stopped before the outcome was recorded; sending it again.",
            )
        if notification.job_id is not None and job_id is not None:
            notification.job_id = job_id
        step = _prepare(notification, job_id, batch)
        if isinstance(step, _Send):
            to_send.append(step)
        elif step is not None and notification.pk == own.pk:
            come_back = step
    return to_send, come_back


def _give_up_channel(notification: Notification) -> None:
    notification.channels_given_up = [*notification.channels_given_up, notification.channel]
    notification.channel = ""
    notification.temporary_failures = 0


_RECORD_DELIVERED = """
WITH no_disk_wait AS (SELECT set_config('synchronous_commit', 'off', true)),
delivered AS (
    UPDATE notify_notification
       SET status = 'delivered', delivered_at = clock_timestamp(), updated_at = clock_timestamp()
     WHERE id = %(id)s AND status = 'sending' AND channel = %(channel)s
       AND claimed_by_job IS NOT DISTINCT FROM %(job)s
 RETURNING id
)
INSERT INTO notify_deliveryattempt
       (notification_id, at, channel, outcome, status_after, detail, provider_reference)
SELECT delivered.id, clock_timestamp(), %(channel)s, 'delivered', 'delivered',
       %(detail)s, %(reference)s
  FROM delivered, no_disk_wait
RETURNING notification_id
"""


def _record_delivered(item: _Send, receipt: DeliveryReceipt, job_id: int | None) -> bool:
    """The common case as one statement (the hot path of every e-mail): sending →
    delivered plus its log entry, if the row is still ours to record. Committed without
    waiting for the disk, like the claim (see _commit_without_waiting_for_disk)."""
    transition_check(LIFECYCLE, current=S.SENDING, target=S.DELIVERED)
    with connection.cursor() as cursor:
        cursor.execute(
            _RECORD_DELIVERED,
            {
                "id": item.notification_id,
                "channel": item.channel.code,
                "job": job_id,
                "detail": receipt.detail[:2000],
                "reference": receipt.provider_reference[:200],
            },
        )
        return cursor.fetchone() is not None


@transaction.atomic
def _record(
    item: _Send, outcome: DeliveryReceipt | DeliveryError, job_id: int | None
) -> tuple[_Send | None, dt.datetime | None]:
    """Record the server's answer; returns the next channel's message to send, if any,
    and when this job must come back (only when no other job could be queued)."""
    if isinstance(outcome, DeliveryReceipt) and _record_delivered(item, outcome, job_id):
        return None, None
    notification = _locked().get(pk=item.notification_id)
    code = item.channel.code
    if (
        notification.status != S.SENDING
        or notification.channel != code
        or notification.claimed_by_job != job_id
    ):
        # Another run took the message over meanwhile; only record what this one did.
        kind = (
            AttemptOutcome.DELIVERED
            if isinstance(outcome, DeliveryReceipt)
            else AttemptOutcome.TEMPORARY_FAILURE
        )
        delivery_attempt_append(
            notification, kind, channel=code, detail="Finished after another run took over."
        )
        return None, None
    if isinstance(outcome, DeliveryReceipt):
        notification.delivered_at = timezone.now()
        _move(notification, S.DELIVERED)
        delivery_attempt_append(
            notification,
            AttemptOutcome.DELIVERED,
            channel=code,
            detail=outcome.detail,
            reference=outcome.provider_reference,
        )
        return None, None
    if isinstance(outcome, PermanentFailure):
        _give_up_channel(notification)
        _move(notification, S.QUEUED)
        delivery_attempt_append(
            notification, AttemptOutcome.PERMANENT_FAILURE, channel=code, detail=outcome.detail
        )
        return _next_channel(notification, job_id)
    notification.temporary_failures += 1
    failures = notification.temporary_failures
    others = [
        other
        for other, _address in channels_remaining(notification, recipient_of(notification))
        if other != code
    ]
    if failures >= settings.LOKET_NOTIFY_FAILURES_BEFORE_FALLBACK and others:
        _give_up_channel(notification)
        _move(notification, S.QUEUED)
        delivery_attempt_append(
            notification, AttemptOutcome.TEMPORARY_FAILURE, channel=code, detail=outcome.detail
        )
        return _next_channel(notification, job_id)
    if failures >= settings.LOKET_NOTIFY_MAX_ATTEMPTS:
        _move(notification, S.FAILED)
        delivery_attempt_append(
            notification, AttemptOutcome.FAILED, channel=code, detail=outcome.detail
        )
        return None, None
    at = timezone.now() + dt.timedelta(seconds=backoff_seconds(failures))
    queued = _reschedule(notification, at)
    _move(notification, S.QUEUED)
    delivery_attempt_append(
        notification, AttemptOutcome.TEMPORARY_FAILURE, channel=code, detail=outcome.detail
    )
    return None, (None if queued else at)


def _next_channel(
    notification: Notification, job_id: int | None
) -> tuple[_Send | None, dt.datetime | None]:
    step = _prepare(notification, job_id, _Batch([notification]))
    if isinstance(step, _Send):
        return step, None
    return None, step


def _send(item: _Send) -> DeliveryReceipt | DeliveryError:
    try:
        return item.channel.deliver(item.message)
    except DeliveryError as error:
        return error
    except Exception as error:  # a plugin bug must not leave the row in "sending"
        logger.exception("channel %s failed unexpectedly", item.channel.code)
        return TemporaryFailure(f"{type(error).__name__}: {error}")


def notification_deliver(
    *, notification_id: int, job_id: int | None = None, batch_size: int = 1
) -> dt.datetime | None:
    """Deliver a notification (and up to batch_size - 1 other due ones).

    Returns when the calling job must run again for its own notification (None when it
    is settled, or when a new job already waits for its next attempt)."""
    pending, come_back = _claim(notification_id, job_id, batch_size)
    while pending:
        item = pending.pop(0)
        follow_up, later = _record(item, _send(item), job_id)
        if follow_up is not None:
            pending.append(follow_up)
        if later is not None and item.notification_id == notification_id:
            come_back = later
    return come_back
