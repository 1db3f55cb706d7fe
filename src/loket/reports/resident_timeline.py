"""The reports a resident made, in their timeline (see loket.people.timeline)."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
from loket.reports.models import Report, ReportSource
from loket.reports.selectors import reports_visible_to
from loket.reports.workflow import OPEN_STATUSES
from loket.tenancy.access import Actor
from loket.tenancy.permissions import Permission


@TIMELINE_SOURCES.register
class ReportsTimeline(TimelineSource):
    code = "reports"
    label = gettext_lazy("Reports")
    permission = Permission.REPORTS_VIEW
    position = 20
    channels = {TimelineChannel.WEB: (ReportSource.PORTAL, ReportSource.OPEN311)}

    def entries(
        self, *, actor: Actor, person: Person, channel: str, limit: int
    ) -> list[TimelineEntry]:
        rows = reports_visible_to(actor=actor).filter(reporter_person=person)
        own = self.own_values(channel)
        if own is not None:
            rows = rows.filter(source__in=own)
        status = choice_labels(Report, "status")
        url = pk_url("reports:staff-detail")
        return [
            TimelineEntry(
                kind=self.code,
                at=row["created_at"],
                title=_("Report %(number)s: %(category)s")
                % {"number": row["pk"], "category": related_name(row, "category")},
                url=url(row["pk"]),
                status=status(row["status"]),
                is_open=is_open,
                channel=self.channel_of(row["source"]),
                municipality=related_name(row, "municipality"),
            )
            # what an entry shows
            for row, is_open in open_first_values(
                rows,
                "pk",
                "status",
                "source",
                "created_at",
                *name_fields("category", "municipality"),
                open_when=Q(status__in=OPEN_STATUSES),
                at="created_at",
                limit=limit,
            )
        ]
