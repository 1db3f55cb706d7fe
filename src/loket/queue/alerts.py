"""Delivering `TicketAlert` rows (holders known only by a mobile number or an e-mail
address) with loket.notify's wording, rendering and channels, so they read exactly what a
resident of the register would. The link to the ticket's page is signed when the message is
built (`loket.queue.links`), never stored. Once sent, or failed for good, the context is
emptied."""

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
from loket.queue.links import ticket_url
from loket.queue.models import TicketAlert
from loket.queue.workflow import ALERT_LIFECYCLE, AlertStatus


def _message(alert: TicketAlert) -> OutgoingMessage:
    return addressed_message_build(
        municipality=alert.ticket.municipality,
        event_code=alert.notify_event,
        language=alert.language,
        context={**alert.context, "ticket_url": ticket_url(ticket_id=alert.ticket_id)},
        channel=alert.channel,
        address=alert.address,
        recipient_name=str(alert.context.get("recipient_name", "")),
        message_id=alert.message_id,
    )


def _finish(alert: TicketAlert, status: AlertStatus, detail: str) -> None:
    transition_check(ALERT_LIFECYCLE, current=alert.status, target=status)
    TicketAlert.objects.filter(pk=alert.pk).update(
        status=status,
        detail=detail,
        context={},
        sent_at=timezone.now() if status == AlertStatus.SENT else None,
    )


def ticket_alert_deliver(*, ticket_alert_id: int) -> dt.datetime | None:
    """Send one queued alert; returns when to try again after a temporary failure."""
    with transaction.atomic():
        alert = (
            TicketAlert.objects.select_for_update(of=("self",))
            .select_related("ticket__municipality")
            .filter(pk=ticket_alert_id, status=AlertStatus.QUEUED)
            .first()
        )
        if alert is None:
            return None
        TicketAlert.objects.filter(pk=alert.pk).update(attempts=alert.attempts + 1)
        outgoing = _message(alert)
    try:
        channel_get(alert.channel).deliver(outgoing)
    except PermanentFailure as error:
        _finish(alert, AlertStatus.FAILED, error.detail)
        return None
    except TemporaryFailure as error:
        if alert.attempts + 1 >= settings.LOKET_NOTIFY_MAX_ATTEMPTS:
            _finish(alert, AlertStatus.FAILED, error.detail)
            return None
        TicketAlert.objects.filter(pk=alert.pk).update(detail=error.detail)
        return timezone.now() + dt.timedelta(seconds=backoff_seconds(alert.attempts + 1))
    _finish(alert, AlertStatus.SENT, "")
    return None
