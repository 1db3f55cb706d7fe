"""E-mails to followers who gave only an e-mail address (no resident account).

loket.notify reaches residents of the register and staff; a follower known only by an
e-mail address gets the same message (same event, wording and e-mail channel) through
this small queue of its own. One row per (event, address): sent at most once."""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from loket.core.enums import Language
from loket.reports.workflow import FollowerEmailStatus as FollowerEmailStatus


class FollowerEmail(models.Model):
    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="+")
    event = models.ForeignKey("reports.ReportEvent", on_delete=models.CASCADE, related_name="+")
    email = models.EmailField()
    language = models.CharField(max_length=2, choices=Language.choices)
    notify_event = models.CharField(max_length=100)
    context = models.JSONField(default=dict)
    status = models.CharField(
        max_length=10, choices=FollowerEmailStatus.choices, default=FollowerEmailStatus.QUEUED
    )
    attempts = models.PositiveIntegerField(default=0)
    detail = models.TextField(blank=True)
    message_id = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("e-mail to a follower")
        verbose_name_plural = _("e-mails to followers")
        constraints = [
            models.UniqueConstraint(
                "event", Lower("email"), name="report_follower_email_once_per_event"
            )
        ]

    def __str__(self) -> str:
        return f"{self.notify_event} → {self.email} ({self.status})"
