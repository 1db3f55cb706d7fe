"""The dashboards' figures, kept per municipality and month (refreshed by a job, so that no
page scans millions of rows), and each municipality's channel targets."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class MonthlyFigure(models.Model):
    """One figure of one municipality in one month: `measure` says what (see
    loket.insights.figures), `key` which part (a channel group, a product code, a report
    category code, or empty), `count` how many, `part` how many of those met the measure's
    condition (on time, within five minutes, did not come), `total` the sum of their
    durations (so a period's mean is exact: sum of totals over sum of counts) and `median`
    the month's median duration."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    month = models.DateField()
    measure = models.CharField(max_length=40)
    key = models.CharField(max_length=100, blank=True)
    count = models.PositiveIntegerField()
    part = models.PositiveIntegerField(null=True)
    total = models.FloatField(null=True)
    median = models.FloatField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "measure", "month", "key"], name="monthly_figure_unique"
            )
        ]
        indexes = [models.Index(fields=["measure", "month"], name="monthly_figure_measure")]

    def __str__(self) -> str:
        return f"{self.measure} {self.month:%Y-%m} {self.key}"


class ChannelTargets(models.Model):
    """The share of contacts a municipality aims for per channel (percentages, 100 in all)."""

    municipality = models.OneToOneField(
        "tenancy.Municipality", on_delete=models.CASCADE, related_name="channel_targets"
    )
    digital = models.PositiveSmallIntegerField(_("digital (%)"), default=50)
    phone = models.PositiveSmallIntegerField(_("phone (%)"), default=25)
    counter = models.PositiveSmallIntegerField(_("counter (%)"), default=20)
    home_visit = models.PositiveSmallIntegerField(_("home visit (%)"), default=5)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("channel targets")
        verbose_name_plural = _("channel targets")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    digital=100 - F("phone") - F("counter") - F("home_visit"),
                ),
                name="channel_targets_total_100",
                violation_error_message=_("The four targets together must make 100 %%."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.digital}/{self.phone}/{self.counter}/{self.home_visit}"


class FiguresState(models.Model):
    """When the figures were last computed (one row)."""

    refreshed_at = models.DateTimeField()
    seconds = models.FloatField()

    def __str__(self) -> str:
        return f"{self.refreshed_at:%Y-%m-%d %H:%M}"
