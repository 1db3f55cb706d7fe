"""The resident's queue tickets at the counter, in their data export (see
loket.people.data_export)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from loket.people.data_export import DATA_EXPORT_PARTS, DataExportPart, export_item
from loket.people.models import Person
from loket.queue.models import Ticket
from loket.tenancy.access import Actor


@DATA_EXPORT_PARTS.register
class QueueExport(DataExportPart):
    code = "queue"
    position = 55
    title = _("Queue tickets")
    models = ("queue.Ticket",)

    def items(self, *, actor: Actor, person: Person) -> list[dict[str, Any]]:
        return [
            export_item(
                ticket,
                (
                    "municipality",
                    "office",
                    "day",
                    "code",
                    "status",
                    "channel",
                    "language",
                    "phone",
                    "email",
                    "taken_at",
                    "finished_at",
                ),
            )
            for ticket in Ticket.objects.filter(person=person).order_by("pk")
        ]
