"""The resident's appointments, in their data export (see loket.people.data_export)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from loket.appointments.models import Appointment
from loket.people.data_export import DATA_EXPORT_PARTS, DataExportPart, export_item
from loket.people.models import Person
from loket.tenancy.access import Actor


@DATA_EXPORT_PARTS.register
class AppointmentsExport(DataExportPart):
    code = "appointments"
    position = 50
    title = _("Appointments")
    models = ("appointments.Appointment",)

    def items(self, *, actor: Actor, person: Person) -> list[dict[str, Any]]:
        return [
            export_item(
                appointment,
                (
                    "municipality",
                    "office",
                    "product",
                    "reference",
                    "starts_at",
                    "ends_at",
                    "status",
                    "channel",
                    "name",
                    "email",
                    "phone",
                    "language",
                    "reminded_at",
                ),
            )
            for appointment in Appointment.objects.filter(person=person).order_by("pk")
        ]
