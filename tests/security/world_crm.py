"""The contact moments part of the isolation matrix's world: a contact moment of the
victim municipality with the victim, pointing at her request, and the reference of her
appointment (what staff type in the quick-capture form)."""

from __future__ import annotations

from dataclasses import dataclass, field

from loket.appointments.models import Appointment
from loket.cases.models import Case
from loket.crm.models import ContactChannel, Suggestion, SuggestionRule
from loket.crm.services import ContactInput, contact_moment_record
from loket.people.models import Person
from loket.tenancy.access import Actor


@dataclass
class CrmWorld:
    victim: dict[str, str] = field(default_factory=dict)
    secrets: list[str] = field(default_factory=list)


def crm_world(*, actor: Actor, victim: Person, case: Case, appointment_id: str) -> CrmWorld:
    summary = "Veerle belde: haar kaart is gestolen, aangifte gedaan bij de politie."
    contact = contact_moment_record(
        actor=actor,
        contact=ContactInput(
            channel=ContactChannel.PHONE,
            summary=summary,
            person_id=victim.pk,
            topic="Gestolen identiteitskaart",
            case_id=case.pk,
        ),
    )
    reference = Appointment.objects.get(pk=appointment_id).reference
    # A suggestion of the proactive service to the victim (what the nightly run makes).
    suggestion = Suggestion.objects.create(
        municipality_id=victim.municipality_id,
        person=victim,
        product=case.product,
        rule=SuggestionRule.RELATED,
        occasion=f"case:{case.pk}",
        occasion_on=case.submitted_at.date(),
    )
    return CrmWorld(
        victim={
            "contact_moment": str(contact.pk),
            "appointment_reference": reference,
            "suggestion": str(suggestion.pk),
        },
        secrets=[summary, "Gestolen identiteitskaart"],
    )
