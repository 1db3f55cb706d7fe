"""What a resident was asked to pay, in their timeline (see loket.people.timeline)."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from loket.core.dates import date_display
from loket.core.rows import name_fields, pk_url
from loket.payments.models import PaymentRequest
from loket.payments.money import cents_to_display
from loket.payments.selectors import payment_requests_visible_to
from loket.payments.structured_communication import StructuredCommunication
from loket.payments.workflow import OUTSTANDING_STATUSES
from loket.people.models import Person
from loket.people.timeline import (
    TIMELINE_SOURCES,
    TimelineEntry,
    TimelineSource,
    choice_labels,
    open_first_values,
    related_name,
)
from loket.tenancy.access import Actor
from loket.tenancy.permissions import Permission


@TIMELINE_SOURCES.register
class PaymentsTimeline(TimelineSource):
    code = "payments"
    label = gettext_lazy("Payments")
    permission = Permission.PAYMENTS_VIEW
    position = 60

    def entries(
        self, *, actor: Actor, person: Person, channel: str, limit: int
    ) -> list[TimelineEntry]:
        rows = payment_requests_visible_to(actor=actor).filter(payer_person=person)
        status = choice_labels(PaymentRequest, "status")
        url = pk_url("payments:backoffice-detail")
        language = (get_language() or "")[:2]
        return [
            TimelineEntry(
                kind=self.code,
                at=row["created_at"],
                # `PaymentRequest.description_in()`
                title=str((row["descriptions"] or {}).get(language) or row["description"]),
                url=url(row["pk"]),
                status=status(row["status"]),
                is_open=is_open,
                detail=_("%(amount)s, due %(date)s, %(communication)s")
                % {
                    "amount": cents_to_display(row["amount_cents"]),
                    "date": date_display(row["due_date"]),
                    "communication": StructuredCommunication(
                        row["structured_communication"]
                    ).formatted,
                },
                municipality=related_name(row, "municipality"),
            )
            # what an entry shows
            for row, is_open in open_first_values(
                rows,
                "pk",
                "status",
                "created_at",
                "description",
                "descriptions",
                "amount_cents",
                "due_date",
                "structured_communication",
                *name_fields("municipality"),
                open_when=Q(status__in=OUTSTANDING_STATUSES),
                at="created_at",
                limit=limit,
            )
        ]
