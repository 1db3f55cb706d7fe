"""Tables of the contact centre (imported by loket.crm.models, so they belong to the crm app).

`ContactQuestion` was the assistant's hand-over; it now holds every question and callback
request of the contact centre, whatever the channel (migration crm 0006 moved the rows and
their history). `ContactQuestionEvent` is its append-only history; `KnowledgeArticle` what
staff answer with.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loket.core.enums import Language
from loket.crm.contact_centre.workflow import (
    AnswerEmailStatus,
    EventKind,
    QuestionChannel,
    QuestionKind,
    QuestionStatus,
)

__all__ = [
    "ContactQuestion",
    "ContactQuestionAnswerEmail",
    "ContactQuestionEvent",
    "KnowledgeArticle",
]

QUESTION_MAX_LENGTH = 500
TITLE_MAX_LENGTH = 200


class ContactQuestion(models.Model):
    """A question or callback request of a resident for the contact centre."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    department = models.ForeignKey(
        "tenancy.Department", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=QuestionKind.choices, default=QuestionKind.QUESTION
    )
    channel = models.CharField(
        _("channel"), max_length=20, choices=QuestionChannel.choices, default=QuestionChannel.PHONE
    )
    asked_question = models.OneToOneField(
        "assistant.AskedQuestion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_question",
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    product = models.ForeignKey(
        "catalog.Product", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    question = models.CharField(_("question"), max_length=QUESTION_MAX_LENGTH)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    transcript = models.JSONField(_("transcript"), default=list, blank=True)
    # How the resident asked to be answered.
    reply_email = models.EmailField(_("email address"), blank=True)
    reply_phone = models.CharField(_("phone number"), max_length=30, blank=True)
    callback_from = models.DateTimeField(_("call back from"), null=True, blank=True)
    callback_until = models.DateTimeField(_("call back until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=QuestionStatus.choices, default=QuestionStatus.OPEN
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    due_at = models.DateTimeField(_("due"))
    answer_note = models.TextField(_("answer"), blank=True)
    created_at = models.DateTimeField(db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at", "pk"]
        verbose_name = _("contact-centre question")
        verbose_name_plural = _("contact-centre questions")
        indexes = [
            # The queue: the open questions of some municipalities by due time.
            # (the tab counts and the page count read these alone: owner, department and
            # due time are in them)
            models.Index(
                fields=["municipality", "due_at", "id"],
                name="crm_cq_open_due",
                condition=Q(status__in=["open", "in_progress"]),
                include=["owner", "department"],
            ),
            # ... and of a whole region (a regional agent's queue), in the same order.
            models.Index(
                fields=["due_at", "id"],
                name="crm_cq_open_due_all",
                condition=Q(status__in=["open", "in_progress"]),
                include=["municipality", "owner", "department"],
            ),
            models.Index(
                fields=["owner", "due_at", "id"],
                name="crm_cq_open_owner_due",
                condition=Q(status__in=["open", "in_progress"]),
            ),
            models.Index(fields=["municipality", "status"], name="crm_cq_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(callback_from__isnull=True)
                | Q(callback_until__isnull=True)
                | Q(callback_from__lt=models.F("callback_until")),
                name="crm_cq_callback_window",
            )
        ]

    def __str__(self) -> str:
        return self.question

    @property
    def is_open(self) -> bool:
        return self.status in {QuestionStatus.OPEN, QuestionStatus.IN_PROGRESS}


class ContactQuestionEvent(models.Model):
    """Append-only history of a contact-centre question (the database refuses changes)."""

    contact_question = models.ForeignKey(
        ContactQuestion, on_delete=models.PROTECT, related_name="events"
    )
    kind = models.CharField(max_length=20, choices=EventKind.choices, default=EventKind.STATUS)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    from_municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to_municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    from_department = models.ForeignKey(
        "tenancy.Department", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to_department = models.ForeignKey(
        "tenancy.Department", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.TextField(blank=True)
    actor_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("contact-centre question event")

    def __str__(self) -> str:
        return f"{self.contact_question_id}: {self.from_status} -> {self.to_status}"

    @property
    def to_status_label(self) -> str:
        valid = self.to_status in QuestionStatus.values
        return str(QuestionStatus(self.to_status).label) if valid else self.to_status


class ContactQuestionAnswerEmail(models.Model):
    """The answer to a visitor known only by an e-mail address (no resident of the register):
    loket.notify reaches residents and staff, so this small queue of its own sends the same
    message (event `crm.question_answered`, the municipality's wording, the e-mail channel).
    One per question: sent at most once."""

    contact_question = models.OneToOneField(
        ContactQuestion, on_delete=models.PROTECT, related_name="answer_email"
    )
    email = models.EmailField()
    language = models.CharField(max_length=2, choices=Language.choices)
    context = models.JSONField(default=dict)
    status = models.CharField(
        max_length=10, choices=AnswerEmailStatus.choices, default=AnswerEmailStatus.QUEUED
    )
    attempts = models.PositiveIntegerField(default=0)
    detail = models.TextField(blank=True)
    message_id = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("answer by e-mail to a visitor")

    def __str__(self) -> str:
        return f"{self.contact_question_id} → {self.email} ({self.status})"


class KnowledgeArticle(models.Model):
    """What staff of the contact centre answer with: one municipality's, or the region's."""

    region = models.ForeignKey("tenancy.Region", on_delete=models.PROTECT, related_name="+")
    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty for an article of the whole region."),
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    body = models.TextField(_("text"))
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.DUTCH
    )
    products = models.ManyToManyField(
        "catalog.Product", blank=True, related_name="+", verbose_name=_("products")
    )
    is_active = models.BooleanField(_("active"), default=True)
    # title (weight A) and body (weight B), written by the service on every save
    search_vector = SearchVectorField(null=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # the number of its newest KnowledgeArticleVersion
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("knowledge article")
        verbose_name_plural = _("knowledge articles")
        indexes = [GinIndex(fields=["search_vector"], name="crm_article_search")]

    def __str__(self) -> str:
        return self.title


class KnowledgeArticleVersion(models.Model):
    """One version of an article as it was saved, with who saved it and when. Every save
    appends one (version 1 on creation); the database refuses UPDATE and DELETE."""

    article = models.ForeignKey(KnowledgeArticle, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    body = models.TextField()
    language = models.CharField(max_length=2, choices=Language.choices)
    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    is_active = models.BooleanField()
    product_codes = models.JSONField(default=list)
    saved_at = models.DateTimeField(default=timezone.now)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="crm_article_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.article_id} v{self.number}"
