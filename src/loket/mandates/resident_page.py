"""Whom the resident may act for, with the "acting as" switch, on their own page (see
loket.people.resident_page)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext

from loket.mandates.selectors import mandates_given, representations_of
from loket.people.resident_page import RESIDENT_PAGE_SECTIONS, ResidentPageSection
from loket.tenancy.access import Actor


@RESIDENT_PAGE_SECTIONS.register
class MandatesSection(ResidentPageSection):
    code = "mandates"
    position = 20
    template = "mandates/_section.html"

    def context(self, *, actor: Actor) -> dict[str, Any] | None:
        if actor.person_id is None:
            return None
        return {
            "heading": gettext("Mandates"),
            "representations": representations_of(
                person_id=actor.person_id, today=timezone.localdate()
            ),
            "given": mandates_given(actor=actor).filter(revoked_at__isnull=True).count(),
        }
