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
    open_first,
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
        rows = (
            cases_visible_to(actor=actor)
            .filter(applicant=person)
            .select_related("product", "municipality")
            # what an entry shows (`_entry`), not the answers or the product's texts
            .only(
                "pk",
                "number",
                "status",
                "channel",
                "submitted_at",
                "product",
                "municipality",
                *name_fields("product", "municipality"),
            )
        )
        own = self.own_values(channel)
        if own is not None:
            rows = rows.filter(channel__in=own)
        return [
            _entry(case, is_open)
            for case, is_open in open_first(
                rows, open_when=Q(status__in=OPEN_STATUSES), at="submitted_at", limit=limit
            )
        ]


def _entry(case: Case, is_open: bool) -> TimelineEntry:
    return TimelineEntry(
        kind=CasesTimeline.code,
        at=case.submitted_at,
        title=f"{case.number} · {case.product.name}",
        url=pk_url("cases:detail")(case.pk),
        status=case.get_status_display(),
        is_open=is_open,
        channel=CasesTimeline.channel_of(case.channel),
        municipality=case.municipality.name,
    )
