"""Notifications to residents and staff, their delivery log, and what each channel keeps.

A `Notification` is written by `notification_send` inside the caller's transaction; a
worker delivers it. `DeliveryAttempt` rows are the append-only log of what happened.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from loket.core.enums import Language
from loket.notify.workflow import AttemptOutcome, NotificationStatus
from loket.people.models import Channel

# The recipient key of a message whose recipient the retention job removed.
ANONYMISED_RECIPIENT = "anonymised"


class Notification(models.Model):
    """One message about one event to one recipient (a resident or a staff member)."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="notifications"
    )
    event = models.CharField(_("event"), max_length=100)
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="notifications",
    )
    staff_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="notifications",
    )
    # "person:<id>" or "user:<id>": one column for the idempotency constraint.
    recipient_key = models.CharField(max_length=40, editable=False)
    idempotency_key = models.CharField(_("idempotency key"), max_length=200)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    essential = models.BooleanField(_("essential"))
    context = models.JSONField(_("variables"), default=dict)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=NotificationStatus.choices,
        default=NotificationStatus.QUEUED,
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, blank=True)
    channels_given_up = ArrayField(
        models.CharField(max_length=10, choices=Channel.choices), default=list, blank=True
    )
    temporary_failures = models.PositiveIntegerField(
        default=0, help_text=_("Temporary failures on the current channel.")
    )
    attempt_count = models.PositiveIntegerField(default=0)
    message_id = models.CharField(
        max_length=200, help_text=_("E-mail Message-ID, the same for every attempt.")
    )
    # Channels tried before the recipient's own choice (an answer to an e-mail goes by e-mail).
    channels_first = ArrayField(
        models.CharField(max_length=10, choices=Channel.choices), default=list, blank=True
    )
    # An e-mail answering another one threads with it (In-Reply-To and References).
    in_reply_to = models.CharField(max_length=500, blank=True)
    references = models.TextField(blank=True)
    # Where the recipient's answer should go (the municipality's contact address).
    reply_to = models.EmailField(blank=True)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    body = models.TextField(_("message"), blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sending_started_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    job_id = models.BigIntegerField(null=True, blank=True)
    # The delivery job that marked it `sending` (see delivery.py).
    claimed_by_job = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "recipient_key", "idempotency_key"],
                name="notification_once_per_event_recipient_key",
            ),
            # One recipient; none only once the retention job has anonymised the message
            # (loket.notify.retention).
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(staff_user__isnull=True))
                | (Q(person__isnull=True) & Q(staff_user__isnull=False))
                | (
                    Q(person__isnull=True)
                    & Q(staff_user__isnull=True)
                    & Q(recipient_key=ANONYMISED_RECIPIENT)
                ),
                name="notification_one_recipient",
            ),
            models.CheckConstraint(
                condition=Q(status__in=NotificationStatus.values),
                name="notification_status_known",
            ),
        ]
        indexes = [
            models.Index(
                fields=["municipality", "status", "-created_at"],
                name="notification_municipality_st",
            ),
            models.Index(fields=["person", "-created_at"], name="notification_person_created"),
            models.Index(fields=["id"], condition=Q(status="queued"), name="notification_queued"),
        ]

    def __str__(self) -> str:
        return f"{self.event} → {self.recipient_key} ({self.status})"

    @property
    def recipient_name(self) -> str:
        if self.person is not None:
            return self.person.full_name
        if self.staff_user is not None:
            return self.staff_user.get_full_name() or self.staff_user.get_username()
        return ""


class DeliveryAttempt(models.Model):
    """Append-only: one row per thing that happened to a notification; never changed."""

    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="attempts"
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=AttemptOutcome.choices)
    status_after = models.CharField(max_length=12, choices=NotificationStatus.choices)
    detail = models.TextField(_("detail"), blank=True)
    provider_reference = models.CharField(max_length=200, blank=True)

    class Meta:
        # Rows of one notification are written one after the other under its row lock.
        ordering = ["id"]
        verbose_name = _("delivery attempt")
        verbose_name_plural = _("delivery attempts")

    def __str__(self) -> str:
        return f"{self.notification_id} {self.channel} {self.outcome}"


class NotificationAttachment(models.Model):
    """A file sent with a notification (a decision as PDF, an appointment as .ics)."""

    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="attachments"
    )
    filename = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    content = models.BinaryField()

    class Meta:
        ordering = ["id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.filename


class TemplateOverride(models.Model):
    """A municipality's own wording of an event's message in one language."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.CASCADE, related_name="notification_templates"
    )
    event = models.CharField(_("event"), max_length=100)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("message"))
    sms = models.TextField(_("text message (SMS)"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("message template")
        verbose_name_plural = _("message templates")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "event", "language"], name="template_override_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.event} {self.language}"


class InboxMessage(models.Model):
    """A message in the resident's inbox on "my page"."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="inbox_messages"
    )
    notification = models.OneToOneField(
        Notification, on_delete=models.CASCADE, related_name="inbox_message"
    )
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("inbox message")
        verbose_name_plural = _("inbox messages")
        indexes = [
            models.Index(
                fields=["person"], condition=Q(read_at__isnull=True), name="inbox_unread_person"
            )
        ]

    def __str__(self) -> str:
        return self.subject


class LetterBatch(models.Model):
    """One printable PDF with the letters of one municipality for one day."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="letter_batches"
    )
    day = models.DateField(_("day"))
    number = models.PositiveIntegerField(_("number"), default=1)
    letter_count = models.PositiveIntegerField(_("letters"), default=0)
    file_name = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day", "-number"]
        verbose_name = _("letter batch")
        verbose_name_plural = _("letter batches")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "day", "number"], name="letter_batch_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.day} #{self.number}"


class Letter(models.Model):
    """A letter waiting for (or printed in) the day's batch of its municipality."""

    notification = models.OneToOneField(
        Notification, on_delete=models.CASCADE, related_name="letter"
    )
    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="letters"
    )
    day = models.DateField(_("day"))
    recipient_name = models.CharField(max_length=400)
    address_lines = ArrayField(models.CharField(max_length=200), default=list)
    language = models.CharField(max_length=2, choices=Language.choices)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    batch = models.ForeignKey(
        LetterBatch, on_delete=models.PROTECT, null=True, blank=True, related_name="letters"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        indexes = [
            models.Index(
                fields=["municipality", "day"],
                condition=Q(batch__isnull=True),
                name="letter_unbatched",
            )
        ]

    def __str__(self) -> str:
        return f"{self.recipient_name}: {self.subject}"


class DemoSmsMessage(models.Model):
    """What the demo SMS gateway "sent": shown in the back office instead of a phone."""

    # Empty for a message to someone who is not in the register (a ticket holder, a guest
    # who booked an appointment): those messages have no notification.
    notification = models.ForeignKey(
        Notification,
        on_delete=models.CASCADE,
        related_name="demo_sms_messages",
        null=True,
        blank=True,
    )
    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT)
    to = models.CharField(_("to"), max_length=30)
    text = models.TextField(_("text"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("demo text message")
        verbose_name_plural = _("demo text messages")

    def __str__(self) -> str:
        return f"{self.to}: {self.text[:40]}"
