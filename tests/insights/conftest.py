"""A municipality with a known month of activity on every channel, for the dashboards."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from loket.appointments.models import Appointment
from loket.cases.models import Case
from loket.crm.models import ContactMoment
from loket.insights.figures import figures_refresh
from loket.participation.models import (
    SatisfactionAnswer,
    SatisfactionInvitation,
    SurveyAnswer,
    SurveyArea,
)
from loket.queue.models import Ticket
from loket.reports.models import Category, Report
from loket.tenancy.access import Actor
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.cases.helpers import certificate_request
from tests.catalog.helpers import catalog_product
from tests.factories import PersonFactory, staff_member
from tests.queue.helpers import desk_make, office_make, queue_make

MARCH = dt.date(2026, 3, 1)


def at(day: int, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime(2026, 3, day, hour))


@pytest.fixture(autouse=True)
def _documents(settings: Any, tmp_path: Path) -> None:
    settings.LOKET_DOCUMENT_STORAGE = "local"
    settings.LOKET_DOCUMENT_STORAGE_DIR = tmp_path / "documents"


def activity_make(municipality: Municipality, resident_actor: Actor, resident: Any) -> None:
    """In March 2026: 6 contact moments (2 phone, 2 counter, 1 e-mail, 1 home visit) and 4
    online requests (so 5 digital of 10 contacts), 3 of them decided on time and 1 late; 2
    reports closed (4 and 10 days); 12 tickets called (10 within 5 minutes); 5 appointments
    (1 missed); 12 survey answers averaging 7.5, 10 of them naming "Parken"; 11 answers to
    the question after a service (8 times 5, 3 times 2)."""
    for channel in ("phone", "phone", "counter", "counter", "email", "home_visit"):
        ContactMoment.objects.create(
            municipality=municipality,
            channel=channel,
            direction="inbound",
            person=resident,
            topic="Afvalophaling",
            summary="Vraag over de afvalophaling",
            outcome="answered",
            occurred_at=at(10),
        )
    catalog_product("residence-certificate")
    cases = [
        certificate_request(actor=resident_actor, municipality=municipality, applicant=resident)
        for _ in range(4)
    ]
    for n, case in enumerate(cases):
        Case.objects.filter(pk=case.pk).update(
            submitted_at=at(2),
            due_date=dt.date(2026, 3, 20),
            decided_at=at(5) if n < 3 else at(25),
            channel="portal",
        )
    category = Category.objects.create(
        region=municipality.region,
        code="zwerfvuil",
        name_nl="Zwerfvuil",
        name_fr="Déchets",
        name_en="Litter",
    )
    for days in (4, 10):
        Report.objects.create(
            region=municipality.region,
            municipality=municipality,
            category=category,
            description="Zakken naast de glasbol",
            latitude=50.82,
            longitude=3.26,
            source="backoffice",
            status="closed",
            created_at=at(1),
            closed_at=at(1 + days),
            due_at=at(8),
        )
    office = office_make(municipality)
    queue = queue_make(office)
    for k in range(12):
        taken = at(3, 9)
        Ticket.objects.create(
            municipality=municipality,
            office=office,
            queue=queue,
            day=MARCH.replace(day=3),
            sequence=k + 1,
            code=f"A{k + 1}",
            status="done",
            channel="kiosk",
            taken_at=taken,
            called_at=taken + dt.timedelta(minutes=2 if k < 10 else 12),
        )
    product = catalog_product("eid-card")
    desk = desk_make(office, "Loket 1")
    for n in range(5):
        Appointment.objects.create(
            municipality=municipality,
            office=office,
            desk=desk,
            product=product,
            reference=uuid.uuid4().hex[:12],
            starts_at=at(4 + n),
            ends_at=at(4 + n, 11),
            status="no_show" if n == 0 else "held",
            channel="online",
            name="Inwoner",
            holder_key=uuid.uuid4().hex,
        )
    parks = SurveyArea.objects.create(
        municipality=municipality, name_nl="Parken", name_fr="Parcs", name_en="Parks"
    )
    for n in range(12):
        SurveyAnswer.objects.create(
            municipality=municipality,
            period_start=MARCH,
            score=7 if n % 2 else 8,
            area_ids=[parks.pk] if n < 10 else [],
        )
    for n in range(11):
        invitation = SatisfactionInvitation.objects.create(
            municipality=municipality,
            person=PersonFactory(municipality=municipality),
            service_kind="case",
            service_reference=f"satisfaction-{n}",
            invited_on=MARCH,
            window=(MARCH, MARCH + dt.timedelta(days=7)),
        )
        SatisfactionAnswer.objects.create(
            invitation=invitation,
            municipality=municipality,
            service_kind="case",
            score=5 if n < 8 else 2,
            comment="Vriendelijk geholpen" if n < 8 else "",
            answered_on=MARCH.replace(day=12),
        )


@pytest.fixture
def activity(municipality: Municipality, resident_actor: Actor, resident: Any) -> None:
    activity_make(municipality, resident_actor, resident)


@pytest.fixture
def admin_client(municipality: Municipality) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(staff_member(municipality, Role.MUNICIPAL_ADMIN, preferred_language="en"))
    return client


@pytest.fixture
def figures(activity: None) -> None:
    figures_refresh()
