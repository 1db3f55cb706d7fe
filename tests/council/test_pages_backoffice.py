"""The secretary's pages: a meeting from its creation to its publication through the
forms; a role without the permission is refused (403); the secretary of another
municipality gets 404 on every page of this municipality's objects, and nothing is
written."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from loket.council.models import AgendaItem, Mandate, Meeting, MeetingEvent, Vote
from loket.council.workflow import MeetingStatus
from loket.documents.models import Document
from loket.tenancy.access import Actor, actor_for_resident
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.cases.conftest import png_bytes
from tests.cases.helpers import certificate_request
from tests.catalog.helpers import catalog_product
from tests.council.helpers import Council, meeting_make
from tests.factories import PersonFactory, staff_member
from tests.security.writes import table_writes, writes_between

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client: Client, secretary: Any) -> Client:
    client.force_login(secretary)
    return client


def test_a_meeting_from_creation_to_publication(
    signed_in: Client, council: Council, municipality: Municipality
) -> None:
    catalog_product("residence-certificate")
    applicant = PersonFactory(municipality=municipality)
    case = certificate_request(
        actor=actor_for_resident(applicant.pk), municipality=municipality, applicant=applicant
    )

    answer = signed_in.post(
        "/backoffice/bestuur/zittingen/nieuw/",
        {"body": council.body.pk, "planned_start": "2026-04-20T20:00", "location": "Raadzaal"},
    )
    meeting = Meeting.objects.get(body=council.body)
    assert answer.status_code == 302
    assert answer["Location"] == f"/backoffice/bestuur/zittingen/{meeting.pk}/"
    assert meeting.chair == council.mandates[0]
    page = f"/backoffice/bestuur/zittingen/{meeting.pk}/"
    answer = signed_in.post(
        page,
        {
            "title": "Terrace permit",
            "draft_decision": "The college grants\r\nthe permit.",
            "is_public": "on",
            "case_number": case.number,
        },
    )
    assert answer.status_code == 302
    item = AgendaItem.objects.get(meeting=meeting)
    assert (item.case_id, item.draft_decision) == (case.pk, "The college grants\nthe permit.")
    answer = signed_in.post(
        f"/backoffice/bestuur/punten/{item.pk}/bijlagen/",
        {"title": "Plan", "file": SimpleUploadedFile("plan.png", png_bytes(), "image/png")},
    )
    assert answer.status_code == 302
    assert Document.objects.filter(owner_type="council_item", owner_id=item.pk).count() == 1
    for target in (MeetingStatus.AGENDA_PUBLISHED, MeetingStatus.HELD):
        answer = signed_in.post(f"{page}status/", {"to_status": target})
        assert answer.status_code == 302
    answer = signed_in.post(
        f"/backoffice/bestuur/punten/{item.pk}/behandeling/",
        {
            "held_in_public": "on",
            "decision_title": "Permit granted",
            "decision_text": "The permit is granted.",
        },
    )
    assert answer.status_code == 302
    chair, mayor, councillor = council.mandates
    answer = signed_in.post(
        f"/backoffice/bestuur/punten/{item.pk}/stemmingen/",
        {
            "subject": "The permit",
            "outcome": "adopted",
            f"cast_{chair.pk}": "for",
            f"cast_{mayor.pk}": "for",
            f"cast_{councillor.pk}": "against",
        },
    )
    assert answer.status_code == 302
    vote = Vote.objects.get(item=item)
    assert (vote.count_for, vote.count_against, vote.count_abstain) == (2, 1, 0)
    for target in (MeetingStatus.DECISIONS_RECORDED, MeetingStatus.PUBLISHED):
        assert signed_in.post(f"{page}status/", {"to_status": target}).status_code == 302

    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PUBLISHED
    shown = signed_in.get(page).content.decode()
    assert case.number in shown
    assert "Permit granted" in shown
    public = (
        Client()
        .get(f"/{municipality.slug}/bestuur/zittingen/{meeting.pk}/notulen/")
        .content.decode()
    )
    assert "Permit granted" in public


def test_a_refused_step_shows_why_and_changes_nothing(
    signed_in: Client, secretary_actor: Actor, council: Council
) -> None:
    meeting = meeting_make(secretary_actor, council, status=MeetingStatus.HELD)

    answer = signed_in.post(
        f"/backoffice/bestuur/zittingen/{meeting.pk}/status/",
        {"to_status": MeetingStatus.DECISIONS_RECORDED},
    )

    assert answer.status_code == 400
    assert (
        "Record the treatment and decision of every agenda item first." in answer.content.decode()
    )
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.HELD


def test_an_unknown_case_number_is_an_error_on_the_form(
    signed_in: Client, secretary_actor: Actor, council: Council
) -> None:
    meeting = meeting_make(secretary_actor, council)

    answer = signed_in.post(
        f"/backoffice/bestuur/zittingen/{meeting.pk}/",
        {"title": "Something", "case_number": "NOWHERE-2026-000001"},
    )

    assert answer.status_code == 400
    assert "There is no case with this number." in answer.content.decode()
    assert AgendaItem.objects.filter(meeting=meeting).count() == 2


def test_a_mandate_is_added_with_a_new_party(signed_in: Client, council: Council) -> None:
    answer = signed_in.post(
        f"/backoffice/bestuur/organen/{council.body.pk}/",
        {
            "first_name": "Dana",
            "last_name": "Nieuwkomer",
            "role": "councillor",
            "new_party": "Oranje Straat",
            "starts_on": "2025-01-01",
        },
    )

    assert answer.status_code == 302
    mandate = Mandate.objects.get(member__last_name="Nieuwkomer")
    assert (mandate.body_id, mandate.party.name if mandate.party else "") == (
        council.body.pk,
        "Oranje Straat",
    )


def test_a_clerk_without_the_permission_is_refused(
    client: Client, municipality: Municipality, council: Council
) -> None:
    client.force_login(staff_member(municipality, Role.CLERK))

    assert client.get("/backoffice/bestuur/").status_code == 403
    assert client.get(f"/backoffice/bestuur/organen/{council.body.pk}/").status_code == 403


def _every_page(
    meeting: Meeting, item: AgendaItem, council: Council
) -> list[tuple[str, str, dict[str, Any]]]:
    chair = council.mandates[0]
    return [
        ("get", f"/backoffice/bestuur/organen/{council.body.pk}/", {}),
        (
            "post",
            f"/backoffice/bestuur/organen/{council.body.pk}/",
            {"first_name": "X", "last_name": "Y", "role": "councillor", "starts_on": "2025-01-01"},
        ),
        ("get", f"/backoffice/bestuur/zittingen/{meeting.pk}/", {}),
        ("post", f"/backoffice/bestuur/zittingen/{meeting.pk}/", {"title": "Intruder"}),
        (
            "post",
            f"/backoffice/bestuur/zittingen/{meeting.pk}/status/",
            {"to_status": MeetingStatus.DECISIONS_RECORDED},
        ),
        (
            "post",
            f"/backoffice/bestuur/zittingen/{meeting.pk}/aanwezigheden/",
            {"present": [chair.pk]},
        ),
        ("get", f"/backoffice/bestuur/punten/{item.pk}/", {}),
        ("post", f"/backoffice/bestuur/punten/{item.pk}/dossier/", {"case_number": "X"}),
        (
            "post",
            f"/backoffice/bestuur/punten/{item.pk}/bijlagen/",
            {"title": "Plan", "file": SimpleUploadedFile("plan.png", png_bytes(), "image/png")},
        ),
        (
            "post",
            f"/backoffice/bestuur/punten/{item.pk}/behandeling/",
            {"held_in_public": "on", "decision_title": "X", "decision_text": "X"},
        ),
        (
            "post",
            f"/backoffice/bestuur/punten/{item.pk}/stemmingen/",
            {"subject": "X", "outcome": "adopted", f"cast_{chair.pk}": "for"},
        ),
    ]


def test_another_municipalitys_secretary_gets_404_everywhere_and_writes_nothing(
    client: Client, secretary_actor: Actor, council: Council, other_secretary: Any
) -> None:
    meeting = meeting_make(secretary_actor, council, status=MeetingStatus.HELD)
    item = AgendaItem.objects.filter(meeting=meeting).order_by("position")[0]
    client.force_login(other_secretary)
    events = MeetingEvent.objects.count()

    for method, url, data in _every_page(meeting, item, council):
        before = table_writes()
        answer = getattr(client, method)(url, data)
        assert (url, answer.status_code) == (url, 404)
        written = {
            key: n
            for key, n in writes_between(before, table_writes()).items()
            if not key[0].startswith("django_session")
        }
        assert written == {}, url

    assert MeetingEvent.objects.count() == events
    assert not Vote.objects.filter(item=item).exists()
    assert AgendaItem.objects.get(pk=item.pk).treated_at is None


def test_another_municipalitys_meetings_are_not_listed_and_its_bodies_not_offered(
    client: Client, secretary_actor: Actor, council: Council, other_secretary: Any
) -> None:
    meeting = meeting_make(secretary_actor, council)
    client.force_login(other_secretary)

    listing = client.get("/backoffice/bestuur/").content.decode()
    form = client.get("/backoffice/bestuur/zittingen/nieuw/").content.decode()
    refused = client.post(
        "/backoffice/bestuur/zittingen/nieuw/",
        {"body": council.body.pk, "planned_start": "2026-04-20T20:00"},
    )

    assert f"/zittingen/{meeting.pk}/" not in listing
    assert f'value="{council.body.pk}"' not in form
    assert refused.status_code == 400
    assert Meeting.objects.count() == 1


def test_the_attendance_is_recorded_from_the_meeting_page(
    signed_in: Client, secretary_actor: Actor, council: Council
) -> None:
    from loket.council.models import Attendance

    meeting = meeting_make(secretary_actor, council, status=MeetingStatus.HELD)
    chair, mayor, councillor = council.mandates

    answer = signed_in.post(
        f"/backoffice/bestuur/zittingen/{meeting.pk}/aanwezigheden/",
        {"present": [chair.pk, councillor.pk]},
    )

    assert answer.status_code == 302
    assert dict(
        Attendance.objects.filter(meeting=meeting).values_list("mandate_id", "present")
    ) == {chair.pk: True, mayor.pk: False, councillor.pk: True}
    page = signed_in.get(f"/backoffice/bestuur/zittingen/{meeting.pk}/").content.decode()
    assert f'value="{councillor.pk}" checked' in page


@pytest.mark.parametrize("status", list(MeetingStatus))
def test_the_meeting_and_item_pages_open_at_every_step(
    signed_in: Client, secretary_actor: Actor, council: Council, status: str
) -> None:
    meeting = meeting_make(secretary_actor, council, status=status)
    item = AgendaItem.objects.filter(meeting=meeting).order_by("position")[0]

    page = signed_in.get(f"/backoffice/bestuur/zittingen/{meeting.pk}/")
    item_page = signed_in.get(f"/backoffice/bestuur/punten/{item.pk}/")
    listing = signed_in.get("/backoffice/bestuur/")
    body_page = signed_in.get(f"/backoffice/bestuur/organen/{council.body.pk}/")

    assert [page.status_code, item_page.status_code, listing.status_code] == [200, 200, 200]
    assert body_page.status_code == 200
    assert ("Record the vote" in item_page.content.decode()) is (status == MeetingStatus.HELD)
    assert ("Add the item" in page.content.decode()) is (status == MeetingStatus.DRAFT)
