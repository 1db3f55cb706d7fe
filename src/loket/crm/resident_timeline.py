"""The contact moments with a resident, the suggestions made to them, their home visits and
their questions for the contact centre, in their timeline (see loket.people.timeline). A
contact moment is a thing that happened, never an open item; an open suggestion, a planned
visit and an open question are open items."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loket.core.rows import name_fields, pk_url
from loket.crm.contact_centre.selectors import contact_questions_visible_to
from loket.crm.contact_centre.workflow import OPEN_STATUSES, QuestionChannel
from loket.crm.models import (
    ContactChannel,
    ContactMoment,
    HomeVisit,
    HomeVisitStatus,
    Suggestion,
    SuggestionStatus,
)
from loket.crm.outreach import home_visits_visible_to
from loket.crm.selectors import contact_moments_of_person, suggestions_visible_to
from loket.crm.texts import suggestion_reason
from loket.people.models import Person
from loket.people.timeline import (
    TIMELINE_SOURCES,
    TimelineChannel,
    TimelineEntry,
    TimelineSource,
    choice_labels,
    open_first,
    open_first_values,
    related_name,
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
        outcome = choice_labels(ContactMoment, "outcome")
        direction = choice_labels(ContactMoment, "direction")
        url = pk_url("crm:detail")
        return [
            TimelineEntry(
                kind=self.code,
                at=row["occurred_at"],
                title=_subject(row),
                url=url(row["pk"]),
                status=outcome(row["outcome"]),
                channel=self.channel_of(row["channel"]),
                detail=" · ".join(
                    part for part in (direction(row["direction"]), _staff_name(row)) if part
                ),
                municipality=related_name(row, "municipality"),
                asks_purpose=True,
            )
            # what an entry shows (its subject is the product and the topic)
            for row, _open in open_first_values(
                rows,
                "pk",
                "topic",
                "product",
                *name_fields("product"),
                "outcome",
                "channel",
                "direction",
                "occurred_at",
                "staff_user",
                "staff_user__first_name",
                "staff_user__last_name",
                *name_fields("municipality"),
                open_when=None,
                at="occurred_at",
                limit=limit,
            )
        ]


def _subject(row: Mapping[str, Any]) -> str:
    """`ContactMoment.subject` from the row's values."""
    topic = str(row["topic"] or "")
    if row["product"] is None:
        return topic
    product = related_name(row, "product")
    return f"{product} — {topic}" if topic else product


def _staff_name(row: Mapping[str, Any]) -> str:
    """`User.get_full_name()` of the staff member who recorded it ("" without one)."""
    if row["staff_user"] is None:
        return ""
    return f"{row['staff_user__first_name']} {row['staff_user__last_name']}".strip()


@TIMELINE_SOURCES.register
class SuggestionsTimeline(TimelineSource):
    """What the proactive service suggests to the resident (loket.crm.proactive): open
    suggestions are open items, so they come first in the 360° view."""

    code = "suggestions"
    label = _("Suggestions")
    permission = Permission.CRM_VIEW
    position = 75
    channels: ClassVar[Mapping[str, Sequence[str]]] = {}

    def entries(
        self, *, actor: Actor, person: Person, channel: str, limit: int
    ) -> list[TimelineEntry]:
        rows = (
            suggestions_visible_to(actor=actor)
            .filter(person=person)
            .select_related("product", "municipality")
            # what an entry shows (`_suggestion_entry`), not the municipality's details
            .only(
                "pk",
                "status",
                "rule",
                "occasion_on",
                "created_at",
                "product",
                "municipality",
                *name_fields("product", "municipality"),
            )
        )
        return [
            _suggestion_entry(suggestion, is_open)
            for suggestion, is_open in open_first(
                rows, open_when=Q(status=SuggestionStatus.OPEN), at="created_at", limit=limit
            )
        ]


def _suggestion_entry(suggestion: Suggestion, is_open: bool) -> TimelineEntry:
    return TimelineEntry(
        kind=SuggestionsTimeline.code,
        at=suggestion.created_at,
        title=suggestion.product.name_in(),
        url=pk_url("crm:suggestion")(suggestion.pk),
        status=suggestion.get_status_display(),
        is_open=is_open,
        detail=suggestion_reason(suggestion),
        municipality=suggestion.municipality.name,
    )


@TIMELINE_SOURCES.register
class OutreachTimeline(TimelineSource):
    """Home visits (planned ones are open items) in the 360° view; the visit itself, once
    made, is a contact moment on the home-visit channel."""

    code = "home_visits"
    label = _("Home visits")
    permission = Permission.CRM_VIEW
    position = 72
    channels: ClassVar[Mapping[str, Sequence[str]]] = {}

    def entries(
        self, *, actor: Actor, person: Person, channel: str, limit: int
    ) -> list[TimelineEntry]:
        rows = home_visits_visible_to(actor=actor).filter(person=person)
        status = choice_labels(HomeVisit, "status")
        url = pk_url("crm:visit")
        return [
            TimelineEntry(
                kind=self.code,
                at=timezone.make_aware(
                    dt.datetime.combine(row["planned_on"], row["planned_time"] or dt.time(9))
                ),
                title=row["topic"],
                url=url(row["pk"]),
                status=status(row["status"]),
                is_open=is_open,
                municipality=related_name(row, "municipality"),
            )
            # what an entry shows
            for row, is_open in open_first_values(
                rows,
                "pk",
                "planned_on",
                "planned_time",
                "topic",
                "status",
                *name_fields("municipality"),
                open_when=Q(status=HomeVisitStatus.PLANNED),
                at="planned_on",
                limit=limit,
            )
        ]


@TIMELINE_SOURCES.register
class ContactQuestionsTimeline(TimelineSource):
    """The resident's questions and callback requests for the contact centre (open ones are
    open items), as the queue shows them: a question transferred to another municipality
    is that municipality's."""

    code = "contact_questions"
    label = _("Contact-centre questions")
    permission = Permission.CRM_HANDLE_QUESTIONS
    position = 71
    channels = {
        TimelineChannel.COUNTER: (QuestionChannel.COUNTER,),
        TimelineChannel.PHONE: (QuestionChannel.PHONE,),
        TimelineChannel.EMAIL: (QuestionChannel.EMAIL,),
        TimelineChannel.WEB: (QuestionChannel.WEB_FORM,),
        TimelineChannel.CHAT: (QuestionChannel.ASSISTANT,),
        TimelineChannel.LETTER: (QuestionChannel.LETTER,),
    }

    def entries(
        self, *, actor: Actor, person: Person, channel: str, limit: int
    ) -> list[TimelineEntry]:
        rows = contact_questions_visible_to(actor=actor).filter(person=person)
        own = self.own_values(channel)
        if own is not None:
            rows = rows.filter(channel__in=own)
        return [
            TimelineEntry(
                kind=self.code,
                at=question.created_at,
                title=question.question,
                url=pk_url("crm:contact-question")(question.pk),
                status=question.get_status_display(),
                is_open=is_open,
                channel=self.channel_of(question.channel),
                detail=question.get_kind_display(),
                municipality=question.municipality.name,
            )
            for question, is_open in open_first(
                rows.select_related("municipality"),
                open_when=Q(status__in=sorted(OPEN_STATUSES)),
                at="created_at",
                limit=limit,
            )
        ]
