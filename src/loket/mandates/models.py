"""Recorded mandates between residents, and the consent a resident gives a clerk at the
counter. A parent's right to act for a minor child is not stored: it follows from the
household register and the child's birth date (see selectors)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Mandate(models.Model):
    """`mandator` lets `mandatee` act for them on `products` until `valid_until` (included),
    in `municipality` (the mandator's), until the mandator revokes it."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="mandates"
    )
    mandator = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="mandates_given",
        verbose_name=_("mandator"),
    )
    mandatee = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="mandates_received",
        verbose_name=_("mandatee"),
    )
    products = models.ManyToManyField(
        "catalog.Product", related_name="mandates", verbose_name=_("products")
    )
    valid_until = models.DateField(_("valid until"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        constraints = [
            models.CheckConstraint(
                condition=~Q(mandator=models.F("mandatee")), name="mandate_not_self"
            ),
        ]
        indexes = [models.Index(fields=["mandatee", "valid_until"], name="mandate_mandatee")]

    def __str__(self) -> str:
        return f"{self.mandator} → {self.mandatee} ({self.valid_until})"


class CounterConsent(models.Model):
    """A resident at the counter (or on the phone) agreed that `user` registers requests
    for them: recorded once per clerk's session and resident, with the time."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="counter_consents"
    )
    # Empty once the retention job has anonymised the consent (mandates.retention).
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        null=True,
        related_name="counter_consents",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="counter_consents"
    )
    given_at = models.DateTimeField(_("consent given"), auto_now_add=True)

    class Meta:
        ordering = ["-given_at", "-id"]
        verbose_name = _("consent at the counter")
        verbose_name_plural = _("consents at the counter")

    def __str__(self) -> str:
        return f"{self.person} → {self.user} ({self.given_at:%Y-%m-%d %H:%M})"


class RepresentativeAction(models.TextChoices):
    ADDED = "added", _("recorded as representative")
    REMOVED = "removed", _("no longer representative")


class RepresentativeChange(models.Model):
    """Who recorded or removed whom as a representative of an organisation, and when.
    Append-only (migration 0002): the history of a register of representatives is never
    rewritten."""

    organisation = models.ForeignKey(
        "people.Organisation",
        on_delete=models.PROTECT,
        related_name="representative_changes",
        verbose_name=_("organisation"),
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="representative_changes",
        verbose_name=_("representative"),
    )
    action = models.CharField(_("change"), max_length=10, choices=RepresentativeAction.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="representative_changes",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = _("change of representative")
        verbose_name_plural = _("changes of representatives")

    def __str__(self) -> str:
        return f"{self.organisation}: {self.action} {self.person_id}"
