"""The walk-in queue: queues (product groups) of an office, tickets and their history.

A `Queue` is one product group of one office (a set of catalogue products, letter "A"),
set up by the municipality's administrator. A `Ticket` is taken from the kiosk, the
phone page behind the QR code at the door or by a clerk; its number is per queue and per
day ("A-012", from `QueueCounter`). Its history is the append-only `TicketEvent` table
(migration 0002 makes the database refuse to change or delete a row). A `DeskSession` says
which desks are open now (a desk on a break is closed); the estimate needs it.
Offices and desks are those of loket.appointments.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loket.queue.workflow import AlertStatus, TicketStatus
from loket.tenancy.models import TranslatedNameMixin


class TicketChannel(models.TextChoices):
    KIOSK = "kiosk", _("Kiosk")
    PHONE = "phone", _("Phone (QR code at the door)")
    CLERK = "clerk", _("By a clerk")
    API = "api", _("Through an integration")


class Queue(TranslatedNameMixin):
    """A product group of an office: the tickets of these products wait in one line."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    office = models.ForeignKey(
        "appointments.Office", on_delete=models.PROTECT, related_name="queues"
    )
    letter = models.CharField(
        _("letter"), max_length=2, help_text=_("Shown before the ticket number (A-012).")
    )
    products = models.ManyToManyField(
        "catalog.Product", blank=True, related_name="+", verbose_name=_("products")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("open for tickets"), default=True)

    class Meta:
        ordering = ["office_id", "position", "letter"]
        verbose_name = _("queue")
        verbose_name_plural = _("queues")
        constraints = [
            models.UniqueConstraint(fields=["office", "letter"], name="queue_letter_per_office"),
        ]

    def __str__(self) -> str:
        return f"{self.letter} {self.name_in()}"


class QueueCounter(models.Model):
    """The last ticket number given out per queue and day (locked while numbering)."""

    queue = models.ForeignKey(Queue, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["queue", "day"], name="queue_counter_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.queue_id}/{self.day}: {self.last_number}"


class DeskSession(models.Model):
    """A desk open for the queue, from `opened_at` until `closed_at` (a break closes it)."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    desk = models.ForeignKey("appointments.Desk", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    opened_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["desk"],
                condition=Q(closed_at__isnull=True),
                name="one_open_session_per_desk",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.desk_id} {self.opened_at:%H:%M}"


class Ticket(models.Model):
    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    office = models.ForeignKey("appointments.Office", on_delete=models.PROTECT, related_name="+")
    queue = models.ForeignKey(Queue, on_delete=models.PROTECT, related_name="tickets")
    day = models.DateField()
    sequence = models.PositiveIntegerField()
    code = models.CharField(_("number"), max_length=12)
    # The ticket's page is opened by a signed link (loket.queue.links), stored nowhere.
    # Only tickets taken before links were signed have this: the SHA-256 of their old
    # random link, which works until the end of the ticket's day.
    legacy_token_hash = models.CharField(max_length=64, blank=True, default="", editable=False)
    status = models.CharField(
        _("status"), max_length=12, choices=TicketStatus.choices, default=TicketStatus.WAITING
    )
    channel = models.CharField(_("channel"), max_length=8, choices=TicketChannel.choices)
    priority = models.BooleanField(
        _("priority"), default=False, help_text=_("Reduced mobility, advanced pregnancy…")
    )
    appointment_at = models.DateTimeField(
        _("appointment"),
        null=True,
        blank=True,
        help_text=_("Set when the resident checked in for an appointment: called first."),
    )
    appointment = models.ForeignKey(
        "appointments.Appointment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("appointment"),
    )
    language = models.CharField(_("language"), max_length=2, default="nl")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    phone = models.CharField(_("mobile number"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    desk = models.ForeignKey(
        "appointments.Desk", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    called_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    estimate_minutes = models.PositiveIntegerField(
        _("estimated wait (minutes)"), null=True, blank=True
    )
    taken_at = models.DateTimeField(default=timezone.now)
    called_at = models.DateTimeField(null=True, blank=True)
    serving_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    soon_alert_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["taken_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["queue", "day", "sequence"], name="ticket_number_per_queue_day"
            ),
            models.UniqueConstraint(
                fields=["appointment"],
                condition=Q(appointment__isnull=False),
                name="one_ticket_per_appointment",
            ),
        ]
        indexes = [
            models.Index(
                fields=["office", "taken_at"],
                condition=Q(status="waiting"),
                name="ticket_waiting_by_office",
            ),
            models.Index(fields=["office", "day", "status"], name="ticket_office_day"),
            models.Index(
                fields=["legacy_token_hash"],
                condition=~Q(legacy_token_hash=""),
                name="ticket_legacy_token",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def wait_minutes(self) -> float | None:
        if self.called_at is None:
            return None
        return (self.called_at - self.taken_at).total_seconds() / 60


class TicketEvent(models.Model):
    """One step in a ticket's history (append-only: the database refuses changes)."""

    ticket = models.ForeignKey(Ticket, on_delete=models.PROTECT, related_name="events")
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12)
    desk = models.ForeignKey(
        "appointments.Desk", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_api_client = models.ForeignKey(
        "accounts.ApiClient", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.ticket_id}: {self.from_status} → {self.to_status}"


class TicketAlert(models.Model):
    """ "Your turn in about 5 minutes" to a holder who left only a mobile number or an
    e-mail address (residents of the register get it through loket.notify). Its context
    is emptied once it is sent or has failed for good."""

    ticket = models.ForeignKey(Ticket, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(max_length=10)  # "email" or "sms"
    address = models.CharField(max_length=254)
    language = models.CharField(max_length=2)
    notify_event = models.CharField(max_length=100)
    context = models.JSONField(default=dict)
    status = models.CharField(
        max_length=10, choices=AlertStatus.choices, default=AlertStatus.QUEUED
    )
    attempts = models.PositiveIntegerField(default=0)
    detail = models.TextField(blank=True)
    message_id = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["ticket", "channel"], name="ticket_alert_once"),
        ]

    def __str__(self) -> str:
        return f"{self.ticket_id} {self.channel} {self.status}"
