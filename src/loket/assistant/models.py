"""What the assistant knows and what it was asked.

Knowledge: the catalogue products (read through the catalogue's selectors, never stored
here), FAQ entries (several question phrasings and one answer, per language, regional or
for one municipality) and product phrasings learned from staff. Every change of the
knowledge bumps `KnowledgeRevision`, so each process rebuilds its in-memory index.

Conversation: a `Conversation` remembers the municipality and the last candidates of one
session key. Every question is logged (`AskedQuestion`) for the learning page; a question
the assistant cannot answer is handed over to the contact centre (`loket.assistant.handover`).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from loket.assistant.workflow import Outcome, ReviewStatus
from loket.core.enums import Language

LANGUAGE_CODES = tuple(Language.values)


class KnowledgeRevision(models.Model):
    """One row whose number grows with every change of FAQ entries or phrasings."""

    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("knowledge revision")

    def __str__(self) -> str:
        return str(self.number)


class FaqEntry(models.Model):
    """A question residents ask, in several phrasings, with one answer per language."""

    region = models.ForeignKey("tenancy.Region", on_delete=models.CASCADE, related_name="+")
    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
        blank=True,
        help_text=_("Empty for an entry of the whole region."),
    )
    product_code = models.SlugField(
        _("product"),
        max_length=60,
        blank=True,
        help_text=_("The catalogue product the answer is about, if any."),
    )
    answer_nl = models.TextField(_("answer (Dutch)"), blank=True)
    answer_fr = models.TextField(_("answer (French)"), blank=True)
    answer_en = models.TextField(_("answer (English)"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("FAQ entry")
        verbose_name_plural = _("FAQ entries")
        constraints = [
            models.CheckConstraint(
                condition=~Q(answer_nl="", answer_fr="", answer_en=""),
                name="faq_entry_has_an_answer",
            )
        ]

    def __str__(self) -> str:
        return f"FAQ {self.pk}"

    def answer_in(self, language: str) -> str:
        order = {"nl": ("nl", "fr", "en"), "fr": ("fr", "nl", "en"), "en": ("en", "nl", "fr")}
        for code in order.get(language, ("nl", "fr", "en")):
            value = str(getattr(self, f"answer_{code}"))
            if value:
                return value
        return ""


class FaqPhrasing(models.Model):
    """One way of asking the question of an FAQ entry, in one language."""

    entry = models.ForeignKey(FaqEntry, on_delete=models.CASCADE, related_name="phrasings")
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    text = models.CharField(_("question"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("FAQ phrasing")
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "language", "text"], name="faq_phrasing_unique"
            )
        ]

    def __str__(self) -> str:
        return self.text


class ProductPhrasing(models.Model):
    """A way residents ask for a catalogue product, taught by staff (or shipped)."""

    product_code = models.SlugField(_("product"), max_length=60)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    text = models.CharField(_("question"), max_length=300)
    is_shipped = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["product_code", "pk"]
        verbose_name = _("product phrasing")
        constraints = [
            models.UniqueConstraint(
                fields=["product_code", "language", "text"], name="product_phrasing_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.product_code}: {self.text}"


class Conversation(models.Model):
    """What the assistant remembers of one session key."""

    key = models.CharField(max_length=64, unique=True)
    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    language = models.CharField(max_length=2, choices=Language.choices, blank=True)
    # Candidate keys ("product:eid-card", "faq:12") of the last answer, best first.
    candidates = ArrayField(models.CharField(max_length=80), default=list, blank=True)
    is_awaiting_choice = models.BooleanField(default=False)
    # The last turns: [{"question": ..., "answer": ..., "language": ...}, ...]
    turns = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("conversation")

    def __str__(self) -> str:
        return self.key


class AskedQuestion(models.Model):
    """One question put to the assistant and what it did with it."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    conversation = models.ForeignKey(
        Conversation, on_delete=models.SET_NULL, null=True, blank=True, related_name="questions"
    )
    question = models.CharField(_("question"), max_length=500)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    product_code = models.SlugField(max_length=60, blank=True)
    faq_entry = models.ForeignKey(
        FaqEntry, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confidence = models.FloatField(_("confidence"))
    alternatives = ArrayField(models.CharField(max_length=80), default=list, blank=True)
    review_status = models.CharField(
        _("review"), max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.NEW
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("asked question")
        verbose_name_plural = _("asked questions")
        indexes = [models.Index(fields=["municipality", "review_status", "confidence"])]

    def __str__(self) -> str:
        return self.question
