"""Imported bank statements and their credit lines, matched to payment requests."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from loket.payments.workflow import QUEUE_STATUSES as QUEUE_STATUSES
from loket.payments.workflow import LineStatus as LineStatus


class StatementFormat(models.TextChoices):
    CAMT053 = "camt053", _("ISO 20022 CAMT.053 (XML)")
    CODA = "coda", _("CODA (Febelfin)")


class StatementSource(models.TextChoices):
    UPLOAD = "upload", _("Uploaded by staff")
    DROP_FOLDER = "drop_folder", _("Drop folder")
    API = "api", _("API")


class BankStatement(models.Model):
    """One imported statement file (a file may hold several statements: one row each)."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="bank_statements"
    )
    format = models.CharField(_("format"), max_length=10, choices=StatementFormat.choices)
    account_iban = models.CharField(_("account"), max_length=34)
    statement_reference = models.CharField(_("statement"), max_length=64)
    statement_date = models.DateField(_("statement date"), null=True, blank=True)
    file_name = models.CharField(_("file"), max_length=255, blank=True)
    file_sha256 = models.CharField(max_length=64)
    source = models.CharField(_("source"), max_length=20, choices=StatementSource.choices)
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    credit_count = models.PositiveIntegerField(default=0)
    debit_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-imported_at", "-id"]
        verbose_name = _("bank statement")
        verbose_name_plural = _("bank statements")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "account_iban", "statement_reference", "file_sha256"],
                name="bank_statement_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.account_iban} {self.statement_reference}"


class LineReason(models.TextChoices):
    """Why a credit waits in the reconciliation queue."""

    REQUEST_CLOSED = "request_closed", _("The payment request is cancelled or refunded.")
    SEVERAL_REQUESTS_NAMED = (
        "several_requests_named",
        _("The message names several payment requests."),
    )
    SEVERAL_REQUESTS_OF_PAYER = (
        "several_requests_of_payer",
        _("Several requests of this payer are due for this amount."),
    )
    UNKNOWN_COMMUNICATION = (
        "unknown_communication",
        _("The structured communication belongs to no payment request of the municipality."),
    )
    NO_REQUEST_FOR_AMOUNT = "no_request_for_amount", _("No request is due for this amount.")
    PAYER_NOT_RECOGNISED = (
        "payer_not_recognised",
        _("A request is due for this amount, but the payer is not recognised."),
    )
    WRONG_CHECK_DIGITS = (
        "wrong_check_digits",
        _("The structured communication has wrong check digits (a typing error?)."),
    )
    NOT_IN_EURO = "not_in_euro", _("The amount is not in euro.")


class MatchMethod(models.TextChoices):
    STRUCTURED_COMMUNICATION = "structured_communication", _("Structured communication")
    AMOUNT_AND_PAYER = "amount_and_payer", _("Amount and payer")
    STAFF = "staff", _("Chosen by staff")


class BankStatementLine(models.Model):
    """A credit on the municipality's account. `line_key` makes re-imports harmless."""

    statement = models.ForeignKey(BankStatement, on_delete=models.PROTECT, related_name="lines")
    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="bank_statement_lines"
    )
    line_key = models.CharField(max_length=64)
    bank_reference = models.CharField(_("bank reference"), max_length=64, blank=True)
    booking_date = models.DateField(_("booking date"))
    amount_cents = models.BigIntegerField(_("amount (cents)"))
    counterparty_name = models.CharField(_("from"), max_length=140, blank=True)
    counterparty_iban = models.CharField(_("from account"), max_length=34, blank=True)
    structured_communication = models.CharField(
        _("structured communication"),
        max_length=12,
        blank=True,
        help_text=_("As the bank gave it in its structured field, or as found in the message."),
    )
    message = models.CharField(_("message"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=LineStatus.choices)
    status_reason = models.CharField(
        _("why"), max_length=40, choices=LineReason.choices, blank=True
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    match_method = models.CharField(max_length=30, choices=MatchMethod.choices, blank=True)
    payment_request = models.ForeignKey(
        "payments.PaymentRequest",
        on_delete=models.PROTECT,
        related_name="statement_lines",
        null=True,
        blank=True,
    )
    candidate_ids = models.JSONField(default=list, blank=True)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["booking_date", "id"]
        verbose_name = _("bank statement line")
        verbose_name_plural = _("bank statement lines")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "line_key"], name="bank_statement_line_once"
            ),
            models.CheckConstraint(
                condition=Q(amount_cents__gt=0), name="bank_statement_line_amount_positive"
            ),
        ]
        indexes = [
            models.Index(fields=["municipality", "status"], name="statement_line_status"),
        ]

    def __str__(self) -> str:
        return f"{self.booking_date} {self.amount_cents} {self.counterparty_name}"
