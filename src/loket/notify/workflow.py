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

from loket.core.lifecycle import Lifecycle, Transition


class NotificationStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed")
    SUPPRESSED = "suppressed", _("Not sent")


S = NotificationStatus


class InvalidTransition(Exception):
    """A status change that the lifecycle does not allow (a programming error)."""


def _refusal(source: str, target: str, party: str) -> Exception:
    return InvalidTransition(f"{source} -> {target}")


def _moves(source: NotificationStatus, *targets: NotificationStatus) -> tuple[Transition, ...]:
    return tuple(Transition(source, target) for target in targets)


# Workers and bounce reports move a notification; nobody decides by hand. The delivery
# log (`DeliveryAttempt`) records every move, written by loket.notify.delivery.
LIFECYCLE = Lifecycle(
    name="notification",
    statuses=NotificationStatus,
    transitions=(
        *_moves(S.QUEUED, S.SENDING, S.DELIVERED, S.FAILED, S.SUPPRESSED),
        *_moves(S.SENDING, S.QUEUED, S.DELIVERED, S.FAILED),
        *_moves(S.DELIVERED, S.QUEUED, S.FAILED),
    ),
    refusal=_refusal,
)

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = LIFECYCLE.targets()

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
