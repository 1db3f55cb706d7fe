"""The reports the resident made or follows, in their data export (see
loket.people.data_export)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from loket.people.data_export import DATA_EXPORT_PARTS, DataExportPart, export_item
from loket.people.models import Person
from loket.reports.models import Report, ReportEvent, ReportFollower
from loket.tenancy.access import Actor


@DATA_EXPORT_PARTS.register
class ReportsExport(DataExportPart):
    code = "reports"
    position = 30
    title = _("Reports in public space")
    models = ("reports.Report", "reports.ReportFollower", "reports.ReportEvent")

    def items(self, *, actor: Actor, person: Person) -> list[dict[str, Any]]:
        items = [
            export_item(
                report,
                (
                    "municipality",
                    "category",
                    "status",
                    "description",
                    "latitude",
                    "longitude",
                    "address",
                    "postal_code",
                    "media_url",
                    "source",
                    "reporter_name",
                    "reporter_email",
                    "reporter_phone",
                    "reporter_language",
                    "status_note",
                    "closed_at",
                ),
            )
            for report in Report.objects.filter(reporter_person=person).order_by("pk")
        ]
        items += [
            export_item(follower, ("report", "email", "language", "is_reporter"))
            for follower in ReportFollower.objects.filter(person=person).order_by("pk")
        ]
        # The `note` of an event is the staff's internal note: left out.
        items += [
            export_item(event, ("report", "kind", "from_status", "to_status", "message"))
            for event in ReportEvent.objects.filter(
                Q(actor_person=person) | Q(report__reporter_person=person)
            ).order_by("pk")
        ]
        return items
