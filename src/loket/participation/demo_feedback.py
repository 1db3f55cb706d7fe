"""Demo data of satisfaction after a service and of the user panel in Kortrijk: answers
with comments for several departments (so the staff page shows them), an open question for
Sofie (in her messages, with its link), the panel's interests, members, and a test of a new
form with invitees and their outcome. Through the services; idempotent (a service reference
is asked about once, an activity's title is made once)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from loket.notify.after_service import ServiceKind
from loket.participation.models import PanelInterest, PanelMember, ResearchActivity
from loket.participation.panel.services import (
    panel_interest_save,
    panel_join,
    research_activity_create,
    research_invite,
    research_outcome_record,
)
from loket.participation.services import satisfaction_answer, satisfaction_invite
from loket.people.models import Person
from loket.tenancy.access import Actor, actor_for_resident
from loket.tenancy.models import Department

SATISFACTION = (
    (ServiceKind.CASE, "parking-card", "Bewonerskaart (parkeren)", 5, "Snel en duidelijk, dank u!"),
    (ServiceKind.REPORT, "pothole", "Put in de weg", 4, "Netjes hersteld, wel na drie weken."),
    (
        ServiceKind.APPOINTMENT,
        "identity-card",
        "Identiteitskaart",
        2,
        "Lang gewacht aan het loket.",
    ),
    (ServiceKind.CONTACT_QUESTION, "", "", 5, ""),
    (
        ServiceKind.CASE,
        "residence-certificate",
        "Attest van woonst",
        3,
        "Het formulier was onduidelijk.",
    ),
    (
        ServiceKind.REPORT,
        "street-light",
        "Straatverlichting",
        1,
        "Nog altijd donker in onze straat.",
    ),
)
INTERESTS = (
    ("Nieuwe formulieren testen", "Tester de nouveaux formulaires", "Testing new forms"),
    ("Website en app", "Site web et application", "Website and app"),
    ("Mobiliteit", "Mobilité", "Mobility"),
    ("Toegankelijkheid", "Accessibilité", "Accessibility"),
)
ACTIVITY_TITLE = "Test van het nieuwe verhuisformulier"
OUTCOMES = ("took_part", "declined", "accepted")


def satisfaction_demo_load(*, sofie: Person, neighbours: list[Person]) -> int:
    """Answered questions of neighbours (a week apart from each other is not needed: one
    each) and Sofie's open one. The number of new answers."""
    departments = list(
        Department.objects.filter(municipality_id=sofie.municipality_id).order_by("pk")
    )
    answers = 0
    for index, (kind, code, name, score, comment) in enumerate(SATISFACTION):
        person = neighbours[index % len(neighbours)]
        invitation = satisfaction_invite(
            kind=kind,
            reference=f"demo-{index}",
            municipality_id=person.municipality_id,
            person_id=person.pk,
            department_id=departments[index % len(departments)].pk if departments else None,
            subject_code=code,
            subject_name=name,
            today=timezone.localdate() - dt.timedelta(days=3 + index),
        )
        if invitation is not None:
            satisfaction_answer(invitation=invitation, score=score, comment=comment)
            answers += 1
    satisfaction_invite(
        kind=ServiceKind.CASE,
        reference="demo-sofie",
        municipality_id=sofie.municipality_id,
        person_id=sofie.pk,
        department_id=departments[0].pk if departments else None,
        subject_code="parking-card",
        subject_name="Bewonerskaart (parkeren)",
    )
    return answers


def panel_demo_load(*, manager: Actor, municipality_id: int, neighbours: list[Person]) -> int:
    """The interests, eight members and one form test with three invitees. The number of
    members."""
    for position, (nl, fr, en) in enumerate(INTERESTS):
        if not PanelInterest.objects.filter(municipality_id=municipality_id, name_nl=nl).exists():
            panel_interest_save(
                actor=manager,
                municipality_id=municipality_id,
                name_nl=nl,
                name_fr=fr,
                name_en=en,
                position=position,
            )
    interest_ids = list(
        PanelInterest.objects.filter(municipality_id=municipality_id)
        .order_by("position", "pk")
        .values_list("pk", flat=True)
    )
    members = neighbours[-8:]
    for index, person in enumerate(members):
        panel_join(
            actor=actor_for_resident(person.pk),
            interest_ids=sorted({interest_ids[0], interest_ids[index % len(interest_ids)]}),
        )
    if not ResearchActivity.objects.filter(
        municipality_id=municipality_id, title=ACTIVITY_TITLE
    ).exists():
        activity = research_activity_create(
            actor=manager,
            municipality_id=municipality_id,
            kind="form_test",
            title=ACTIVITY_TITLE,
            description="Een half uur op het stadhuis: u probeert het nieuwe formulier uit.",
        )
        research_invite(
            actor=manager, activity_id=activity.pk, person_ids=[p.pk for p in members[:3]]
        )
        for invitation, outcome in zip(activity.invitations.order_by("pk"), OUTCOMES, strict=False):
            research_outcome_record(
                actor=manager,
                invitation_id=invitation.pk,
                outcome=outcome,
                notes="Vond de knop 'Volgende' niet." if outcome == "took_part" else "",
            )
    return PanelMember.objects.filter(municipality_id=municipality_id).count()
