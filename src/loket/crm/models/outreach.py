"""Outreach: residents who cannot come, and the home visits planned for them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loket.crm.models.contacts import TOPIC_MAX_LENGTH, ContactMoment


class OutreachReason(models.TextChoices):
    RESIDENTIAL_CARE = "residential_care", _("Lives in residential care")
    REDUCED_MOBILITY = "reduced_mobility", _("Reduced mobility")
    ILLNESS = "illness", _("Ill or recovering")
    OTHER = "other", _("Other reason")


class CannotCome(models.Model):
    """A resident who cannot come to the town hall (set by staff with a reason): the
    municipality goes to them. Active while `ended_at` is empty; one active per resident."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=20, choices=OutreachReason.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    set_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    set_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("resident who cannot come")
        verbose_name_plural = _("residents who cannot come")
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(ended_at__isnull=True), name="cannot_come_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.reason}"


class HomeVisitStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class HomeVisit(models.Model):
    """A planned visit to a resident at home. Done, it is recorded as a contact moment on the
    home-visit channel (`contact_moment`)."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    # Empty once the retention job has anonymised a past visit (crm.retention).
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    planned_on = models.DateField(_("day"))
    planned_time = models.TimeField(_("time"), null=True, blank=True)
    topic = models.CharField(_("what for"), max_length=TOPIC_MAX_LENGTH)
    visitor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("visitor"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=HomeVisitStatus.choices, default="planned"
    )
    contact_moment = models.OneToOneField(
        ContactMoment, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("home visit")
        verbose_name_plural = _("home visits")
        indexes = [
            models.Index(fields=["municipality", "planned_on"], name="home_visit_day"),
            models.Index(fields=["person", "planned_on"], name="home_visit_person"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="done", contact_moment__isnull=False)
                | (~Q(status="done") & Q(contact_moment__isnull=True)),
                name="home_visit_done_has_contact",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.planned_on}: {self.person_id}"
