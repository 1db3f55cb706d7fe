"""What the assistant did with a question, and the lifecycle of its review, as data."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from loket.core.lifecycle import Lifecycle, Transition


class Outcome(models.TextChoices):
    """What the assistant did with a question."""

    ANSWERED = "answered", _("Answered")
    CLARIFIED = "clarified", _("Offered choices")
    HANDED_OVER = "handed_over", _("Handed over")


class ReviewStatus(models.TextChoices):
    """Where a logged question stands in the staff review (the learning page)."""

    NEW = "new", _("To review")
    LEARNED = "learned", _("Learned")
    DISMISSED = "dismissed", _("Dismissed")


# A reviewer may revisit a logged question: learn it again (another phrasing) or dismiss
# it after all, and the other way round. The service checks the knowledge grant.
REVIEW_LIFECYCLE = Lifecycle(
    name="question review",
    statuses=ReviewStatus,
    transitions=tuple(
        Transition(source, target)
        for source in ReviewStatus
        for target in (ReviewStatus.LEARNED, ReviewStatus.DISMISSED)
    ),
    field="review_status",
)
