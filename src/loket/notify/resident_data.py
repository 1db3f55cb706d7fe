"""The messages sent to the resident, in their data export (see loket.people.data_export)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from loket.notify.models import InboxMessage, Notification
from loket.people.data_export import DATA_EXPORT_PARTS, DataExportPart, export_item
from loket.people.models import Person
from loket.tenancy.access import Actor


@DATA_EXPORT_PARTS.register
class MessagesExport(DataExportPart):
    code = "messages"
    position = 70
    title = _("Messages sent to you")
    models = ("notify.Notification", "notify.InboxMessage")

    def items(self, *, actor: Actor, person: Person) -> list[dict[str, Any]]:
        items = [
            export_item(
                notification,
                (
                    "municipality",
                    "event",
                    "language",
                    "status",
                    "channel",
                    "subject",
                    "body",
                    "delivered_at",
                ),
            )
            for notification in Notification.objects.filter(person=person).order_by("pk")
        ]
        items += [
            export_item(message, ("notification", "subject", "body", "read_at"))
            for message in InboxMessage.objects.filter(person=person).order_by("pk")
        ]
        return items
