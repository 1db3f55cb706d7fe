"""The resident's open suggestions on their own page (see loket.people.resident_page)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from loket.crm.selectors import suggestions_open_of_person
from loket.crm.texts import suggestion_reason
from loket.people.resident_page import RESIDENT_PAGE_SECTIONS, ResidentPageSection
from loket.tenancy.access import Actor

SHOWN = 10


@RESIDENT_PAGE_SECTIONS.register
class SuggestionsSection(ResidentPageSection):
    code = "suggestions"
    position = 10
    template = "crm/portal/_suggestions.html"

    def context(self, *, actor: Actor) -> dict[str, Any] | None:
        if actor.person_id is None:
            return None
        suggestions = list(
            suggestions_open_of_person(actor=actor, person_id=actor.person_id)[:SHOWN]
        )
        if not suggestions:
            return None
        return {
            "heading": gettext("This may also be useful to you"),
            "items": [(suggestion, suggestion_reason(suggestion)) for suggestion in suggestions],
        }
