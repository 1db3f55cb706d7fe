"""The requests made for a resident's child, on the child's page (see
loket.people.resident_page)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from loket.cases.selectors import requests_of_resident
from loket.people.models import Person
from loket.people.resident_page import CHILD_PAGE_SECTIONS, ChildPageSection
from loket.tenancy.access import Actor

SHOWN = 20


@CHILD_PAGE_SECTIONS.register
class ChildRequestsSection(ChildPageSection):
    code = "requests"
    position = 10
    template = "cases/portal/_child_requests.html"

    def context(self, *, actor: Actor, child: Person) -> dict[str, Any] | None:
        cases = list(
            requests_of_resident(actor=actor)
            .filter(applicant=child)
            .select_related("submitted_by_person")[:SHOWN]
        )
        return {"heading": gettext("Requests for your child"), "cases": cases}
