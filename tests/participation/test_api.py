"""The ideas endpoints: what staff and integrations of a municipality read and change."""

from __future__ import annotations

import pytest
from django.test import Client

from loket.participation.models import Idea
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.factories import staff_member

pytestmark = pytest.mark.django_db


def _client(municipality: Municipality, role: Role = Role.CLERK) -> Client:
    client = Client()
    client.force_login(staff_member(municipality, role))
    return client


def test_staff_list_and_read_the_ideas_of_their_municipality(
    published_idea: Idea, submitted_idea: Idea, municipality: Municipality
) -> None:
    client = _client(municipality)

    listed = client.get("/api/v1/ideas", {"status": "submitted"}).json()
    read = client.get(f"/api/v1/ideas/{published_idea.pk}").json()

    assert [item["id"] for item in listed["items"]] == [submitted_idea.pk]
    assert (read["status"], read["public_status"], read["supporters"]) == (
        "published",
        "under_review",
        0,
    )


def test_the_public_status_moves_through_the_api(
    published_idea: Idea, municipality: Municipality
) -> None:
    client = _client(municipality)

    refused = client.post(
        f"/api/v1/ideas/{published_idea.pk}/status",
        {"to_status": "declined"},
        content_type="application/json",
    )
    moved = client.post(
        f"/api/v1/ideas/{published_idea.pk}/status",
        {"to_status": "planned"},
        content_type="application/json",
    )

    assert refused.status_code == 422
    assert moved.status_code == 200
    assert moved.json()["public_status"] == "planned"


def test_another_municipalitys_idea_is_not_found(
    published_idea: Idea, other_municipality: Municipality
) -> None:
    client = _client(other_municipality, Role.MUNICIPAL_ADMIN)

    assert client.get(f"/api/v1/ideas/{published_idea.pk}").status_code == 404
    response = client.post(
        f"/api/v1/ideas/{published_idea.pk}/status",
        {"to_status": "planned"},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert client.get("/api/v1/ideas").json()["items"] == []
    published_idea.refresh_from_db()
    assert published_idea.public_status == "under_review"


def test_without_the_permission_the_list_is_refused(municipality: Municipality) -> None:
    assert _client(municipality, Role.DISPATCHER).get("/api/v1/ideas").status_code == 403
