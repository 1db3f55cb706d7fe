"""The access log: who read which resident's personal data, when and why."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessPurpose(models.TextChoices):
    COUNTER_VISIT = "counter_visit", _("Resident at the counter")
    PHONE_CALL = "phone_call", _("Phone call with the resident")
    HOME_VISIT = "home_visit", _("Visit to the resident at home")
    CASE_HANDLING = "case_handling", _("Handling a request or case")
    REPORT_FOLLOW_UP = "report_follow_up", _("Following up a report")
    DATA_CORRECTION = "data_correction", _("Correcting register data")
    INTEGRATION = "integration", _("Automated exchange with another system")
    OWN_DATA_EXPORT = "own_data_export", _("You downloaded all your data")


class AccessChannel(models.TextChoices):
    WEB = "web", _("Back office")
    API = "api", _("API")
    PORTAL = "portal", _("My page")


class AccessLogEntry(models.Model):
    """Append-only (a database trigger refuses UPDATE and DELETE): rows are written by
    `access_log_record`, one per person whose data was shown, and never changed.

    `municipality` and `role` describe the READER: the municipality on whose behalf the
    staff member or integration acted (the case's, the report's, ...) and the role they
    hold there; never the resident's own municipality.
    """

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="access_log")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="access_log",
    )
    api_client_name = models.CharField(max_length=200, blank=True)
    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("The municipality on whose behalf the data was read."),
    )
    role = models.CharField(
        _("role"),
        max_length=40,
        blank=True,
        help_text=_("The reader's role in that municipality."),
    )
    purpose = models.CharField(_("why"), max_length=30, choices=AccessPurpose.choices)
    what = models.CharField(_("what was read"), max_length=200)
    channel = models.CharField(max_length=10, choices=AccessChannel.choices)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        indexes = [models.Index(fields=["person", "-at"], name="access_log_person_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user or self.api_client_name} → {self.person_id}"

    @property
    def role_label(self) -> str:
        """The reader's role as shown to the resident and the privacy officer."""
        from loket.tenancy.permissions import Role

        return str(Role(self.role).label) if self.role in Role.values else ""
