"""The lifecycle of a contact-centre question, as data.

::

    open ──take──▶ in_progress ──answer──▶ answered ──close──▶ closed
      │                 │                                        ▲
      └────answer───────┼────────────────────────────────────────┤
      └────close (reason)┴──────────────────────────────────────┘

A question is open until somebody takes it (or it is assigned: that sets the owner and
moves it to "in progress"). Answering records the answer (and a contact moment); closing
without an answer needs a reason. A transfer to another department or municipality keeps
the status but clears the owner; it is no status move and is logged in the history.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from loket.core.lifecycle import Lifecycle, Transition
from loket.tenancy.permissions import Permission


class QuestionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


class QuestionKind(models.TextChoices):
    QUESTION = "question", _("Question")
    CALLBACK = "callback", _("Callback request")


class QuestionChannel(models.TextChoices):
    """Where the question came in."""

    ASSISTANT = "assistant", _("Hand-over by the assistant")
    PHONE = "phone", _("By phone")
    COUNTER = "counter", _("At the counter")
    EMAIL = "email", _("E-mail")
    WEB_FORM = "web_form", _("Web form")
    LETTER = "letter", _("Letter")


class EventKind(models.TextChoices):
    CREATED = "created", _("Received")
    STATUS = "status", _("Status changed")
    ASSIGNED = "assigned", _("Owner changed")
    TRANSFERRED = "transferred", _("Transferred")
    REACH = "reach", _("Contact details left")


OPEN_STATUSES = frozenset({QuestionStatus.OPEN, QuestionStatus.IN_PROGRESS})

S = QuestionStatus
HANDLE = Permission.CRM_HANDLE_QUESTIONS

LIFECYCLE = Lifecycle(
    name="contact-centre question",
    statuses=QuestionStatus,
    transitions=(
        Transition(S.OPEN, S.IN_PROGRESS, permission=HANDLE),
        Transition(S.IN_PROGRESS, S.OPEN, permission=HANDLE),
        Transition(S.OPEN, S.ANSWERED, permission=HANDLE),
        Transition(S.IN_PROGRESS, S.ANSWERED, permission=HANDLE),
        Transition(S.OPEN, S.CLOSED, permission=HANDLE, reason_required=True),
        Transition(S.IN_PROGRESS, S.CLOSED, permission=HANDLE, reason_required=True),
        Transition(S.ANSWERED, S.CLOSED, permission=HANDLE),
    ),
)


class AnswerEmailStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


ANSWER_EMAIL_LIFECYCLE = Lifecycle(
    name="contact-centre answer e-mail",
    statuses=AnswerEmailStatus,
    transitions=(
        Transition(AnswerEmailStatus.QUEUED, AnswerEmailStatus.SENT),
        Transition(AnswerEmailStatus.QUEUED, AnswerEmailStatus.FAILED),
    ),
)
