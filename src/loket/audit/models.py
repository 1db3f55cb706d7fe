"""The access log: who read which resident's personal data, when and why."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
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
    ON_BEHALF = "on_behalf", _("Acting on your behalf (parent or mandate)")


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
    # Empty only once the entry has been anonymised after its retention period
    # (loket.audit.retention): the reader, when, why and what stay.
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="access_log",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="access_log",
    )
    api_client_name = models.CharField(max_length=200, blank=True)
    # A resident who read the data while acting for `person` (a parent, a mandatee).
    acted_by_person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="access_log_as_representative",
        verbose_name=_("acting for the resident"),
    )
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


class RetentionRule(models.Model):
    """A municipality's own retention period for one kind of object (see
    loket.audit.retention for the kinds, their defaults and their legal minimums). Without a
    rule the kind's default applies."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind of object"), max_length=40)
    days = models.PositiveIntegerField(_("retention period (days)"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("retention period")
        verbose_name_plural = _("retention periods")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "kind"], name="retention_rule_once_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id}: {self.kind} {self.days} d"


class AnonymisationRecord(models.Model):
    """One object anonymised by the retention job: which kind, which id, for which
    municipality, when, in which run. Append-only (database trigger); the unique pair
    (kind, object id) is what makes the job idempotent."""

    at = models.DateTimeField(_("when"), auto_now_add=True)
    run = models.UUIDField(_("run"))
    kind = models.CharField(_("kind of object"), max_length=40)
    object_id = models.BigIntegerField()
    # Empty for an object of no municipality (a question asked on the regional page).
    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, null=True, related_name="+"
    )
    days = models.PositiveIntegerField(_("retention period (days)"))

    class Meta:
        verbose_name = _("anonymisation")
        verbose_name_plural = _("anonymisations")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="anonymised_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"


class AccessLogSearch(models.Model):
    """One search of the access log by a data protection officer (the page, a page of its
    results, or the CSV export): who, when, over which municipalities, with which filters and
    how many rows matched. Append-only (database trigger); written by
    `access_log_search_record`."""

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    municipality_ids = ArrayField(models.BigIntegerField(), default=list)
    resident = models.CharField(_("resident"), max_length=100, blank=True)
    staff = models.CharField(_("staff member"), max_length=100, blank=True)
    date_from = models.DateField(_("from"), null=True, blank=True)
    date_to = models.DateField(_("until"), null=True, blank=True)
    purpose = models.CharField(_("why"), max_length=30, blank=True)
    exported = models.BooleanField(_("exported as CSV"), default=False)
    results = models.PositiveIntegerField(_("rows found"), default=0)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("search of the access log")
        verbose_name_plural = _("searches of the access log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_id}"
