"""The lifecycle of a notification, as data.

queued ──► sending ──► delivered
  │  ▲        │            │ (a later bounce: next channel, or failed)
  │  └────────┘ temporary failure, interruption, fallback to the next channel
  ├──► delivered   (portal, letter and demo SMS deliver inside one transaction)
  ├──► suppressed  (opted out, or no channel chosen for an optional message)
  └──► failed      (every channel failed)
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed")
    SUPPRESSED = "suppressed", _("Not sent")


S = NotificationStatus

ALLOWED_TRANSITIONS: dict[NotificationStatus, frozenset[NotificationStatus]] = {
    S.QUEUED: frozenset({S.SENDING, S.DELIVERED, S.FAILED, S.SUPPRESSED}),
    S.SENDING: frozenset({S.QUEUED, S.DELIVERED, S.FAILED}),
    S.DELIVERED: frozenset({S.QUEUED, S.FAILED}),
    S.FAILED: frozenset(),
    S.SUPPRESSED: frozenset(),
}

FINAL_STATUSES = frozenset({S.DELIVERED, S.FAILED, S.SUPPRESSED})


class AttemptOutcome(models.TextChoices):
    """What one entry of a notification's delivery log says happened."""

    DELIVERED = "delivered", _("Delivered")
    TEMPORARY_FAILURE = "temporary_failure", _("Temporary failure, will retry")
    PERMANENT_FAILURE = "permanent_failure", _("Permanent failure")
    BOUNCED = "bounced", _("Bounced after delivery")
    INTERRUPTED = "interrupted", _("Interrupted, sent again")
    POSTPONED = "postponed", _("Postponed (quiet hours)")
    SUPPRESSED = "suppressed", _("Not sent")
    FAILED = "failed", _("Given up")


class InvalidTransition(Exception):
    """A status change that ALLOWED_TRANSITIONS does not allow."""


def transition_check(current: str, target: NotificationStatus) -> None:
    if target not in ALLOWED_TRANSITIONS[NotificationStatus(current)]:
        raise InvalidTransition(f"{current} -> {target}")
