"""Fidus, the Brussels regional service integrator (Paradigm): the same plugin interface.

Fidus publishes no message formats; they are handed to a participating public service at
onboarding (docs/interop.md, "Fidus"). Until a connector is written from them, this source
answers every lookup with "service unavailable", so that forms fall back to manual entry.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from loket.people.authentic_sources import (
    AuthenticSource,
    PersonRecord,
    SourceUnavailable,
    authentic_source_register,
)


@authentic_source_register
class FidusSource(AuthenticSource):
    """Placeholder for the Brussels service integrator: no published formats yet."""

    code = "fidus"
    label = _("National register (through Fidus)")

    def person_lookup(self, national_number: str) -> PersonRecord | None:
        raise SourceUnavailable("Fidus: no connector until the onboarding formats are known")

    def persons_at_address(
        self, *, postal_code: str, street_code: str, house_number: str
    ) -> list[PersonRecord]:
        raise SourceUnavailable("Fidus: no connector until the onboarding formats are known")
