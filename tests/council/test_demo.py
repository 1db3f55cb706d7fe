"""The council's demo data loads twice without adding anything the second time, and its
published meeting is on the public pages."""

from __future__ import annotations

import pytest
from django.test import Client

from loket.council.demo import council_demo_load
from loket.council.models import AgendaItem, Attendance, GoverningBody, Mandate, Meeting, Vote
from loket.council.workflow import MeetingStatus
from loket.decisions.pki import demo_certificate_ensure
from tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_the_demo_loads_twice_without_adding_anything(client: Client) -> None:
    kortrijk = MunicipalityFactory(nis_code="34022", slug="kortrijk")
    demo_certificate_ensure(kortrijk)

    first = council_demo_load()
    second = council_demo_load()

    assert (first.meetings, second.meetings) == (2, 0)
    assert first.mandates == Mandate.objects.count() == 10
    assert GoverningBody.objects.filter(municipality=kortrijk).count() == 2
    assert sorted(Meeting.objects.values_list("status", flat=True)) == [
        MeetingStatus.AGENDA_PUBLISHED,
        MeetingStatus.PUBLISHED,
    ]
    assert AgendaItem.objects.count() == 7
    assert Vote.objects.filter(casts__isnull=False).distinct().count() == 1
    held = Meeting.objects.get(status=MeetingStatus.PUBLISHED)
    minutes = client.get(f"/kortrijk/bestuur/zittingen/{held.pk}/notulen/").content.decode()
    assert "Aanleg van een nieuw speelplein in Heule" in minutes
    assert "tuchtdossier" not in minutes
    assert Attendance.objects.filter(meeting=held, present=False).count() == 1
    signed = client.get(f"/kortrijk/bestuur/zittingen/{held.pk}/besluitenlijst.pdf")
    assert signed["Content-Type"] == "application/pdf"
