"""Past bookings of halls and material past their retention period lose the person who
booked: the person link, what the booking was for (typed by the requester), and in the
history the messages (the reasons staff gave the requester, or the requester's own) and the
resident as actor. The resource, municipality, region, tariff category, quantity, period,
status, price, deposit, payment request, the units taken, the history's kinds, statuses and
staff actors and every date stay, so the bookings per resource, month and status, the
occupancy and the takings do not change (loket.audit.retention). The refund note of the
history is the system's text with the amount to refund: it names nobody and stays with the
payment it is about."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from loket.audit.retention import RetentionKind, retention_kind_register
from loket.resources.models import Booking, BookingEvent, BookingEventKind

# History kinds whose message the system writes (the amount to refund), never a person.
EVENT_MESSAGES_KEPT = [BookingEventKind.REFUND_DUE.value]


def _due(municipality_id: int, cutoff: dt.datetime) -> QuerySet[Booking]:
    """Bookings whose period ended before the cut-off (whatever their status: approved,
    refused, cancelled, or a request nobody handled) and that did not change since: a
    cancellation or refund after the end counts from then."""
    return Booking.objects.filter(
        municipality_id=municipality_id, ends_at__lt=cutoff, updated_at__lt=cutoff
    )


def bookings_anonymise(ids: Sequence[int]) -> None:
    """Within `anonymisation_allowed()` (the booking history is append-only)."""
    Booking.objects.filter(pk__in=ids).update(person=None, purpose="")
    BookingEvent.objects.filter(booking_id__in=ids).exclude(kind__in=EVENT_MESSAGES_KEPT).update(
        message=""
    )
    BookingEvent.objects.filter(booking_id__in=ids, actor_person__isnull=False).update(
        actor_person=None
    )


retention_kind_register(
    RetentionKind(
        code="bookings_past",
        label=_("Past bookings of halls and material"),
        default_days=730,
        minimum_days=365,
        basis=_(
            "Counted from the end of the booked period (or its last change, if later). Long "
            "enough to settle the deposit, a claim for damage to the hall or the material "
            "found afterwards and a complaint about the booking; the payment keeps its own "
            "record. Two years by default, never less than one."
        ),
        due=_due,
        anonymise=bookings_anonymise,
        order=50,
        kept=(
            "resource",
            "municipality",
            "tariff category",
            "quantity",
            "period",
            "status",
            "price",
            "deposit",
            "payment request",
            "staff actors",
            "dates",
        ),
    )
)
