"""The contact moments with a resident in their timeline (see loket.people.timeline).
A contact moment is a thing that happened, never an open item."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from loket.crm.models import ContactChannel, ContactMoment
from loket.crm.selectors import contact_moments_of_person
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
class ContactsTimeline(TimelineSource):
    code = "contacts"
    label = _("Contact moments")
    permission = Permission.CRM_VIEW
    position = 70
    channels = {
        TimelineChannel.COUNTER: (ContactChannel.COUNTER,),
        TimelineChannel.PHONE: (ContactChannel.PHONE,),
        TimelineChannel.EMAIL: (ContactChannel.EMAIL,),
        TimelineChannel.WEB: (ContactChannel.WEB_FORM,),
        TimelineChannel.CHAT: (ContactChannel.CHAT,),
        TimelineChannel.SOCIAL_MEDIA: (ContactChannel.SOCIAL_MEDIA,),
        TimelineChannel.LETTER: (ContactChannel.LETTER,),
        TimelineChannel.HOME_VISIT: (ContactChannel.HOME_VISIT,),
    }

    def entries(
        self, *, actor: Actor, person: Person, channel: str, limit: int
    ) -> list[TimelineEntry]:
        rows = contact_moments_of_person(actor=actor, person=person)
        own = self.own_values(channel)
        if own is not None:
            rows = rows.filter(channel__in=own)
        return [
            _entry(contact)
            for contact, _open in open_first(rows, open_when=None, at="occurred_at", limit=limit)
        ]


def _entry(contact: ContactMoment) -> TimelineEntry:
    staff = contact.staff_user.get_full_name() if contact.staff_user is not None else ""
    return TimelineEntry(
        kind=ContactsTimeline.code,
        at=contact.occurred_at,
        title=contact.subject,
        url=reverse("crm:detail", args=[contact.pk]),
        status=contact.get_outcome_display(),
        channel=ContactsTimeline.channel_of(contact.channel),
        detail=" · ".join(part for part in (contact.get_direction_display(), staff) if part),
        municipality=contact.municipality.name,
        asks_purpose=True,
    )
