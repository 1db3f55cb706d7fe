"""What a resident was asked to pay, in their timeline (see loket.people.timeline)."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from loket.core.dates import date_display
from loket.core.rows import name_fields, pk_url
from loket.payments.models import PaymentRequest
from loket.payments.money import cents_to_display
from loket.payments.selectors import payment_requests_visible_to
from loket.payments.structured_communication import StructuredCommunication
from loket.payments.workflow import OUTSTANDING_STATUSES
from loket.people.models import Person
from loket.people.timeline import TIMELINE_SOURCES, TimelineEntry, TimelineSource, open_first
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
        rows = (
            payment_requests_visible_to(actor=actor)
            .filter(payer_person=person)
            .select_related(None)
            .select_related("municipality")
            # what an entry shows (`_entry`)
            .only(
                "pk",
                "status",
                "created_at",
                "description",
                "descriptions",
                "amount_cents",
                "due_date",
                "structured_communication",
                "municipality",
                *name_fields("municipality"),
            )
        )
        return [
            _entry(payment, is_open)
            for payment, is_open in open_first(
                rows, open_when=Q(status__in=OUTSTANDING_STATUSES), at="created_at", limit=limit
            )
        ]


def _entry(payment: PaymentRequest, is_open: bool) -> TimelineEntry:
    return TimelineEntry(
        kind=PaymentsTimeline.code,
        at=payment.created_at,
        title=payment.description_in(),
        url=pk_url("payments:backoffice-detail")(payment.pk),
        status=payment.get_status_display(),
        is_open=is_open,
        detail=_("%(amount)s, due %(date)s, %(communication)s")
        % {
            "amount": cents_to_display(payment.amount_cents),
            "date": date_display(payment.due_date),
            "communication": StructuredCommunication(payment.structured_communication).formatted,
        },
        municipality=payment.municipality.name,
    )
