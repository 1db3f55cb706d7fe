"""The resident's reservations, in their data export (see loket.people.data_export)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from loket.people.data_export import DATA_EXPORT_PARTS, DataExportPart, export_item
from loket.people.models import Person
from loket.resources.models import Booking, BookingEvent
from loket.tenancy.access import Actor


@DATA_EXPORT_PARTS.register
class ReservationsExport(DataExportPart):
    code = "reservations"
    position = 65
    title = _("Reservations")
    models = ("resources.Booking", "resources.BookingEvent")

    def items(self, *, actor: Actor, person: Person) -> list[dict[str, Any]]:
        items = [
            export_item(
                booking,
                (
                    "municipality",
                    "resource",
                    "quantity",
                    "starts_at",
                    "ends_at",
                    "purpose",
                    "status",
                    "price_cents",
                    "deposit_cents",
                ),
            )
            for booking in Booking.objects.filter(person=person).order_by("pk")
        ]
        items += [
            export_item(event, ("booking", "kind", "from_status", "to_status", "message"))
            for event in BookingEvent.objects.filter(
                Q(booking__person=person) | Q(actor_person=person)
            ).order_by("pk")
        ]
        return items
