"""The resident's contacts with the municipality, in their data export (see
loket.people.data_export): contact moments, questions to the contact centre, suggestions
made to them and home visits."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from loket.crm.contact_centre.models import ContactQuestion
from loket.crm.models import ContactMoment, HomeVisit, Suggestion
from loket.people.data_export import DATA_EXPORT_PARTS, DataExportPart, export_item
from loket.people.models import Person
from loket.tenancy.access import Actor


@DATA_EXPORT_PARTS.register
class ContactsExport(DataExportPart):
    code = "contacts"
    position = 80
    title = _("Contacts with the municipality")
    models = ("crm.ContactMoment", "crm.ContactQuestion", "crm.Suggestion", "crm.HomeVisit")
    excluded = {
        "crm.CannotCome": (
            "An internal flag staff set to plan home visits instead of counter visits, with "
            "their own note; the home visits it leads to are exported."
        ),
    }

    def items(self, *, actor: Actor, person: Person) -> list[dict[str, Any]]:
        items = [
            export_item(
                moment,
                (
                    "municipality",
                    "channel",
                    "direction",
                    "product",
                    "topic",
                    "summary",
                    "outcome",
                    "occurred_at",
                    "case",
                    "report",
                    "appointment",
                    "payment_request",
                ),
            )
            for moment in ContactMoment.objects.filter(person=person).order_by("pk")
        ]
        # `answer_note` is the staff's internal note on the answer: left out.
        items += [
            export_item(
                question,
                (
                    "municipality",
                    "kind",
                    "channel",
                    "product",
                    "question",
                    "language",
                    "transcript",
                    "reply_email",
                    "reply_phone",
                    "status",
                    "answered_at",
                    "closed_at",
                ),
            )
            for question in ContactQuestion.objects.filter(person=person).order_by("pk")
        ]
        items += [
            export_item(
                suggestion,
                (
                    "municipality",
                    "product",
                    "occasion",
                    "occasion_on",
                    "status",
                    "decided_at",
                    "notified_at",
                ),
            )
            for suggestion in Suggestion.objects.filter(person=person).order_by("pk")
        ]
        items += [
            export_item(visit, ("municipality", "planned_on", "planned_time", "topic", "status"))
            for visit in HomeVisit.objects.filter(person=person).order_by("pk")
        ]
        return items
