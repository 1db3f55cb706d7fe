"""The resident's requests in their data export (see loket.people.data_export): each case
with its public history, the messages exchanged and the drafts kept for them."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from loket.cases.models import Case, CaseEvent, CaseMessage, Draft
from loket.people.data_export import DATA_EXPORT_PARTS, DataExportPart, export_item
from loket.people.models import Person
from loket.tenancy.access import Actor


@DATA_EXPORT_PARTS.register
class CasesExport(DataExportPart):
    code = "cases"
    position = 20
    title = _("Requests")
    models = ("cases.Case", "cases.CaseEvent", "cases.CaseMessage", "cases.Draft")

    def items(self, *, actor: Actor, person: Person) -> list[dict[str, Any]]:
        cases = Case.objects.filter(applicant=person).order_by("pk")
        items = [
            export_item(
                case,
                (
                    "number",
                    "municipality",
                    "product",
                    "answers",
                    "language",
                    "status",
                    "channel",
                    "fee_cents",
                    "paid_at",
                    "submitted_at",
                    "due_date",
                    "decided_at",
                    "closed_at",
                ),
            )
            for case in cases
        ]
        # Requests the resident made for someone else (a child, a mandator): what they did,
        # not the other person's answers.
        items += [
            export_item(case, ("number", "municipality", "product", "applicant", "submitted_at"))
            for case in Case.objects.filter(submitted_by_person=person)
            .exclude(applicant=person)
            .order_by("pk")
        ]
        # Internal events (is_public false) are the staff's working notes on the file;
        # events the resident caused are theirs either way.
        events = CaseEvent.objects.filter(
            Q(case__applicant=person, is_public=True) | Q(actor_person=person)
        ).order_by("pk")
        items += [
            export_item(event, ("case", "kind", "from_status", "to_status", "message"))
            for event in events
        ]
        messages = CaseMessage.objects.filter(
            Q(case__applicant=person) | Q(author_person=person)
        ).order_by("pk")
        items += [
            export_item(message, ("case", "direction", "body", "attachments"))
            for message in messages
        ]
        items += [
            export_item(draft, ("municipality", "product", "answers", "case"))
            for draft in Draft.objects.filter(person=person).order_by("pk")
        ]
        return items
