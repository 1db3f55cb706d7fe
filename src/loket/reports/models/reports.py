"""Reports, their photos, the people who follow them and their append-only history."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.postgres.indexes import BrinIndex
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loket.core.enums import Language
from loket.reports.workflow import OPEN_STATUSES, ReportStatus

_OPEN = Q(status__in=sorted(OPEN_STATUSES))


def report_token_new() -> str:
    """The report's public tracking code (also its Open311 token)."""
    return uuid.uuid4().hex[:16]


class ReportSource(models.TextChoices):
    PORTAL = "portal", _("Resident portal")
    OPEN311 = "open311", _("Open311 app")
    BACKOFFICE = "backoffice", _("Registered by staff")


class Report(models.Model):
    """A problem in the public space, located in one municipality."""

    region = models.ForeignKey("tenancy.Region", on_delete=models.PROTECT, related_name="+")
    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="reports"
    )
    category = models.ForeignKey(
        "reports.Category", on_delete=models.PROTECT, related_name="reports"
    )
    department = models.ForeignKey(
        "tenancy.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        help_text=_("Empty while the report waits at the regional reporting point."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.NEW
    )
    is_public = models.BooleanField(_("public"), default=True)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    location_is_approximate = models.BooleanField(
        default=False, help_text=_("The point was derived from an address, not pinned.")
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    address_id = models.CharField(max_length=100, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    attributes = models.JSONField(default=dict, blank=True)
    media_url = models.URLField(max_length=500, blank=True)
    token = models.CharField(max_length=32, unique=True, editable=False, default=report_token_new)
    source = models.CharField(max_length=20, choices=ReportSource.choices)
    open311_client = models.ForeignKey(
        "reports.Open311Client", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reporter_person = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
    )
    reporter_name = models.CharField(_("name"), max_length=200, blank=True)
    reporter_email = models.EmailField(_("email"), blank=True)
    reporter_phone = models.CharField(_("phone"), max_length=30, blank=True)
    reporter_language = models.CharField(
        max_length=2, choices=Language.choices, default=Language.DUTCH
    )
    device_id = models.CharField(max_length=100, blank=True)
    account_id = models.CharField(max_length=100, blank=True)
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_reports"
    )
    status_note = models.TextField(
        blank=True, help_text=_("The latest public message (Open311 status_notes).")
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    due_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        indexes = [
            # Public lists and Open311 GET requests: newest first within a jurisdiction.
            models.Index(
                fields=["region", "-created_at", "-id"],
                condition=Q(is_public=True),
                name="report_public_region_recent",
            ),
            models.Index(
                fields=["municipality", "-created_at", "-id"],
                condition=Q(is_public=True),
                name="report_public_muni_recent",
            ),
            # The most asked-for Open311 list: recent open reports of a region.
            models.Index(
                fields=["region", "-created_at", "-id"],
                condition=Q(is_public=True) & _OPEN,
                name="report_public_open_recent",
            ),
            models.Index(
                fields=["category", "-created_at", "-id"],
                condition=Q(is_public=True),
                name="report_public_category_recent",
            ),
            # Back-office queues and the overdue list: open reports only.
            models.Index(
                fields=["municipality", "due_at"], condition=_OPEN, name="report_open_queue"
            ),
            models.Index(
                fields=["department", "due_at"], condition=_OPEN, name="report_open_department"
            ),
            # The queue of staff of several municipalities (a region-wide membership) in its
            # default order: the first 50 by due date, without sorting every open report.
            models.Index(fields=["due_at", "id"], condition=_OPEN, name="report_open_due"),
            # Duplicates: open reports of a category near a point.
            models.Index(
                fields=["category", "latitude", "longitude"],
                condition=_OPEN,
                name="report_open_nearby",
            ),
            BrinIndex(fields=["created_at"], name="report_created_brin"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.category}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_at is not None and self.due_at < timezone.now()


def photo_upload_to(instance: ReportPhoto, filename: str) -> str:
    now = timezone.now()
    return f"reports/{now:%Y/%m}/{uuid.uuid4().hex}.jpg"


class PhotoKind(models.TextChoices):
    REPORT = "report", _("Photo of the problem")
    AFTER = "after", _("Photo after the work")


class ReportPhoto(models.Model):
    """A photo as stored: re-encoded as JPEG, turned upright, resized, without metadata.

    A photo uploaded on the portal first exists as a draft (no report yet, `draft_key` set)
    so that the form can come back to the resident without asking for it again.
    """

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, null=True, blank=True, related_name="photos"
    )
    event = models.ForeignKey(
        "reports.ReportEvent",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="photos",
    )
    kind = models.CharField(max_length=10, choices=PhotoKind.choices, default=PhotoKind.REPORT)
    image = models.ImageField(upload_to=photo_upload_to)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    gps_latitude = models.FloatField(null=True, blank=True)
    gps_longitude = models.FloatField(null=True, blank=True)
    draft_key = models.CharField(max_length=32, blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("report photo")
        verbose_name_plural = _("report photos")
        constraints = [
            models.CheckConstraint(
                condition=Q(report__isnull=False) | ~Q(draft_key=""),
                name="report_photo_report_or_draft",
            )
        ]

    def __str__(self) -> str:
        return str(self.image.name)


class ReportFollower(models.Model):
    """Someone told about a report's progress: the reporter, or a resident who chose to
    follow it instead of reporting the same problem again."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="followers")
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    email = models.EmailField(blank=True)
    language = models.CharField(max_length=2, choices=Language.choices, default=Language.DUTCH)
    is_reporter = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(email=""),
                name="report_follower_person_or_email",
            ),
            models.UniqueConstraint(
                fields=["report", "person"],
                condition=Q(person__isnull=False),
                name="report_follower_person_unique",
            ),
            models.UniqueConstraint(
                "report",
                Lower("email"),
                condition=Q(person__isnull=True),
                name="report_follower_email_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report_id} ← {self.person_id or self.email}"


class EventKind(models.TextChoices):
    CREATED = "created", _("Reported")
    STATUS_CHANGED = "status_changed", _("Status changed")
    MESSAGE = "message", _("Update")
    ROUTED = "routed", _("Routed")
    MERGED = "merged", _("Merged")
    MERGED_IN = "merged_in", _("Duplicate merged into this report")
    NOTE = "note", _("Internal note")
    FOLLOWED = "followed", _("Follower added")
    REOPENED = "reopened", _("Reopened by the reporter")


class ReportEvent(models.Model):
    """Append-only history. `message` is public (sent to followers); `note` is internal."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    from_status = models.CharField(max_length=20, choices=ReportStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ReportStatus.choices, blank=True)
    message = models.TextField(_("message to the reporter"), blank=True)
    note = models.TextField(_("internal note"), blank=True)
    actor_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_person = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("report event")
        verbose_name_plural = _("report history")
        indexes = [models.Index(fields=["report", "created_at"], name="report_event_report_at")]

    def __str__(self) -> str:
        return f"{self.report_id} {self.kind}"

    @property
    def is_public(self) -> bool:
        return self.kind != EventKind.NOTE
