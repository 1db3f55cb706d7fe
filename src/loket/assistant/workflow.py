"""The lifecycle of a question handed over to the contact centre, as data."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from loket.core.lifecycle import Lifecycle, Transition
from loket.tenancy.permissions import Permission


class ContactQuestionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ANSWERED = "answered", _("Answered")


def _refusal(source: str, target: str, party: str) -> Exception:
    return ValidationError(gettext("This question was already answered."))


# The contact centre answers a question (the service checks who may see it first).
LIFECYCLE = Lifecycle(
    name="contact question",
    statuses=ContactQuestionStatus,
    transitions=(
        Transition(
            ContactQuestionStatus.OPEN,
            ContactQuestionStatus.ANSWERED,
            permission=Permission.ASSISTANT_VIEW_QUESTIONS,
        ),
    ),
    refusal=_refusal,
)


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
