"""The messages sent to a resident, in their timeline (see loket.people.timeline)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from loket.core.rows import name_fields, pk_url
from loket.notify.events import UnknownEvent, event_get
from loket.notify.models import Notification
from loket.notify.selectors import notifications_of_person
from loket.people.models import Channel, Person
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
class MessagesTimeline(TimelineSource):
    code = "messages"
    label = _("Messages sent")
    permission = Permission.NOTIFY_VIEW
    position = 80
    channels = {
        TimelineChannel.EMAIL: (Channel.EMAIL,),
        TimelineChannel.SMS: (Channel.SMS,),
        TimelineChannel.INBOX: (Channel.PORTAL,),
        TimelineChannel.LETTER: (Channel.LETTER,),
        TimelineChannel.EBOX: (Channel.EBOX,),
    }

    def entries(
        self, *, actor: Actor, person: Person, channel: str, limit: int
    ) -> list[TimelineEntry]:
        rows = notifications_of_person(actor=actor, person=person)
        own = self.own_values(channel)
        if own is not None:
            rows = rows.filter(channel__in=own)
        status = choice_labels(Notification, "status")
        url = pk_url("notify:message-detail")
        return [
            TimelineEntry(
                kind=self.code,
                at=row["created_at"],
                title=row["subject"] or _event_label(row["event"]),
                url=url(row["pk"]),
                status=status(row["status"]),
                channel=self.channel_of(row["channel"]),
                municipality=related_name(row, "municipality"),
                asks_purpose=True,
            )
            # what an entry shows
            for row, _open in open_first_values(
                rows,
                "pk",
                "status",
                "channel",
                "event",
                "subject",
                "created_at",
                *name_fields("municipality"),
                open_when=None,
                at="created_at",
                limit=limit,
            )
        ]


def _event_label(code: str) -> str:
    try:
        return str(event_get(code).label)
    except UnknownEvent:
        return code
