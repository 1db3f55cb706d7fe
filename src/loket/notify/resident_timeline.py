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
    open_first,
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
        rows = notifications_of_person(actor=actor, person=person).only(
            # what an entry shows (`_entry`)
            "pk",
            "status",
            "channel",
            "event",
            "subject",
            "created_at",
            "municipality",
            *name_fields("municipality"),
        )
        own = self.own_values(channel)
        if own is not None:
            rows = rows.filter(channel__in=own)
        return [
            _entry(notification)
            for notification, _open in open_first(
                rows, open_when=None, at="created_at", limit=limit
            )
        ]


def _event_label(code: str) -> str:
    try:
        return str(event_get(code).label)
    except UnknownEvent:
        return code


def _entry(notification: Notification) -> TimelineEntry:
    return TimelineEntry(
        kind=MessagesTimeline.code,
        at=notification.created_at,
        title=notification.subject or _event_label(notification.event),
        url=pk_url("notify:message-detail")(notification.pk),
        status=notification.get_status_display(),
        channel=MessagesTimeline.channel_of(notification.channel),
        municipality=notification.municipality.name,
        asks_purpose=True,
    )
