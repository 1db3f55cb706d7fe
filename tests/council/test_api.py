"""The council endpoints: the caller's meetings only, another municipality's meeting 404,
moves through the lifecycle with the one error format."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from loket.council.models import Meeting
from loket.council.workflow import MeetingStatus
from loket.tenancy.access import Actor
from tests.council.helpers import Council, meeting_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client: Client, secretary: Any) -> Client:
    client.force_login(secretary)
    return client


def test_without_credentials_the_api_answers_401(client: Client) -> None:
    assert client.get("/api/v1/council/meetings").status_code == 401


def test_the_list_holds_the_callers_meetings_only(
    api: Client,
    secretary_actor: Actor,
    council: Council,
    other_actor: Actor,
    other_municipality: Any,
) -> None:
    from tests.council.helpers import council_make

    mine = meeting_make(secretary_actor, council)
    theirs = meeting_make(other_actor, council_make(other_actor, other_municipality.pk))

    answer = api.get("/api/v1/council/meetings")

    assert answer.status_code == 200
    assert [row["id"] for row in answer.json()["items"]] == [mine.pk]
    assert api.get(f"/api/v1/council/meetings/{theirs.pk}").status_code == 404


def test_a_meeting_with_its_items_and_votes(
    api: Client, secretary_actor: Actor, council: Council
) -> None:
    meeting = meeting_make(secretary_actor, council, status=MeetingStatus.PUBLISHED)

    body = api.get(f"/api/v1/council/meetings/{meeting.pk}").json()

    assert body["status"] == "published"
    assert [item["is_public"] for item in body["items"]] == [True, False]
    assert [v["count_for"] for v in body["items"][0]["votes"]] == [2]


def test_a_move_and_a_refused_move(api: Client, secretary_actor: Actor, council: Council) -> None:
    meeting = meeting_make(secretary_actor, council)
    url = f"/api/v1/council/meetings/{meeting.pk}/transitions"

    moved = api.post(url, {"to_status": "agenda_published"}, content_type="application/json")
    refused = api.post(
        url, {"to_status": "published"}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )

    assert moved.status_code == 200
    assert moved.json()["status"] == "agenda_published"
    assert refused.status_code == 422
    assert refused.json()["error"]["fields"]["to_status"] == [
        "A meeting that is “Agenda published” cannot become “Published”."
    ]
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.AGENDA_PUBLISHED


def test_another_municipalitys_secretary_moves_nothing(
    client: Client, secretary_actor: Actor, council: Council, other_secretary: Any
) -> None:
    meeting = meeting_make(secretary_actor, council)
    client.force_login(other_secretary)

    answer = client.post(
        f"/api/v1/council/meetings/{meeting.pk}/transitions",
        {"to_status": "agenda_published"},
        content_type="application/json",
    )

    assert answer.status_code == 404
    assert answer.json()["error"]["code"] == "not_found"
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.DRAFT
