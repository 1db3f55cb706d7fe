"""Payment requests, their append-only ledger, bank statements and online payments.

Every amount is a whole number of euro cents (BigIntegerField); the database keeps them
positive. A request's status is derived from its ledger by the services and stored for
filtering; the ledger rows themselves are never changed (a database trigger refuses it).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from loket.payments.iban import bic_validator, iban_validator
from loket.payments.workflow import PaymentStatus


class MunicipalityPaymentSettings(models.Model):
    """A municipality's bank account and online payment choice."""

    municipality = models.OneToOneField(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="payment_settings"
    )
    beneficiary_name = models.CharField(
        _("beneficiary name"),
        max_length=70,
        blank=True,
        help_text=_("The account holder's name as the bank knows it (at most 70 characters)."),
    )
    iban = models.CharField(_("IBAN"), max_length=34, blank=True, validators=[iban_validator])
    bic = models.CharField(_("BIC"), max_length=11, blank=True, validators=[bic_validator])
    online_provider = models.CharField(
        _("online payment provider"),
        max_length=40,
        blank=True,
        default="demo",
        help_text=_("Empty: residents pay by bank transfer only."),
    )
    online_provider_account = models.CharField(
        _("account at the provider"),
        max_length=100,
        blank=True,
        help_text=_("The municipality's own account at the provider, when it has one."),
    )
    communication_prefix = models.CharField(
        _("structured communication prefix"),
        max_length=4,
        blank=True,
        help_text=_(
            "Digits that start every structured communication Loket makes, to keep them apart "
            "from those of the accounting system on the same account."
        ),
    )
    last_communication_number = models.BigIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("payment settings")
        verbose_name_plural = _("payment settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(communication_prefix__regex=r"^\d{0,4}$"),
                name="payment_settings_prefix_digits",
            ),
            models.CheckConstraint(
                condition=Q(last_communication_number__gte=0),
                name="payment_settings_counter_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.iban or '-'}"

    @property
    def accepts_bank_transfers(self) -> bool:
        return bool(self.iban and self.beneficiary_name)


class PaymentRequest(models.Model):
    """Something a resident or organisation owes a municipality."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="payment_requests"
    )
    payer_person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="payment_requests",
        null=True,
        blank=True,
    )
    payer_organisation = models.ForeignKey(
        "people.Organisation",
        on_delete=models.PROTECT,
        related_name="payment_requests",
        null=True,
        blank=True,
    )
    subject_type = models.CharField(
        _("subject type"),
        max_length=40,
        help_text=_('What the payment is for, for example "case" or "reservation".'),
    )
    subject_id = models.CharField(_("subject"), max_length=64)
    description = models.CharField(_("description"), max_length=140)
    # The description in each language it was given in ({"nl": …, "fr": …, "en": …}), so
    # every reader sees it in theirs; `description` is the one of the payer's language.
    descriptions = models.JSONField(_("description per language"), default=dict, blank=True)
    amount_cents = models.BigIntegerField(_("amount (cents)"))
    due_date = models.DateField(_("due date"))
    structured_communication = models.CharField(
        _("structured communication"), max_length=12, editable=False
    )
    status = models.CharField(
        _("status"), max_length=20, choices=PaymentStatus.choices, default=PaymentStatus.OPEN
    )
    paid_cents = models.BigIntegerField(_("paid (cents)"), default=0)
    refunded_cents = models.BigIntegerField(_("refunded (cents)"), default=0)
    completed_at = models.DateTimeField(
        _("completed at"),
        null=True,
        blank=True,
        help_text=_("When the full amount was first received and the next step was unlocked."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("payment request")
        verbose_name_plural = _("payment requests")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "structured_communication"],
                name="payment_request_communication_unique_per_municipality",
            ),
            models.CheckConstraint(
                condition=Q(amount_cents__gt=0), name="payment_request_amount_positive"
            ),
            models.CheckConstraint(
                condition=Q(paid_cents__gte=0) & Q(refunded_cents__gte=0),
                name="payment_request_totals_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(structured_communication__regex=r"^\d{12}$"),
                name="payment_request_communication_twelve_digits",
            ),
            models.CheckConstraint(
                condition=(
                    Q(payer_person__isnull=False, payer_organisation__isnull=True)
                    | Q(payer_person__isnull=True, payer_organisation__isnull=False)
                ),
                name="payment_request_one_payer",
            ),
        ]
        indexes = [
            models.Index(fields=["municipality", "status"], name="payment_request_status"),
            models.Index(fields=["subject_type", "subject_id"], name="payment_request_subject"),
            models.Index(fields=["status", "due_date"], name="payment_request_due"),
        ]

    def __str__(self) -> str:
        return f"{self.description} ({self.structured_communication})"

    def description_in(self, language: str | None = None) -> str:
        """The description in `language` (default: the active one), else the stored one."""
        code = (language or get_language() or "")[:2]
        return str(self.descriptions.get(code) or self.description)

    @property
    def net_paid_cents(self) -> int:
        return self.paid_cents - self.refunded_cents

    @property
    def outstanding_cents(self) -> int:
        return max(self.amount_cents - self.net_paid_cents, 0)

    @property
    def payer_name(self) -> str:
        if self.payer_person is not None:
            return self.payer_person.full_name
        if self.payer_organisation is not None:
            return self.payer_organisation.name
        return ""


class MovementKind(models.TextChoices):
    PAYMENT = "payment", _("Payment received")
    REFUND = "refund", _("Refund paid back")


class MovementSource(models.TextChoices):
    BANK_TRANSFER = "bank_transfer", _("Bank transfer")
    ONLINE = "online", _("Online payment")
    MANUAL = "manual", _("Recorded by staff")
    REFUND = "refund", _("Refund")


class PaymentMovement(models.Model):
    """One row of a request's ledger. Append-only: never updated, never deleted."""

    payment_request = models.ForeignKey(
        PaymentRequest, on_delete=models.PROTECT, related_name="movements"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=MovementKind.choices)
    amount_cents = models.BigIntegerField(_("amount (cents)"))
    source = models.CharField(_("source"), max_length=20, choices=MovementSource.choices)
    reference = models.CharField(
        _("reference"),
        max_length=128,
        blank=True,
        help_text=_("The bank line, provider payment or refund this movement comes from."),
    )
    payer_name = models.CharField(_("paid by"), max_length=140, blank=True)
    payer_iban = models.CharField(_("from account"), max_length=34, blank=True)
    booked_at = models.DateTimeField(_("booked at"))
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    statement_line = models.ForeignKey(
        "payments.BankStatementLine",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="movements",
    )
    online_payment = models.ForeignKey(
        "payments.OnlinePayment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="movements",
    )

    class Meta:
        ordering = ["booked_at", "id"]
        verbose_name = _("payment movement")
        verbose_name_plural = _("payment movements")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_cents__gt=0), name="payment_movement_amount_positive"
            ),
            models.UniqueConstraint(
                fields=["source", "reference"],
                condition=~Q(reference=""),
                name="payment_movement_reference_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.amount_cents} ({self.source})"


class PaymentEventKind(models.TextChoices):
    CREATED = "created", _("Request created")
    STATUS_CHANGED = "status_changed", _("Status changed")
    CANCELLED = "cancelled", _("Request cancelled")
    RECEIPT_SENT = "receipt_sent", _("Receipt sent")
    REMINDER_SENT = "reminder_sent", _("Reminder sent")
    NEXT_STEP_UNLOCKED = "next_step_unlocked", _("Next step unlocked")


class PaymentRequestEvent(models.Model):
    """The history of a request besides its ledger. Append-only."""

    payment_request = models.ForeignKey(
        PaymentRequest, on_delete=models.PROTECT, related_name="events"
    )
    kind = models.CharField(max_length=30, choices=PaymentEventKind.choices)
    from_status = models.CharField(max_length=20, choices=PaymentStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=PaymentStatus.choices, blank=True)
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("payment request event")
        verbose_name_plural = _("payment request events")

    def __str__(self) -> str:
        return f"{self.payment_request_id}: {self.kind}"


class PaymentReminder(models.Model):
    """One reminder per request and due date (a new due date may get its own)."""

    payment_request = models.ForeignKey(
        PaymentRequest, on_delete=models.PROTECT, related_name="reminders"
    )
    due_date = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["payment_request", "due_date"], name="payment_reminder_once_per_due_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.payment_request_id} {self.due_date}"
