"""The staff page of a case lists the agenda items it is on, for staff who may read the
council's back office; a clerk who reads the case but not the council sees no such list."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from loket.council.services import agenda_item_add, meeting_create
from loket.tenancy.access import Actor, actor_for_resident
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.cases.helpers import certificate_request
from tests.catalog.helpers import catalog_product
from tests.council.helpers import PLANNED, Council
from tests.factories import PersonFactory, staff_member

pytestmark = pytest.mark.django_db


def test_the_case_page_links_to_its_agenda_item_for_council_staff_only(
    client: Client,
    secretary: Any,
    secretary_actor: Actor,
    council: Council,
    municipality: Municipality,
) -> None:
    catalog_product("residence-certificate")
    applicant = PersonFactory(municipality=municipality)
    case = certificate_request(
        actor=actor_for_resident(applicant.pk), municipality=municipality, applicant=applicant
    )
    meeting = meeting_create(actor=secretary_actor, body_id=council.body.pk, planned_start=PLANNED)
    item = agenda_item_add(
        actor=secretary_actor, meeting_id=meeting.pk, title="Verkoop perceel", case_id=case.pk
    )
    link = f'href="/backoffice/bestuur/punten/{item.pk}/"'

    client.force_login(secretary)
    for_secretary = client.get(f"/backoffice/dossiers/{case.pk}/")
    client.force_login(staff_member(municipality, Role.CLERK))
    for_clerk = client.get(f"/backoffice/dossiers/{case.pk}/")

    assert for_secretary.status_code == 200
    assert link in for_secretary.content.decode()
    assert "Verkoop perceel" in for_secretary.content.decode()
    assert for_clerk.status_code == 200
    assert link not in for_clerk.content.decode()
