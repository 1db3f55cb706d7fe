"""Telling reporters and followers what happens to a report, inside the transaction.

Residents of the register are told through loket.notify (on the channels they chose);
followers known only by an e-mail address get the same message through `FollowerEmail`
(see models/emails.py and tasks.py). loket.notify loads this module at start-up, which
registers the report events (notification_events.py)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from loket.config.links import absolute_url
from loket.notify.services import notification_send
from loket.reports import notification_events
from loket.reports.models import EventKind, FollowerEmail, Report, ReportEvent, ReportFollower
from loket.reports.workflow import ReportStatus

REOPEN_SALT = "loket.reports.reopen"


def reopen_key(report: Report, email: str) -> str:
    """Signed value that lets an anonymous reporter reopen their report from the e-mail."""
    return signing.dumps({"r": report.pk, "e": email.lower()}, salt=REOPEN_SALT)


def _event_and_context(
    report: Report, event: ReportEvent, follower: ReportFollower, language: str
) -> tuple[str, dict[str, str]] | None:
    """Which notify event this report event is for this follower (None: nothing to say)."""
    with translation.override(language):
        base = {
            "report_number": str(report.pk),
            "category_name": report.category.name_in(language),
            "report_url": absolute_url(reverse("reports:detail", kwargs={"report_id": report.pk})),
        }
        if event.kind == EventKind.CREATED:
            return (
                (notification_events.REPORT_RECEIVED.code, base) if follower.is_reporter else None
            )
        if event.kind == EventKind.FOLLOWED:
            return notification_events.REPORT_FOLLOWED.code, base
        if event.kind == EventKind.MERGED:
            duplicate_number = str(event.report_id)
            return notification_events.REPORT_MERGED.code, {
                **base,
                "duplicate_number": duplicate_number,
            }
        if event.kind == EventKind.STATUS_CHANGED and event.to_status == ReportStatus.RESOLVED:
            reopen_url = ""
            if follower.is_reporter:
                reopen_url = absolute_url(
                    reverse("reports:reopen", kwargs={"report_id": report.pk})
                )
                if follower.person_id is None:
                    reopen_url += "?key=" + reopen_key(report, follower.email)
            return notification_events.REPORT_RESOLVED.code, {
                **base,
                "message": event.message,
                "reopen_url": reopen_url,
            }
        if event.kind in {EventKind.STATUS_CHANGED, EventKind.MESSAGE, EventKind.REOPENED}:
            return notification_events.REPORT_UPDATED.code, {
                **base,
                "status": str(ReportStatus(report.status).label),
                "message": event.message,
            }
    return None


def _message_id() -> str:
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("> ") or "loket.invalid"
    return f"<{uuid.uuid4().hex}.report@{domain}>"


def _email_queue(
    report: Report, event: ReportEvent, follower: ReportFollower, code: str, context: dict[str, Any]
) -> None:
    from loket.reports.tasks import follower_email_defer

    name = report.reporter_name if follower.is_reporter and report.reporter_name else ""
    # `event` was written in this transaction: nothing was queued for it yet.
    email = FollowerEmail.objects.create(
        report=report,
        event=event,
        email=follower.email,
        language=follower.language,
        notify_event=code,
        context={**context, "recipient_name": name or _("resident")},
        message_id=_message_id(),
    )
    follower_email_defer(follower_email_id=email.pk)


def _send(report: Report, event: ReportEvent, followers: Sequence[ReportFollower]) -> None:
    for follower in followers:
        language = follower.person.preferred_language if follower.person else follower.language
        found = _event_and_context(report, event, follower, language)
        if found is None:
            continue
        code, context = found
        if follower.person is not None:
            notification_send(
                recipient=follower.person,
                event=code,
                context=context,
                municipality=report.municipality,
                idempotency_key=f"report-event-{event.pk}",
            )
        elif follower.email:
            _email_queue(report, event, follower, code, context)


def report_event_notify(
    *, report: Report, event: ReportEvent, followers: Sequence[ReportFollower] | None = None
) -> None:
    """Tell the followers (default: all of the report's) about a public event of the
    report, inside the transaction that wrote the event."""
    if followers is None:
        followers = list(report.followers.select_related("person"))
    _send(report, event, followers)


def report_follow_confirm(*, report: Report, follower: ReportFollower, event: ReportEvent) -> None:
    _send(report, event, [follower])


def report_merge_notify(
    *, duplicate: Report, target: Report, followers: Sequence[ReportFollower], event: ReportEvent
) -> None:
    """Tell the followers moved from `duplicate` that they now follow `target`."""
    _send(target, event, list(followers))
