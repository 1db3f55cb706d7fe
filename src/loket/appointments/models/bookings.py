"""Appointments, their history and the messages to residents without an account.

An `Appointment` holds one desk from `starts_at` to `ends_at`. The database refuses two
appointments that hold the same desk at overlapping times (an exclusion constraint on
the desk and the time range, for every status but cancelled): whatever happens in the
application, under any concurrency, a desk is never booked twice, so a slot (the desks on
duty for the product at that time) is never overbooked. A `ManageLink` stores its token
as a SHA-256 only. `AppointmentEvent` is the append-only history (migration 0003 makes
the database refuse to change or delete it). `GuestMessage` is the outbox for people who
booked without an account: notify's wording and channels, with the .ics attached; its
context (with the manage link) is emptied once the message is sent.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import RangeOperators
from django.db import models
from django.db.models import F, Func, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loket.appointments.workflow import (
    AppointmentChannel,
    AppointmentStatus,
    GuestMessageStatus,
)
from loket.core.enums import Language


class TimeRange(Func):
    """tstzrange(start, end): the half-open time range an appointment holds its desk."""

    function = "TSTZRANGE"
    output_field = models.DateTimeField()


class Appointment(models.Model):
    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    office = models.ForeignKey(
        "appointments.Office", on_delete=models.PROTECT, related_name="appointments"
    )
    desk = models.ForeignKey(
        "appointments.Desk", on_delete=models.PROTECT, related_name="appointments"
    )
    product = models.ForeignKey("catalog.Product", on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(_("reference"), max_length=12, unique=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    status = models.CharField(
        _("status"), max_length=12, choices=AppointmentStatus.choices, default="booked"
    )
    channel = models.CharField(_("channel"), max_length=10, choices=AppointmentChannel.choices)
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resident"),
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("mobile phone"), max_length=20, blank=True)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.DUTCH
    )
    # Who the per-person limit counts against: "person:<id>", "email:<address>" or "phone:<nr>".
    holder_key = models.CharField(max_length=220, editable=False)
    booked_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("booked by"),
    )
    booked_by_api_client = models.ForeignKey(
        "accounts.ApiClient", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("booked at"), default=timezone.now)
    updated_at = models.DateTimeField(_("last change"), default=timezone.now)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        constraints = [
            ExclusionConstraint(
                name="appointment_desk_never_double_booked",
                expressions=[
                    ("desk", RangeOperators.EQUAL),
                    (TimeRange("starts_at", "ends_at"), RangeOperators.OVERLAPS),
                ],
                condition=~Q(status="cancelled"),
            ),
            models.CheckConstraint(
                condition=Q(starts_at__lt=F("ends_at")), name="appointment_starts_before_ends"
            ),
            models.CheckConstraint(
                condition=Q(status__in=AppointmentStatus.values), name="appointment_status_known"
            ),
            models.CheckConstraint(
                condition=Q(channel__in=AppointmentChannel.values),
                name="appointment_channel_known",
            ),
            models.CheckConstraint(
                condition=Q(channel="online")
                | Q(booked_by_user__isnull=False)
                | Q(booked_by_api_client__isnull=False),
                name="appointment_assisted_channel_names_who",
            ),
        ]
        indexes = [
            models.Index(fields=["office", "starts_at"], name="appointment_office_start"),
            models.Index(fields=["holder_key", "product", "status"], name="appointment_holder"),
            models.Index(fields=["person", "starts_at"], name="appointment_person_start"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status == AppointmentStatus.BOOKED and self.starts_at > timezone.now()


class ManageLink(models.Model):
    """A link that lets whoever holds it change or cancel one appointment without signing
    in. Only the SHA-256 of its token is stored; it stops working at `expires_at`."""

    appointment = models.ForeignKey(
        Appointment, on_delete=models.CASCADE, related_name="manage_links"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("manage link")
        verbose_name_plural = _("manage links")

    def __str__(self) -> str:
        return f"{self.appointment_id} (until {self.expires_at:%Y-%m-%d %H:%M})"


class AppointmentEvent(models.Model):
    """One line of an appointment's history (append-only)."""

    class Kind(models.TextChoices):
        BOOKED = "booked", _("Booked")
        RESCHEDULED = "rescheduled", _("Moved")
        STATUS_CHANGED = "status_changed", _("Status changed")
        REMINDED = "reminded", _("Reminder sent")

    appointment = models.ForeignKey(Appointment, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12, blank=True)
    actor_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    message = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("appointment event")
        verbose_name_plural = _("appointment events")

    def __str__(self) -> str:
        return f"{self.appointment_id}: {self.kind}"


class GuestMessage(models.Model):
    """A message to someone who booked without an account (e-mail or SMS)."""

    appointment = models.ForeignKey(Appointment, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(max_length=10)  # "email" or "sms"
    address = models.CharField(max_length=254)
    language = models.CharField(max_length=2, choices=Language.choices)
    notify_event = models.CharField(max_length=100)
    idempotency_key = models.CharField(max_length=100)
    context = models.JSONField(default=dict)
    with_calendar_file = models.BooleanField(default=False)
    status = models.CharField(
        max_length=10, choices=GuestMessageStatus.choices, default=GuestMessageStatus.QUEUED
    )
    attempts = models.PositiveIntegerField(default=0)
    detail = models.TextField(blank=True)
    message_id = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("message to a resident without an account")
        verbose_name_plural = _("messages to residents without an account")
        constraints = [
            models.UniqueConstraint(
                fields=["appointment", "channel", "idempotency_key"],
                name="appointment_guest_message_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.notify_event} → {self.channel} ({self.status})"
