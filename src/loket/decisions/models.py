"""Per-product decision letter templates: region-wide, overridden per municipality."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DecisionOutcome(models.TextChoices):
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class DecisionTemplate(models.Model):
    """The subject, body and appeal paragraph of the letter for one product and outcome.

    `municipality` empty: the region's template, used by every municipality of the region
    that has none of its own. Empty texts fall back to Loket's default wording.
    """

    region = models.ForeignKey(
        "tenancy.Region", on_delete=models.PROTECT, related_name="decision_templates"
    )
    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decision_templates",
    )
    product_code = models.SlugField(_("product code"), max_length=80)
    outcome = models.CharField(_("outcome"), max_length=20, choices=DecisionOutcome.choices)
    subject_nl = models.CharField(_("subject (Dutch)"), max_length=300, blank=True)
    subject_fr = models.CharField(_("subject (French)"), max_length=300, blank=True)
    subject_en = models.CharField(_("subject (English)"), max_length=300, blank=True)
    body_nl = models.TextField(_("letter text (Dutch)"), blank=True)
    body_fr = models.TextField(_("letter text (French)"), blank=True)
    body_en = models.TextField(_("letter text (English)"), blank=True)
    appeal_nl = models.TextField(_("appeal information (Dutch)"), blank=True)
    appeal_fr = models.TextField(_("appeal information (French)"), blank=True)
    appeal_en = models.TextField(_("appeal information (English)"), blank=True)
    appeal_days = models.PositiveSmallIntegerField(_("days to appeal"), default=30)
    answer_keys = models.JSONField(
        _("answers in the letter"),
        default=list,
        blank=True,
        help_text=_(
            "The keys of the form's answers the letter repeats, in order; empty: the "
            "product's shipped choice, else the answers the form marks as key."
        ),
    )
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("decision letter template")
        verbose_name_plural = _("decision letter templates")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "municipality", "product_code", "outcome"],
                name="decision_template_unique",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                condition=Q(appeal_days__gte=1), name="decision_template_appeal_days_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product_code} ({self.outcome})"

    def text(self, part: str, language: str) -> str:
        value: str = getattr(self, f"{part}_{language}")
        return value
