"""The queue's demo data: two queues in the first office of the first demo municipalities
and, in those open now, a live queue of waiting tickets.

Idempotent: queues are keyed by office and letter, tickets are only added to an office that
has none today. Offices and desks come from loket.appointments (its demo runs first); a
municipality without an office gets a town hall with two desks through its services, open
around the clock. An office that is closed when the demo is loaded gets its queues but no
tickets (loading it again during opening hours adds them).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from loket.appointments.models import Office
from loket.appointments.services import desk_create, office_create, opening_hours_set
from loket.queue.models import Ticket, TicketChannel
from loket.queue.selectors import office_is_open
from loket.queue.services import queue_save, ticket_take
from loket.tenancy.access import ANONYMOUS, Actor, ActorKind
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission

DEMO_MUNICIPALITIES = 3
QUEUES = (
    (
        "A",
        "Identiteitskaarten en paspoorten",
        "Cartes d'identité et passeports",
        "Identity cards and passports",
    ),
    ("B", "Attesten en uittreksels", "Certificats et extraits", "Certificates and extracts"),
)
WAITING_PER_OFFICE = 7


@dataclass
class QueueDemoResult:
    offices: int = 0
    tickets: int = 0
    closed_now: int = 0


def _administrator(municipality: Municipality) -> Actor:
    """The demo's set-up acts as the municipality's administrator would."""
    grants = frozenset({municipality.pk})
    return Actor(
        kind=ActorKind.STAFF,
        municipality_grants={
            Permission.APPOINTMENTS_MANAGE: grants,
            Permission.QUEUE_VIEW: grants,
            Permission.QUEUE_MANAGE: grants,
        },
    )


def _office(actor: Actor, municipality: Municipality) -> Office:
    office = Office.objects.filter(municipality=municipality).order_by("pk").first()
    if office is not None:
        return office
    office = office_create(
        actor=actor,
        municipality=municipality,
        name_nl=f"Stadhuis {municipality.name_nl}",
        name_fr=f"Hôtel de ville {municipality.name_fr}",
        name_en=f"Town hall {municipality.name_en or municipality.name_nl}",
        address_street="Markt 1",
        address_postal_code="8500",
        address_locality=municipality.name_nl,
        closed_on_public_holidays=False,
    )
    opening_hours_set(
        actor=actor,
        office=office,
        periods=[(weekday, dt.time(0, 0), dt.time(23, 59, 59)) for weekday in range(7)],
    )
    for name in ("Balie 1", "Balie 2"):
        desk_create(actor=actor, office=office, name=name)
    return office


@transaction.atomic
def queue_demo_load() -> QueueDemoResult:
    result = QueueDemoResult()
    today = timezone.localdate()
    for municipality in Municipality.objects.order_by("pk")[:DEMO_MUNICIPALITIES]:
        actor = _administrator(municipality)
        office = _office(actor, municipality)
        result.offices += 1
        queues = [
            queue_save(
                actor=actor,
                office_id=office.pk,
                letter=letter,
                name_nl=nl,
                name_fr=fr,
                name_en=en,
                position=position,
            )
            for position, (letter, nl, fr, en) in enumerate(QUEUES)
        ]
        if Ticket.objects.filter(office=office, day=today).exists():
            continue
        now = timezone.now()
        if not all(
            office_is_open(office=office, moment=now - dt.timedelta(minutes=minutes))
            for minutes in (25, 0)
        ):
            result.closed_now += 1
            continue
        for index in range(WAITING_PER_OFFICE):
            ticket_take(
                actor=ANONYMOUS,
                office=office,
                queue_id=queues[index % 3 == 2].pk,
                channel=TicketChannel.KIOSK if index % 2 else TicketChannel.PHONE,
                priority=index == 4,
                now=now - dt.timedelta(minutes=3 * (WAITING_PER_OFFICE - index)),
            )
            result.tickets += 1
    return result
