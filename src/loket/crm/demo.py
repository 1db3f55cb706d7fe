"""Demo data of contact moments: a few contacts with the well-known demo residents, at the
counter, on the phone, by e-mail, by chat and at home, recorded by the demo clerks.

`crm_demo_load()` runs after the tenants, staff, residents and requests exist; idempotent:
a contact that is there already (same resident, same summary) is not recorded again.
Everything goes through the service, like a clerk would.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils import timezone

from loket.accounts.models import User
from loket.cases.selectors import cases_visible_to
from loket.crm.models import ContactChannel, ContactDirection, ContactMoment, ContactOutcome
from loket.crm.services import ContactInput, contact_moment_record
from loket.people.models import Person
from loket.tenancy.access import actor_for_user


@dataclass(frozen=True)
class DemoContact:
    resident: str  # featured person key
    clerk: str  # username
    channel: str
    days_ago: int
    summary: str
    product: str = ""
    topic: str = ""
    direction: str = ContactDirection.INBOUND
    outcome: str = ContactOutcome.ANSWERED
    minutes: int | None = None
    with_request: bool = False  # linked to the resident's first request, if any


DEMO_CONTACTS = (
    DemoContact(
        "sofie",
        "kortrijk.clerk",
        ContactChannel.PHONE,
        2,
        "Vroeg hoe ver haar aanvraag staat; uitgelegd dat de dienst ze deze week behandelt.",
        product="residence-certificate",
        minutes=6,
        with_request=True,
    ),
    DemoContact(
        "sofie",
        "kortrijk.clerk",
        ContactChannel.COUNTER,
        9,
        "Identiteitskaart verloren. Afspraak gemaakt om een nieuwe aan te vragen.",
        product="eid-card",
        outcome=ContactOutcome.APPOINTMENT,
        minutes=12,
    ),
    DemoContact(
        "thomas",
        "kortrijk.clerk",
        ContactChannel.EMAIL,
        20,
        "Klacht over lawaai van een werf 's nachts. Doorgestuurd naar de dienst omgeving.",
        topic="Lawaai van een werf",
        outcome=ContactOutcome.REFERRED,
    ),
    DemoContact(
        "marie",
        "menen.clerk",
        ContactChannel.PHONE,
        4,
        "Teruggebeld over de ontbrekende bijlage; geen antwoord, morgen opnieuw.",
        topic="Ontbrekende bijlage bij de aanvraag",
        direction=ContactDirection.OUTBOUND,
        outcome=ContactOutcome.NOT_REACHED,
        minutes=2,
    ),
    DemoContact(
        "godelieve",
        "menen.clerk",
        ContactChannel.HOME_VISIT,
        15,
        "Huisbezoek: samen de aanvraag voor vervoer door de Minder Mobielen Centrale ingevuld.",
        product="mobility-service-seniors",
        direction=ContactDirection.OUTBOUND,
        outcome=ContactOutcome.REGISTERED,
        minutes=45,
    ),
    DemoContact(
        "camille",
        "brussel.clerk",
        ContactChannel.COUNTER,
        1,
        "Attestation de résidence imprimée et remise au guichet.",
        product="residence-certificate",
        minutes=8,
    ),
    DemoContact(
        "youssef",
        "brussel.clerk",
        ContactChannel.CHAT,
        6,
        "A demandé les heures d'ouverture du service population le samedi.",
        topic="Heures d'ouverture",
    ),
)


def crm_demo_load(*, residents: Mapping[str, str]) -> int:
    """Record the demo contacts that are not there yet; returns how many were recorded.
    `residents` gives the national number of each demo resident by key ("sofie" …)."""
    recorded = 0
    now = timezone.now()
    for spec in DEMO_CONTACTS:
        person = Person.objects.filter(national_number=residents.get(spec.resident, "")).first()
        user = User.objects.filter(username=spec.clerk).first()
        if person is None or user is None:
            continue
        if ContactMoment.objects.filter(person=person, summary=spec.summary).exists():
            continue
        actor = actor_for_user(user)
        request = (
            cases_visible_to(actor=actor)
            .filter(applicant=person, municipality_id=person.municipality_id)
            .order_by("submitted_at", "pk")
            .values_list("pk", flat=True)
            .first()
            if spec.with_request
            else None
        )
        contact_moment_record(
            actor=actor,
            contact=ContactInput(
                channel=spec.channel,
                summary=spec.summary,
                direction=spec.direction,
                outcome=spec.outcome,
                person_id=person.pk,
                product_code=spec.product,
                topic=spec.topic,
                duration_minutes=spec.minutes,
                case_id=request,
                occurred_at=now - dt.timedelta(days=spec.days_ago, hours=1),
            ),
        )
        recorded += 1
    return recorded


def suggestions_demo_load(*, residents: Mapping[str, str]) -> int:
    """Identity cards with an end date for every demo resident of 12 or older who has none
    (spread over ten years, so about one in sixty ends within two months; Sofie's ends in
    five weeks), then the proactive service's run of today. Idempotent; returns how many
    suggestions the run made."""
    from django.db import connection

    from loket.crm.proactive import suggestions_refresh

    today = timezone.localdate()
    sofie = residents.get("sofie", "")
    Person.objects.filter(national_number=sofie, id_card_expires_on__isnull=True).update(
        id_card_expires_on=today + dt.timedelta(days=35)
    )
    twelve = today.replace(year=today.year - 12, day=min(today.day, 28))
    with connection.cursor() as cursor:
        # The day in the next ten years from the id (a fixed spread, the same every load).
        cursor.execute(
            f"UPDATE {Person._meta.db_table} SET id_card_expires_on = %s::date + "
            "((id * 7919) %% 3650)::int "
            "WHERE id_card_expires_on IS NULL AND birth_date <= %s",
            [today, twelve],
        )
    return sum(suggestions_refresh(today=today).made.values())
