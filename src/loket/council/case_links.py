"""The agenda items a case is on, for the staff page of the case (see
loket.cases.case_links): only those the staff member may open in the council's back
office (`council.view` in the case's municipality)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext

from loket.cases.case_links import CASE_LINK_SOURCES, CaseLink, CaseLinkSource
from loket.cases.models import Case
from loket.council.selectors import items_of_case_visible
from loket.tenancy.access import Actor


@CASE_LINK_SOURCES.register
class AgendaItemLinks(CaseLinkSource):
    code = "council_agenda_items"
    position = 10

    def links(self, *, actor: Actor, case: Case) -> list[CaseLink]:
        return [
            CaseLink(
                label=gettext("Agenda item %(position)s. %(title)s")
                % {"position": item.position, "title": item.title},
                url=reverse("council:backoffice-item", args=[item.pk]),
                detail=f"{item.meeting.body.get_kind_display()}, "
                f"{date_format(localtime(item.meeting.planned_start), 'DATE_FORMAT')} · "
                f"{item.meeting.get_status_display()}",
            )
            for item in items_of_case_visible(actor=actor, case_id=case.pk)
        ]
