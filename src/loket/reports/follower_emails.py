"""Delivering `FollowerEmail` rows with loket.notify's wording, rendering and e-mail channel,
so that a follower without an account gets exactly the message a resident would."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from loket.core.lifecycle import transition_check
from loket.notify.addressed import addressed_message_build
from loket.notify.channels import channel_get
from loket.notify.channels.base import (
    OutgoingMessage,
    PermanentFailure,
    TemporaryFailure,
)
from loket.notify.retry import backoff_seconds
from loket.reports.models import FollowerEmail, FollowerEmailStatus
from loket.reports.workflow import FOLLOWER_EMAIL_LIFECYCLE


def _message(email: FollowerEmail) -> OutgoingMessage:
    return addressed_message_build(
        municipality=email.report.municipality,
        event_code=email.notify_event,
        language=email.language,
        context=email.context,
        channel="email",
        address=email.email,
        recipient_name=str(email.context.get("recipient_name", "")),
        message_id=email.message_id,
    )


def _check(email: FollowerEmail, target: FollowerEmailStatus) -> None:
    """The e-mail was claimed while queued (only this job sends it); the move must be one
    the lifecycle holds."""
    transition_check(FOLLOWER_EMAIL_LIFECYCLE, current=email.status, target=target)


def follower_email_deliver(*, follower_email_id: int) -> dt.datetime | None:
    """Send one queued e-mail; returns when to try again after a temporary failure."""
    with transaction.atomic():
        email = (
            FollowerEmail.objects.select_for_update()
            .select_related("report__municipality")
            .filter(pk=follower_email_id, status=FollowerEmailStatus.QUEUED)
            .first()
        )
        if email is None:
            return None
        FollowerEmail.objects.filter(pk=email.pk).update(attempts=email.attempts + 1)
        message = _message(email)
    try:
        channel_get("email").deliver(message)
    except PermanentFailure as error:
        _check(email, FollowerEmailStatus.FAILED)
        FollowerEmail.objects.filter(pk=email.pk).update(
            status=FollowerEmailStatus.FAILED, detail=error.detail
        )
        return None
    except TemporaryFailure as error:
        if email.attempts + 1 >= settings.LOKET_NOTIFY_MAX_ATTEMPTS:
            _check(email, FollowerEmailStatus.FAILED)
            FollowerEmail.objects.filter(pk=email.pk).update(
                status=FollowerEmailStatus.FAILED, detail=error.detail
            )
            return None
        FollowerEmail.objects.filter(pk=email.pk).update(detail=error.detail)
        return timezone.now() + dt.timedelta(seconds=backoff_seconds(email.attempts + 1))
    _check(email, FollowerEmailStatus.SENT)
    FollowerEmail.objects.filter(pk=email.pk).update(
        status=FollowerEmailStatus.SENT, sent_at=timezone.now(), detail=""
    )
    return None
