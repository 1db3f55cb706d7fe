"""The council's demo data loads twice without adding anything the second time: Kortrijk
has two published meetings and an upcoming one, every other municipality two published
meetings in its own language; the published meetings are on the public pages and in the
decisions search."""

from __future__ import annotations

import pytest
from django.test import Client

from loket.council.demo import council_demo_load
from loket.council.models import (
    AgendaItem,
    Attendance,
    GoverningBody,
    Mandate,
    Meeting,
    Member,
    Vote,
)
from loket.council.workflow import MeetingStatus
from loket.decisions.pki import demo_certificate_ensure
from loket.tenancy.permissions import Role
from tests.factories import MunicipalityFactory, staff_member

pytestmark = pytest.mark.django_db


def test_the_demo_loads_twice_without_adding_anything(client: Client) -> None:
    kortrijk = MunicipalityFactory(nis_code="34022", slug="kortrijk")
    elsene = MunicipalityFactory(nis_code="21009", slug="elsene", official_languages="fr,nl")
    for municipality in (kortrijk, elsene):
        demo_certificate_ensure(municipality)
    councillor = staff_member(kortrijk, Role.COUNCILLOR, username="kortrijk.councillor")

    first = council_demo_load()
    second = council_demo_load()

    assert (first.meetings, second.meetings) == (5, 0)
    assert first.mandates == Mandate.objects.count() == 15
    assert GoverningBody.objects.filter(municipality=kortrijk).count() == 2
    assert sorted(
        Meeting.objects.filter(municipality=kortrijk).values_list("status", flat=True)
    ) == [MeetingStatus.AGENDA_PUBLISHED, MeetingStatus.PUBLISHED, MeetingStatus.PUBLISHED]
    assert list(Meeting.objects.filter(municipality=elsene).values_list("status", flat=True)) == [
        MeetingStatus.PUBLISHED,
        MeetingStatus.PUBLISHED,
    ]
    assert AgendaItem.objects.filter(municipality=kortrijk).count() == 10
    assert Vote.objects.filter(casts__isnull=False).distinct().count() == 1
    assert Member.objects.get(user=councillor).last_name == "Maes"
    held = Meeting.objects.filter(municipality=kortrijk, status=MeetingStatus.PUBLISHED).latest(
        "planned_start"
    )
    minutes = client.get(f"/kortrijk/bestuur/zittingen/{held.pk}/notulen/").content.decode()
    assert "Aanleg van een nieuw speelplein in Heule" in minutes
    assert "tuchtdossier" not in minutes
    assert Attendance.objects.filter(meeting=held, present=False).count() == 1
    signed = client.get(f"/kortrijk/bestuur/zittingen/{held.pk}/besluitenlijst.pdf")
    assert signed["Content-Type"] == "application/pdf"
    page = client.get(f"/kortrijk/bestuur/zittingen/{held.pk}/").content.decode()
    assert held.recording_url.startswith("https://www.youtube.com/@stadkortrijk/")
    assert f'href="{held.recording_url}"' in page
    french = client.get("/elsene/bestuur/besluiten/", {"q": "cyclables"}).content.decode()
    assert "Aménagement d&#x27;une rue cyclable au centre" in french
    assert "disciplinaire" not in client.get("/elsene/bestuur/besluiten/").content.decode()
