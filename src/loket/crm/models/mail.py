"""Inbound e-mail: the mailboxes read, every mail received (raw first) and its attachments."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loket.crm.models.contacts import ContactMoment


class MailStatus(models.TextChoices):
    """What became of a received e-mail."""

    RECEIVED = "received", _("Received, not yet read")
    MATCHED = "matched", _("Recorded with the resident who sent it")
    UNMATCHED = "unmatched", _("Recorded, resident not known yet")
    LINKED = "linked", _("Linked to a resident by staff")
    AUTO_REPLY = "auto_reply", _("Automatic reply, ignored")
    BOUNCE = "bounce", _("Delivery failure report")
    UNREADABLE = "unreadable", _("Could not be read")


class MailSource(models.TextChoices):
    IMAP = "imap", _("Mailbox (IMAP)")
    PIPE = "pipe", _("Mail server (pipe)")


class Mailbox(models.Model):
    """The IMAP mailbox behind a municipality's contact address, read by a periodic job."""

    class Security(models.TextChoices):
        TLS = "tls", _("TLS (port 993)")
        STARTTLS = "starttls", _("STARTTLS (port 143)")
        NONE = "none", _("None (only on a trusted network)")

    municipality = models.OneToOneField(
        "tenancy.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    address = models.EmailField(_("contact address"))
    host = models.CharField(_("IMAP server"), max_length=255)
    port = models.PositiveIntegerField(_("port"), default=993)
    security = models.CharField(
        _("connection security"), max_length=10, choices=Security.choices, default=Security.TLS
    )
    username = models.CharField(_("user name"), max_length=255)
    password = models.CharField(_("password"), max_length=255)
    folder = models.CharField(_("folder"), max_length=255, default="INBOX")
    processed_folder = models.CharField(
        _("folder for processed mail"), max_length=255, default="Loket/Processed"
    )
    is_active = models.BooleanField(_("active"), default=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("mailbox")
        verbose_name_plural = _("mailboxes")
        constraints = [
            models.CheckConstraint(
                condition=Q(security__in=["tls", "starttls", "none"]),
                name="mailbox_security_known",
            ),
        ]

    def __str__(self) -> str:
        return self.address


class InboundMail(models.Model):
    """One e-mail received for a municipality, its raw RFC 5322 bytes kept as received
    (stored before anything else is done with it), and what became of it."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    # The Message-ID, or "sha256:<hex of the raw bytes>" when the mail has none.
    message_key = models.CharField(max_length=500)
    raw = models.BinaryField()
    size_bytes = models.PositiveBigIntegerField()
    source = models.CharField(max_length=10, choices=MailSource.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=MailStatus.choices, default=MailStatus.RECEIVED
    )
    from_address = models.CharField(_("from"), max_length=320, blank=True)
    from_name = models.CharField(max_length=300, blank=True)
    subject = models.CharField(_("subject"), max_length=500, blank=True)
    problem = models.TextField(_("problem"), blank=True)
    contact_moment = models.OneToOneField(
        ContactMoment, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    bounced_notification_id = models.BigIntegerField(null=True, blank=True)
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    linked_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(_("received"), default=timezone.now)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("received e-mail")
        verbose_name_plural = _("received e-mails")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "message_key"], name="inbound_mail_once_per_message"
            ),
            models.CheckConstraint(
                condition=Q(status__in=MailStatus.values), name="inbound_mail_status_known"
            ),
        ]
        indexes = [
            models.Index(
                fields=["municipality", "status", "-received_at"], name="inbound_mail_status"
            ),
        ]

    def __str__(self) -> str:
        return self.subject or self.message_key


class MailAttachment(models.Model):
    """An attachment of a received e-mail: stored as a document of the contact moment, or
    refused by the documents' content check (with the reason)."""

    mail = models.ForeignKey(InboundMail, on_delete=models.CASCADE, related_name="attachments")
    file_name = models.CharField(_("file name"), max_length=300)
    content_type = models.CharField(max_length=200)
    size_bytes = models.PositiveBigIntegerField()
    document = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    refused_reason = models.CharField(_("refused because"), max_length=500, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(document__isnull=False) | ~Q(refused_reason=""),
                name="mail_attachment_stored_or_refused",
            ),
        ]

    def __str__(self) -> str:
        return self.file_name
