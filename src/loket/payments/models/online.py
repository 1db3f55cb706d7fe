"""Online payments: one row per checkout started with a provider."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from loket.payments.workflow import OnlinePaymentStatus as OnlinePaymentStatus


class OnlinePayment(models.Model):
    payment_request = models.ForeignKey(
        "payments.PaymentRequest", on_delete=models.PROTECT, related_name="online_payments"
    )
    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="online_payments"
    )
    provider = models.CharField(_("provider"), max_length=40)
    provider_reference = models.CharField(_("provider reference"), max_length=128)
    provider_payment_reference = models.CharField(
        _("provider payment"),
        max_length=128,
        blank=True,
        help_text=_("The provider's id of the completed payment, used for refunds."),
    )
    amount_cents = models.BigIntegerField(_("amount (cents)"))
    refunded_cents = models.BigIntegerField(_("refunded (cents)"), default=0)
    status = models.CharField(
        max_length=20, choices=OnlinePaymentStatus.choices, default=OnlinePaymentStatus.PENDING
    )
    checkout_url = models.URLField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("online payment")
        verbose_name_plural = _("online payments")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "provider_reference"], name="online_payment_reference_once"
            ),
            models.CheckConstraint(
                condition=Q(amount_cents__gt=0), name="online_payment_amount_positive"
            ),
            models.CheckConstraint(
                condition=Q(refunded_cents__gte=0)
                & Q(refunded_cents__lte=models.F("amount_cents")),
                name="online_payment_refund_within_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider} {self.provider_reference}"
