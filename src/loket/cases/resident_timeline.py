"""The resident's requests in their timeline (see loket.people.timeline)."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from loket.cases.models import Case, CaseChannel
from loket.cases.selectors import cases_visible_to
from loket.cases.workflow import OPEN_STATUSES
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
class CasesTimeline(TimelineSource):
    code = "cases"
    label = _("Requests")
    permission = Permission.CASES_VIEW
    position = 10
    channels = {
        TimelineChannel.WEB: (CaseChannel.PORTAL,),
        TimelineChannel.COUNTER: (CaseChannel.COUNTER,),
        TimelineChannel.PHONE: (CaseChannel.PHONE,),
        TimelineChannel.API: (CaseChannel.API,),
    }

    def entries(
        self, *, actor: Actor, person: Person, channel: str, limit: int
    ) -> list[TimelineEntry]:
        rows = cases_visible_to(actor=actor).filter(applicant=person)
        own = self.own_values(channel)
        if own is not None:
            rows = rows.filter(channel__in=own)
        status = choice_labels(Case, "status")
        url = pk_url("cases:detail")
        return [
            TimelineEntry(
                kind=self.code,
                at=row["submitted_at"],
                title=f"{row['number']} · {related_name(row, 'product')}",
                url=url(row["pk"]),
                status=status(row["status"]),
                is_open=is_open,
                channel=self.channel_of(row["channel"]),
                municipality=related_name(row, "municipality"),
            )
            # what an entry shows, not the answers or the product's texts
            for row, is_open in open_first_values(
                rows,
                "pk",
                "number",
                "status",
                "channel",
                "submitted_at",
                *name_fields("product", "municipality"),
                open_when=Q(status__in=OPEN_STATUSES),
                at="submitted_at",
                limit=limit,
            )
        ]
