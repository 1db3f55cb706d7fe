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
    open_first,
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
        rows = (
            reports_visible_to(actor=actor)
            .filter(reporter_person=person)
            .select_related("category", "municipality")
            .only(
                "pk",
                "status",
                "source",
                "created_at",
                "category",
                "municipality",
                *name_fields("category", "municipality"),
            )
        )
        own = self.own_values(channel)
        if own is not None:
            rows = rows.filter(source__in=own)
        return [
            _entry(report, is_open)
            for report, is_open in open_first(
                rows, open_when=Q(status__in=OPEN_STATUSES), at="created_at", limit=limit
            )
        ]


def _entry(report: Report, is_open: bool) -> TimelineEntry:
    return TimelineEntry(
        kind=ReportsTimeline.code,
        at=report.created_at,
        title=_("Report %(number)s: %(category)s")
        % {"number": report.pk, "category": report.category.name},
        url=pk_url("reports:staff-detail")(report.pk),
        status=report.get_status_display(),
        is_open=is_open,
        channel=ReportsTimeline.channel_of(report.source),
        municipality=report.municipality.name,
    )
