from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class WorkKind(models.TextChoices):
    WORKS = "works", _("Public works")
    OCCUPATION = "occupation", _("Occupation of the public domain")


class PlannedWork(models.Model):
    """Works on a street, or an occupation of the public domain (a container, scaffolding,
    a removal lift), from `starts_on` to `ends_on`, at a point."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.CASCADE, related_name="planned_works"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=WorkKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    place = models.CharField(_("place"), max_length=200)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    # The case (a permit for the occupation) this comes from, when there is one.
    case_number = models.CharField(_("case number"), max_length=80, blank=True)

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("planned work")
        verbose_name_plural = _("planned works")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="works_period"
            )
        ]

    def __str__(self) -> str:
        return self.title
