"""A resident's registrations for camps, playgrounds and lessons in their timeline (see
loket.people.timeline): those they made as a parent and those of them as the child. A
registration is open while it holds or waits for a place in a period not yet over."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loket.activities.models import Registration
from loket.activities.selectors import registrations_of_resident
from loket.activities.workflow import ACTIVE_STATUSES
from loket.core.rows import name_fields, pk_url
from loket.people.models import Person
from loket.people.timeline import TIMELINE_SOURCES, TimelineEntry, TimelineSource, open_first
from loket.tenancy.access import Actor
from loket.tenancy.permissions import Permission


@TIMELINE_SOURCES.register
class ActivitiesTimeline(TimelineSource):
    code = "activities"
    label = _("Activity registrations")
    permission = Permission.ACTIVITIES_VIEW
    position = 40

    def entries(
        self, *, actor: Actor, person: Person, channel: str, limit: int
    ) -> list[TimelineEntry]:
        rows = (
            registrations_of_resident(actor=actor, person_id=person.pk)
            .select_related(None)
            .select_related("activity", "period", "child", "municipality")
            # what an entry shows (`_entry`)
            .only(
                "pk",
                "status",
                "created_at",
                "activity",
                "period",
                "child",
                "municipality",
                "activity__title_nl",
                "activity__title_fr",
                "activity__title_en",
                "period__label",
                "child__first_names",
                "child__last_name",
                *name_fields("municipality"),
            )
        )
        still_on = Q(status__in=ACTIVE_STATUSES, period__ends_on__gte=timezone.localdate())
        return [
            _entry(registration, is_open)
            for registration, is_open in open_first(
                rows, open_when=still_on, at="created_at", limit=limit
            )
        ]


def _entry(registration: Registration, is_open: bool) -> TimelineEntry:
    return TimelineEntry(
        kind=ActivitiesTimeline.code,
        at=registration.created_at,
        title=f"{registration.activity.title} · {registration.period.label}",
        url=pk_url("activities:backoffice-period")(registration.period_id),
        status=registration.get_status_display(),
        is_open=is_open,
        detail=registration.child.full_name if registration.child is not None else "",
        municipality=registration.municipality.name,
        asks_purpose=True,
    )
