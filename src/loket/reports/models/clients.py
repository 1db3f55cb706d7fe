"""Open311 clients (apps that submit reports with an api_key) and rate-limit counters."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Open311Client(models.Model):
    """An app allowed to create reports through Open311. The key is stored as a hash."""

    region = models.ForeignKey("tenancy.Region", on_delete=models.PROTECT, related_name="+")
    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: the app may report anywhere in the region."),
    )
    name = models.CharField(_("name"), max_length=200)
    contact_email = models.EmailField(_("contact email"), blank=True)
    key_prefix = models.CharField(max_length=16, unique=True)
    key_hash = models.CharField(max_length=64)
    requests_per_minute = models.PositiveIntegerField(
        _("requests per minute"),
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(100_000)],
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Open311 client")
        verbose_name_plural = _("Open311 clients")

    def __str__(self) -> str:
        return self.name


class RateLimitCounter(models.Model):
    """Hits of one client (an IP address or an api_key) in one fixed time window.

    Kept in PostgreSQL so that every web process counts the same hits.
    """

    bucket = models.CharField(max_length=120)
    window_start = models.DateTimeField()
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("rate-limit counter")
        verbose_name_plural = _("rate-limit counters")
        constraints = [
            models.UniqueConstraint(fields=["bucket", "window_start"], name="rate_limit_window")
        ]
        indexes = [models.Index(fields=["window_start"], name="rate_limit_window_start")]

    def __str__(self) -> str:
        return f"{self.bucket} {self.window_start:%H:%M} {self.hits}"
