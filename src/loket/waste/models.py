"""Zones (streets of a municipality collected together), rounds (one fraction collected in a
zone every n weeks on a weekday) and exceptions (a collection moved or cancelled)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Fraction(models.TextChoices):
    RESIDUAL = "residual", _("Residual waste")
    ORGANIC = "organic", _("Vegetable, fruit and garden waste")
    PMD = "pmd", _("PMD (plastic packaging, metal and drink cartons)")
    PAPER = "paper", _("Paper and cardboard")
    GLASS = "glass", _("Glass")
    GARDEN = "garden", _("Garden waste")


class Zone(models.Model):
    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.CASCADE, related_name="waste_zones"
    )
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["municipality_id", "name"]
        verbose_name = _("collection zone")
        verbose_name_plural = _("collection zones")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="waste_zone_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class ZoneStreet(models.Model):
    """A street (by postal code and normalised name) of a zone; a street is in one zone."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    zone = models.ForeignKey(Zone, on_delete=models.CASCADE, related_name="streets")
    postal_code = models.CharField(_("postal code"), max_length=4)
    street = models.CharField(_("street"), max_length=200)
    street_key = models.CharField(max_length=200)

    class Meta:
        ordering = ["street"]
        verbose_name = _("street of a zone")
        verbose_name_plural = _("streets of a zone")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "postal_code", "street_key"],
                name="waste_street_in_one_zone",
            )
        ]

    def __str__(self) -> str:
        return f"{self.street}, {self.postal_code}"


class Round(models.Model):
    """`fraction` is collected in `zone` on the weekday of `first_date`, every
    `interval_weeks` weeks from `first_date` on (until `last_date`, when set)."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.CASCADE, related_name="waste_rounds"
    )
    zone = models.ForeignKey(Zone, on_delete=models.CASCADE, related_name="rounds")
    fraction = models.CharField(_("fraction"), max_length=20, choices=Fraction.choices)
    interval_weeks = models.PositiveSmallIntegerField(_("every how many weeks"), default=1)
    first_date = models.DateField(_("first collection"))
    last_date = models.DateField(_("last collection"), null=True, blank=True)

    class Meta:
        ordering = ["zone__name", "fraction"]
        verbose_name = _("collection round")
        verbose_name_plural = _("collection rounds")
        constraints = [
            models.UniqueConstraint(
                fields=["zone", "fraction"], name="waste_round_one_per_fraction"
            ),
            models.CheckConstraint(
                condition=Q(interval_weeks__gte=1) & Q(interval_weeks__lte=8),
                name="waste_round_interval",
            ),
            models.CheckConstraint(
                condition=Q(last_date__isnull=True) | Q(last_date__gte=models.F("first_date")),
                name="waste_round_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.zone} — {self.get_fraction_display()}"


class RoundException(models.Model):
    """The collection of `round` planned on `date` takes place on `moved_to` instead, or not
    at all when `moved_to` is empty (a public holiday)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="exceptions")
    date = models.DateField(_("planned date"))
    moved_to = models.DateField(_("moved to"), null=True, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("collection exception")
        verbose_name_plural = _("collection exceptions")
        constraints = [
            models.UniqueConstraint(fields=["round", "date"], name="waste_exception_unique_date")
        ]

    def __str__(self) -> str:
        return f"{self.round} {self.date}"
