"""The activity registrations of the resident (as parent or as child), in their data
export (see loket.people.data_export)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from loket.activities.models import Registration
from loket.people.data_export import DATA_EXPORT_PARTS, DataExportPart, export_item
from loket.people.models import Person
from loket.tenancy.access import Actor


@DATA_EXPORT_PARTS.register
class ActivitiesExport(DataExportPart):
    code = "activities"
    position = 60
    title = _("Activity registrations")
    models = ("activities.Registration",)

    def items(self, *, actor: Actor, person: Person) -> list[dict[str, Any]]:
        return [
            export_item(
                registration,
                (
                    "municipality",
                    "activity",
                    "child",
                    "parent",
                    "status",
                    "is_resident",
                    "social_tariff",
                    "price_cents",
                    "paid_at",
                    "channel",
                ),
            )
            for registration in Registration.objects.filter(
                Q(parent=person) | Q(child=person)
            ).order_by("pk")
        ]
