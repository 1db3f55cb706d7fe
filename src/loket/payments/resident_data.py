"""What the resident was asked to pay, in their data export (see loket.people.data_export)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from loket.payments.models import PaymentRequest
from loket.people.data_export import DATA_EXPORT_PARTS, DataExportPart, export_item
from loket.people.models import Person
from loket.tenancy.access import Actor


@DATA_EXPORT_PARTS.register
class PaymentsExport(DataExportPart):
    code = "payments"
    position = 40
    title = _("Payments")
    models = ("payments.PaymentRequest",)

    def items(self, *, actor: Actor, person: Person) -> list[dict[str, Any]]:
        return [
            export_item(
                payment,
                (
                    "municipality",
                    "description",
                    "amount_cents",
                    "due_date",
                    "structured_communication",
                    "status",
                    "paid_cents",
                    "refunded_cents",
                    "completed_at",
                ),
            )
            for payment in PaymentRequest.objects.filter(payer_person=person).order_by("pk")
        ]
