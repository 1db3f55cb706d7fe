"""A resident's appointments in their timeline (see loket.people.timeline). An appointment
that is still booked is open, whether it is coming up or not yet recorded as held."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from loket.appointments.models import Appointment
from loket.appointments.selectors import appointments_visible_to
from loket.appointments.workflow import AppointmentChannel, AppointmentStatus
from loket.core.rows import name_fields, pk_url
from loket.people.models import Person
from loket.people.timeline import (
    TIMELINE_SOURCES,
    TimelineChannel,
    TimelineEntry,
    TimelineSource,
    open_first,
)
from loket.tenancy.access import Actor
from loket.tenancy.permissions import Permission


@TIMELINE_SOURCES.register
class AppointmentsTimeline(TimelineSource):
    code = "appointments"
    label = _("Appointments")
    permission = Permission.APPOINTMENTS_VIEW
    position = 30
    channels = {
        TimelineChannel.WEB: (AppointmentChannel.ONLINE,),
        TimelineChannel.COUNTER: (AppointmentChannel.COUNTER,),
        TimelineChannel.PHONE: (AppointmentChannel.PHONE,),
        TimelineChannel.API: (AppointmentChannel.API,),
    }

    def entries(
        self, *, actor: Actor, person: Person, channel: str, limit: int
    ) -> list[TimelineEntry]:
        rows = (
            appointments_visible_to(actor=actor)
            .filter(person=person)
            .select_related(None)
            .select_related("product", "office", "municipality")
            # what an entry shows (`_entry`)
            .only(
                "pk",
                "status",
                "channel",
                "reference",
                "starts_at",
                "product",
                "office",
                "municipality",
                *name_fields("product", "office", "municipality"),
            )
        )
        own = self.own_values(channel)
        if own is not None:
            rows = rows.filter(channel__in=own)
        return [
            _entry(appointment, is_open)
            for appointment, is_open in open_first(
                rows,
                open_when=Q(status=AppointmentStatus.BOOKED),
                at="starts_at",
                limit=limit,
            )
        ]


def _entry(appointment: Appointment, is_open: bool) -> TimelineEntry:
    return TimelineEntry(
        kind=AppointmentsTimeline.code,
        at=appointment.starts_at,
        title=f"{appointment.product.name} · {appointment.office.name}",
        url=pk_url("appointments:backoffice-appointment")(appointment.pk),
        status=appointment.get_status_display(),
        is_open=is_open,
        channel=AppointmentsTimeline.channel_of(appointment.channel),
        detail=appointment.reference,
        municipality=appointment.municipality.name,
    )
