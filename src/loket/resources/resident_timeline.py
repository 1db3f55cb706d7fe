"""A resident's reservations of halls, rooms and equipment in their timeline (see
loket.people.timeline). A reservation is open while it waits for approval or is confirmed
and not over yet."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loket.core.dates import date_display
from loket.core.rows import name_fields, pk_url
from loket.people.models import Person
from loket.people.timeline import TIMELINE_SOURCES, TimelineEntry, TimelineSource, open_first
from loket.resources.models import Booking
from loket.resources.selectors import bookings_of_resident
from loket.resources.workflow import BookingStatus
from loket.tenancy.access import Actor
from loket.tenancy.permissions import Permission


@TIMELINE_SOURCES.register
class ReservationsTimeline(TimelineSource):
    code = "reservations"
    label = _("Reservations")
    permission = Permission.RESOURCES_VIEW
    position = 50

    def entries(
        self, *, actor: Actor, person: Person, channel: str, limit: int
    ) -> list[TimelineEntry]:
        rows = (
            bookings_of_resident(actor=actor, person_id=person.pk)
            .select_related(None)
            .select_related("resource", "municipality")
            # what an entry shows (`_entry`)
            .only(
                "pk",
                "status",
                "starts_at",
                "resource",
                "municipality",
                *name_fields("resource", "municipality"),
            )
        )
        still_on = Q(status=BookingStatus.REQUESTED) | Q(
            status=BookingStatus.APPROVED, ends_at__gte=timezone.now()
        )
        return [
            _entry(booking, is_open)
            for booking, is_open in open_first(
                rows, open_when=still_on, at="starts_at", limit=limit
            )
        ]


def _entry(booking: Booking, is_open: bool) -> TimelineEntry:
    return TimelineEntry(
        kind=ReservationsTimeline.code,
        at=booking.starts_at,
        title=booking.resource.name,
        url=pk_url("resources:backoffice-booking")(booking.pk),
        status=booking.get_status_display(),
        is_open=is_open,
        detail=date_display(timezone.localtime(booking.starts_at)),
        municipality=booking.municipality.name,
    )
