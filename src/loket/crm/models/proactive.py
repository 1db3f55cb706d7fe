"""Proactive service: the suggestions made to a resident, and what became of them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SuggestionRule(models.TextChoices):
    """Why a product is suggested to a resident (docs/crm.md, "Proactive service")."""

    MOVED = "moved", _("Moved house")
    BIRTH = "birth", _("A child was born")
    RELATED = "related", _("Goes with a recent request")
    ID_CARD_EXPIRES = "id_card_expires", _("Identity card expires soon")
    UNPAID_FEES = "unpaid_fees", _("Several payments overdue")


# Rules whose suggestions say something sensitive about the resident: shown only to staff
# with crm.view_sensitive_signals (the social services) in the suggestion's municipality,
# and only while the resident's consent "social_signals" is given (crm.selectors).
SENSITIVE_RULES: frozenset[str] = frozenset({SuggestionRule.UNPAID_FEES})


class SuggestionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACCEPTED = "accepted", _("Accepted")
    DISMISSED = "dismissed", _("Dismissed")


class Suggestion(models.Model):
    """A product the municipality suggests to a resident because of something in its data
    (a move, a birth, a recent request, an identity card about to expire). Made by the
    nightly job (`crm.suggestions_refresh`), shown in the 360° view and on the resident's
    page, and accepted or dismissed by the resident or a staff member: what was decided is
    kept, so the uptake of each rule can be measured. One suggestion per resident, product,
    rule and occasion (`occasion`: the address, the child, the request or the card's end
    date that led to it), so running the job again suggests nothing twice."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    # Empty once the retention job has anonymised a decided or expired suggestion
    # (crm.retention).
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    product = models.ForeignKey("catalog.Product", on_delete=models.PROTECT, related_name="+")
    rule = models.CharField(_("rule"), max_length=20, choices=SuggestionRule.choices)
    occasion = models.CharField(max_length=60)
    # When what led to it happened (the move, the birth, the request, the card's end date).
    occasion_on = models.DateField()
    status = models.CharField(
        _("status"), max_length=10, choices=SuggestionStatus.choices, default="open"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_by_resident = models.BooleanField(default=False)
    # When the resident was told on their channel (the identity-card invitation); null: not.
    notified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Set by the retention job when it removes the resident of a sensitive suggestion: the
    # resident's consent "social_signals" was given then, so the social services go on
    # counting it (`crm.selectors.suggestions_visible_to`) as they did before.
    social_signals_consented = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "product", "rule", "occasion"], name="suggestion_once"
            ),
            models.CheckConstraint(
                condition=Q(status="open", decided_at__isnull=True)
                | (~Q(status="open") & Q(decided_at__isnull=False)),
                name="suggestion_decided_when_closed",
            ),
        ]
        indexes = [
            models.Index(
                fields=["person", "created_at"],
                name="suggestion_open_by_person",
                condition=Q(status="open"),
            ),
            models.Index(fields=["municipality", "rule", "status"], name="suggestion_uptake"),
        ]

    def __str__(self) -> str:
        return f"{self.get_rule_display()}: {self.product_id} for {self.person_id}"
