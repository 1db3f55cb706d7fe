"""Delivering `FollowerEmail` rows with loket.notify's wording, rendering and e-mail channel,
so that a follower without an account gets exactly the message a resident would."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from loket.core.lifecycle import transition_check
from loket.notify.channels import channel_get
from loket.notify.channels.base import (
    OutgoingMessage,
    PermanentFailure,
    Recipient,
    TemporaryFailure,
)
from loket.notify.events import event_get
from loket.notify.rendering import message_render
from loket.notify.retry import backoff_seconds
from loket.notify.wordings import wording_for
from loket.reports.models import FollowerEmail, FollowerEmailStatus
from loket.reports.workflow import FOLLOWER_EMAIL_LIFECYCLE


def _message(email: FollowerEmail) -> OutgoingMessage:
    event_type = event_get(email.notify_event)
    municipality = email.report.municipality
    municipality_name = municipality.name_in(email.language)
    context = {**email.context, "municipality_name": municipality_name}
    rendered = message_render(
        event_type=event_type,
        wording=wording_for(
            municipality_id=municipality.pk, event_type=event_type, language=email.language
        ),
        context=context,
        language=email.language,
    )
    return OutgoingMessage(
        notification_id=0,
        municipality_id=municipality.pk,
        municipality_name=municipality_name,
        recipient=Recipient(
            name=str(context.get("recipient_name", "")), language=email.language, email=email.email
        ),
        address=email.email,
        language=email.language,
        subject=rendered.subject,
        body=rendered.body,
        html=rendered.html,
        sms=rendered.sms,
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
