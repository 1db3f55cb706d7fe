"""Every write of the notify domain. Keyword-only, typed, atomic.

Other domains call `notification_send` inside their own transaction: the notification
and its delivery job are written with the business change, or not at all.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from procrastinate.contrib.django.models import ProcrastinateJob

from loket.accounts.models import User
from loket.core.lifecycle import transition_check
from loket.core.placeholders import placeholders_problems
from loket.notify.channels.base import AttachmentFile
from loket.notify.events import COMMON_VARIABLES, event_get
from loket.notify.history import delivery_attempt_append
from loket.notify.models import (
    ANONYMISED_RECIPIENT,
    InboxMessage,
    Notification,
    NotificationAttachment,
    TemplateOverride,
)
from loket.notify.queue import delivery_defer
from loket.notify.workflow import LIFECYCLE, AttemptOutcome, NotificationStatus
from loket.people.models import Person
from loket.tenancy.models import Municipality

# A queued notification without a waiting job for this long is queued again.
ORPHAN_AFTER = dt.timedelta(minutes=10)


def _message_id() -> str:
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("> ") or "loket.invalid"
    return f"<{uuid.uuid4().hex}.notification@{domain}>"


def _context_check(event: str, context: Mapping[str, Any]) -> dict[str, Any]:
    event_type = event_get(event)
    expected = set(event_type.variables)
    given = set(context)
    missing = sorted(expected - given)
    unknown = sorted(given - expected - set(COMMON_VARIABLES))
    if missing or unknown:
        raise ValueError(
            f"{event}: missing variables {missing or '[]'}, unknown variables {unknown or '[]'}"
        )
    return {
        name: value if isinstance(value, str) else str(value) for name, value in context.items()
    }


@transaction.atomic
def notification_send(
    *,
    recipient: Person | User,
    event: str,
    context: Mapping[str, Any],
    municipality: Municipality,
    idempotency_key: str,
    attachments: Sequence[AttachmentFile] = (),
    in_reply_to: str = "",
    references: str = "",
    channels_first: Sequence[str] = (),
    reply_to: str = "",
) -> Notification:
    """Tell a resident or staff member about an event, in the caller's transaction.

    The same (event, recipient, idempotency_key) is sent once: a second call returns the
    first notification and queues nothing. `in_reply_to` and `references` (Message-IDs)
    make an e-mail thread with the one it answers; `channels_first` are tried before the
    recipient's own choice of channels; `reply_to` is where an answer by e-mail should go.
    """
    if not idempotency_key:
        raise ValueError("an idempotency key is required (e.g. 'case-123-decision')")
    cleaned = _context_check(event, context)
    essential = event_get(event).essential
    if isinstance(recipient, Person):
        fields: dict[str, Any] = {"person": recipient, "recipient_key": f"person:{recipient.pk}"}
    else:
        fields = {"staff_user": recipient, "recipient_key": f"user:{recipient.pk}"}
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                municipality=municipality,
                event=event,
                idempotency_key=idempotency_key,
                language=recipient.preferred_language,
                essential=essential,
                context=cleaned,
                message_id=_message_id(),
                in_reply_to=in_reply_to,
                references=references,
                channels_first=list(channels_first),
                reply_to=reply_to,
                **fields,
            )
    except IntegrityError:
        existing = Notification.objects.filter(
            event=event, recipient_key=fields["recipient_key"], idempotency_key=idempotency_key
        ).first()
        if existing is None:
            raise
        return existing
    NotificationAttachment.objects.bulk_create(
        NotificationAttachment(
            notification=notification,
            filename=attachment.filename,
            content_type=attachment.content_type,
            content=attachment.content,
        )
        for attachment in attachments
    )
    notification.job_id = delivery_defer(notification_id=notification.pk)
    Notification.objects.filter(pk=notification.pk).update(job_id=notification.job_id)
    return notification


@transaction.atomic
def notification_bounce_record(
    *, notification_id: int, channel: str, detail: str, provider_reference: str = ""
) -> Notification:
    """A message that was delivered came back (mail bounce, SMS delivery report): log it
    and send the notification on the next channel (or fail it when none is left)."""
    notification = Notification.objects.select_for_update().get(pk=notification_id)
    if notification.recipient_key == ANONYMISED_RECIPIENT:
        # Past its retention period: there is nobody to send it to any more, and nothing
        # about the bounce is kept.
        return notification
    bounced_current = (
        notification.status == NotificationStatus.DELIVERED and notification.channel == channel
    )
    if bounced_current:
        transition_check(LIFECYCLE, current=notification.status, target=NotificationStatus.QUEUED)
        notification.channels_given_up = [*notification.channels_given_up, channel]
        notification.channel = ""
        notification.temporary_failures = 0
        notification.delivered_at = None
        notification.status = NotificationStatus.QUEUED
        notification.save()
    delivery_attempt_append(
        notification,
        AttemptOutcome.BOUNCED,
        channel=channel,
        detail=detail,
        reference=provider_reference,
    )
    if bounced_current:
        job_id = delivery_defer(notification_id=notification.pk)
        if job_id is not None:
            notification.job_id = job_id
            notification.save(update_fields=["job_id"])
    return notification


@transaction.atomic
def notifications_requeue_orphans(*, older_than: dt.timedelta = ORPHAN_AFTER) -> int:
    """Queue a new job for unfinished notifications whose job is gone or failed for good
    (a deleted job row, a bug fixed since): nothing is ever silently dropped."""
    waiting_job = ProcrastinateJob.objects.filter(
        id=OuterRef("job_id"), status__in=["todo", "doing"]
    )
    orphans = list(
        Notification.objects.filter(
            status__in=[NotificationStatus.QUEUED, NotificationStatus.SENDING],
            updated_at__lt=timezone.now() - older_than,
        )
        .exclude(Exists(waiting_job))
        .values_list("pk", flat=True)[:1000]
    )
    requeued = 0
    for notification_id in orphans:
        job_id = delivery_defer(notification_id=notification_id)
        if job_id is not None:
            Notification.objects.filter(pk=notification_id).update(job_id=job_id)
            requeued += 1
    return requeued


@transaction.atomic
def inbox_message_mark_read(*, message: InboxMessage) -> InboxMessage:
    if message.read_at is None:
        message.read_at = timezone.now()
        message.save(update_fields=["read_at"])
    return message


def template_override_validate(*, event: str, subject: str, body: str, sms: str) -> None:
    """Raise a ValidationError (per field, translated) when a text uses anything but the
    variables the event provides."""
    allowed = event_get(event).all_variables()
    errors: dict[str, list[str]] = {}
    for field_name, source in (("subject", subject), ("body", body), ("sms", sms)):
        if not source.strip():
            errors[field_name] = [_("This text cannot be empty.")]
            continue
        problems = placeholders_problems(source, allowed)
        if problems:
            errors[field_name] = problems
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def template_override_save(
    *,
    municipality: Municipality,
    event: str,
    language: str,
    subject: str,
    body: str,
    sms: str,
    user: User | None,
) -> TemplateOverride:
    template_override_validate(event=event, subject=subject, body=body, sms=sms)
    override, _created = TemplateOverride.objects.update_or_create(
        municipality=municipality,
        event=event,
        language=language,
        defaults={"subject": subject, "body": body, "sms": sms, "updated_by": user},
    )
    return override


@transaction.atomic
def template_override_delete(*, municipality: Municipality, event: str, language: str) -> int:
    deleted, _details = TemplateOverride.objects.filter(
        municipality=municipality, event=event, language=language
    ).delete()
    return deleted
