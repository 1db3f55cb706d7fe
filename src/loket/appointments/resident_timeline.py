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
    choice_labels,
    open_first_values,
    related_name,
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
        rows = appointments_visible_to(actor=actor).filter(person=person)
        own = self.own_values(channel)
        if own is not None:
            rows = rows.filter(channel__in=own)
        status = choice_labels(Appointment, "status")
        url = pk_url("appointments:backoffice-appointment")
        return [
            TimelineEntry(
                kind=self.code,
                at=row["starts_at"],
                title=f"{related_name(row, 'product')} · {related_name(row, 'office')}",
                url=url(row["pk"]),
                status=status(row["status"]),
                is_open=is_open,
                channel=self.channel_of(row["channel"]),
                detail=row["reference"],
                municipality=related_name(row, "municipality"),
            )
            # what an entry shows
            for row, is_open in open_first_values(
                rows,
                "pk",
                "status",
                "channel",
                "reference",
                "starts_at",
                *name_fields("product", "office", "municipality"),
                open_when=Q(status=AppointmentStatus.BOOKED),
                at="starts_at",
                limit=limit,
            )
        ]
