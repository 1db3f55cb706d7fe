"""The queue's demo data: two queues in the offices of the first demo municipalities and a
live queue of waiting tickets (and a few served today, so estimates have history).

Idempotent: queues are keyed by office and letter, tickets are only added to an office that
has none today. Offices and desks come from loket.appointments; while its demo does not
make them, a town hall office with two desks is set up per municipality here (through the
appointments tables; to be replaced by its services).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from loket.appointments.models import Desk, Office, OpeningHours
from loket.queue.models import Queue, Ticket, TicketChannel
from loket.queue.services import ticket_take
from loket.tenancy.access import ANONYMOUS
from loket.tenancy.models import Municipality

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


def _office(municipality: Municipality) -> Office:
    office = Office.objects.filter(municipality=municipality).order_by("pk").first()
    if office is not None:
        return office
    office = Office.objects.create(
        municipality=municipality,
        name_nl=f"Stadhuis {municipality.name_nl}",
        name_fr=f"Hôtel de ville {municipality.name_fr}",
        name_en=f"Town hall {municipality.name_en or municipality.name_nl}",
        address_street="Markt 1",
        address_postal_code="8500",
        address_locality=municipality.name_nl,
        closed_on_public_holidays=False,
    )
    for weekday in range(7):  # the demo's hall is always open
        OpeningHours.objects.create(
            office=office, weekday=weekday, opens_at=dt.time(0, 0), closes_at=dt.time(23, 59, 59)
        )
    for name in ("Balie 1", "Balie 2"):
        Desk.objects.create(municipality=municipality, office=office, name=name)
    return office


@transaction.atomic
def queue_demo_load() -> QueueDemoResult:
    result = QueueDemoResult()
    today = timezone.localdate()
    for municipality in Municipality.objects.order_by("pk")[:DEMO_MUNICIPALITIES]:
        office = _office(municipality)
        result.offices += 1
        queues = []
        for position, (letter, nl, fr, en) in enumerate(QUEUES):
            queue, _ = Queue.objects.get_or_create(
                office=office,
                letter=letter,
                defaults={
                    "municipality": municipality,
                    "name_nl": nl,
                    "name_fr": fr,
                    "name_en": en,
                    "position": position,
                },
            )
            queues.append(queue)
        if Ticket.objects.filter(office=office, day=today).exists():
            continue
        now = timezone.now()
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
