"""The lifecycle of a question handed over to the contact centre, as data."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContactQuestionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ANSWERED = "answered", _("Answered")


ALLOWED_TRANSITIONS: dict[ContactQuestionStatus, frozenset[ContactQuestionStatus]] = {
    ContactQuestionStatus.OPEN: frozenset({ContactQuestionStatus.ANSWERED}),
    ContactQuestionStatus.ANSWERED: frozenset(),
}


def transition_allowed(current: str, target: str) -> bool:
    return ContactQuestionStatus(target) in ALLOWED_TRANSITIONS[ContactQuestionStatus(current)]


class Outcome(models.TextChoices):
    """What the assistant did with a question."""

    ANSWERED = "answered", _("Answered")
    CLARIFIED = "clarified", _("Asked which of two")
    HANDED_OVER = "handed_over", _("Handed over")


class ReviewStatus(models.TextChoices):
    """Where a logged question stands in the staff review (the learning page)."""

    NEW = "new", _("To review")
    LEARNED = "learned", _("Learned")
    DISMISSED = "dismissed", _("Dismissed")
