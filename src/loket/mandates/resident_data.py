"""The resident's mandates (given and received), the consents they gave at the counter and
the changes to their representation of organisations, in their data export (see
loket.people.data_export)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from loket.mandates.selectors import (
    counter_consents_of_person,
    mandates_of_person,
    representative_changes_of_person,
)
from loket.people.data_export import DATA_EXPORT_PARTS, DataExportPart, export_item
from loket.people.models import Person
from loket.tenancy.access import Actor


@DATA_EXPORT_PARTS.register
class MandatesExport(DataExportPart):
    code = "mandates"
    position = 16
    title = _("Mandates, representation of organisations and consents at the counter")
    models = ("mandates.Mandate", "mandates.CounterConsent", "mandates.RepresentativeChange")

    def items(self, *, actor: Actor, person: Person) -> list[dict[str, Any]]:
        items = [
            {
                **export_item(
                    mandate,
                    ("municipality", "mandator", "mandatee", "valid_until", "revoked_at"),
                ),
                "products": sorted(product.code for product in mandate.products.all()),
            }
            for mandate in mandates_of_person(person=person)
            .prefetch_related("products")
            .order_by("pk")
        ]
        items += [
            export_item(consent, ("municipality", "user", "given_at"))
            for consent in counter_consents_of_person(person=person).order_by("pk")
        ]
        items += [
            export_item(change, ("organisation", "action", "recorded_at", "recorded_by"))
            for change in representative_changes_of_person(person=person)
        ]
        return items
