"""The activities API: browse, register (idempotent, refusals in the one error format),
"my registrations", cancel, accept, and staff reads scoped to their municipalities."""

from __future__ import annotations

import pytest
from django.test import Client

from loket.activities.models import Registration
from loket.identity.services import SESSION_KEY
from loket.tenancy.permissions import Role
from tests.activities.helpers import activity_with_period, family
from tests.factories import staff_member

pytestmark = pytest.mark.django_db
URL = "/api/v1/activities/registrations"


def _parent_client(person) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    session = client.session
    session[SESSION_KEY] = person.pk
    session.save()
    return client


def _post(client: Client, body: dict[str, object], key: str = "key-1"):  # type: ignore[no-untyped-def]
    return client.post(URL, body, content_type="application/json", headers={"Idempotency-Key": key})


def test_browse_published_activities_without_signing_in(municipality):  # type: ignore[no-untyped-def]
    activity, period = activity_with_period(municipality, capacity=3)
    activity_with_period(municipality, title="Hidden", is_published=False)

    listing = Client().get("/api/v1/activities", {"municipality_nis_code": municipality.nis_code})
    detail = Client().get(f"/api/v1/activities/{activity.pk}")

    assert listing.status_code == 200
    assert [item["title"] for item in listing.json()["items"]] == ["Sportkamp"]
    assert detail.json()["periods"] == [
        {
            "id": period.pk,
            "label": "Week 1",
            "starts_on": "2030-07-01",
            "ends_on": "2030-07-05",
            "capacity": 3,
            "places_left": 3,
            "waiting": 0,
        }
    ]


def test_register_then_retry_returns_the_same_registration(municipality):  # type: ignore[no-untyped-def]
    _activity, period = activity_with_period(municipality, capacity=1)
    parent, (child,) = family(municipality)
    client = _parent_client(parent)

    first = _post(client, {"period_id": period.pk, "child_id": child.pk})
    again = _post(client, {"period_id": period.pk, "child_id": child.pk})

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert first.json()["status"] == "confirmed"
    assert first.json()["price_cents"] == 8000
    assert Registration.objects.count() == 1


def test_a_refusal_is_clear_and_changes_nothing(municipality):  # type: ignore[no-untyped-def]
    _activity, period = activity_with_period(municipality)
    parent, (child,) = family(municipality, child_age=15)

    response = _parent_client(parent).post(
        URL,
        {"period_id": period.pk, "child_id": child.pk},
        content_type="application/json",
        headers={"Idempotency-Key": "k", "Accept-Language": "fr"},
    )

    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {
        "child_id": ["Cette activité est destinée aux enfants de 12 ans au plus."]
    }
    assert Registration.objects.count() == 0


def test_another_household_child_answers_404(municipality):  # type: ignore[no-untyped-def]
    _activity, period = activity_with_period(municipality)
    parent, _kids = family(municipality, name="Own")
    _other, (other_child,) = family(municipality, name="Other")

    response = _post(_parent_client(parent), {"period_id": period.pk, "child_id": other_child.pk})

    assert response.status_code == 404
    assert Registration.objects.count() == 0


def test_cancel_offers_the_place_and_the_next_accepts(municipality):  # type: ignore[no-untyped-def]
    _activity, period = activity_with_period(municipality, capacity=1)
    first_parent, (first,) = family(municipality, name="A")
    second_parent, (second,) = family(municipality, name="B")
    holder = _post(_parent_client(first_parent), {"period_id": period.pk, "child_id": first.pk})
    waiting = _post(_parent_client(second_parent), {"period_id": period.pk, "child_id": second.pk})
    assert waiting.json()["waiting_rank"] == 1

    cancelled = _parent_client(first_parent).post(f"{URL}/{holder.json()['id']}/cancel")
    refused = _parent_client(first_parent).post(f"{URL}/{waiting.json()['id']}/accept")
    accepted = _parent_client(second_parent).post(f"{URL}/{waiting.json()['id']}/accept")
    mine = _parent_client(second_parent).get(f"{URL}/mine")

    assert cancelled.json()["status"] == "cancelled"
    assert refused.status_code == 404
    assert accepted.json()["status"] == "confirmed"
    assert [item["status"] for item in mine.json()["items"]] == ["confirmed"]


def test_staff_of_another_municipality_get_404_for_the_period(municipality, other_municipality):  # type: ignore[no-untyped-def]
    _activity, period = activity_with_period(municipality)
    own = Client()
    own.force_login(staff_member(municipality, Role.CLERK))
    other = Client()
    other.force_login(staff_member(other_municipality, Role.MUNICIPAL_ADMIN))

    assert own.get(f"/api/v1/activities/periods/{period.pk}/registrations").status_code == 200
    assert other.get(f"/api/v1/activities/periods/{period.pk}/registrations").status_code == 404


def _staff_post(
    client: Client, period_id: int, body: dict[str, object], key: str = "k1", **headers
):  # type: ignore[no-untyped-def]
    return client.post(
        f"/api/v1/activities/periods/{period_id}/registrations",
        body,
        content_type="application/json",
        headers={"Idempotency-Key": key, **headers},
    )


def test_a_clerk_registers_a_child_for_a_parent_through_the_api(municipality):  # type: ignore[no-untyped-def]
    from loket.activities.models import RegistrationEvent

    _activity, period = activity_with_period(municipality, capacity=1)
    parent, [child] = family(municipality)
    clerk = staff_member(municipality, Role.CLERK)
    client = Client()
    client.force_login(clerk)
    body = {"parent_id": parent.pk, "child_id": child.pk, "channel": "phone"}

    first = _staff_post(client, period.pk, body)
    again = _staff_post(client, period.pk, body)

    assert first.status_code == 201, first.content
    assert first.json()["channel"] == "phone"
    assert first.json()["status"] == "confirmed"
    assert (again.status_code, again.json()["id"]) == (200, first.json()["id"])
    registration = Registration.objects.get()
    assert (registration.parent_id, registration.child_id) == (parent.pk, child.pk)
    assert RegistrationEvent.objects.get(registration=registration).actor_user_id == clerk.pk


def test_staff_registration_refuses_what_is_out_of_reach_and_writes_nothing(  # type: ignore[no-untyped-def]
    municipality, other_municipality
):
    _activity, period = activity_with_period(municipality)
    parent, [child] = family(municipality)
    stranger, [stranger_child] = family(other_municipality, name="Janssens")
    _other_activity, other_period = activity_with_period(other_municipality)
    client = Client()
    client.force_login(staff_member(municipality, Role.CLERK))
    resident = _parent_client(parent)

    answers = [
        # A parent of another municipality, by id in the body: like an id nobody has.
        _staff_post(
            client,
            period.pk,
            {"parent_id": stranger.pk, "child_id": stranger_child.pk, "channel": "counter"},
        ),
        _staff_post(
            client, period.pk, {"parent_id": 999999, "child_id": child.pk, "channel": "counter"}
        ),
        # A child that is not the parent's.
        _staff_post(
            client,
            period.pk,
            {"parent_id": parent.pk, "child_id": stranger_child.pk, "channel": "counter"},
        ),
        # A period of another municipality.
        _staff_post(
            client,
            other_period.pk,
            {"parent_id": parent.pk, "child_id": child.pk, "channel": "counter"},
        ),
    ]
    assert [answer.status_code for answer in answers] == [404, 404, 404, 404]
    assert answers[0].json() == answers[1].json()
    # Only counter or phone; a resident may not use the staff endpoint.
    online = _staff_post(
        client, period.pk, {"parent_id": parent.pk, "child_id": child.pk, "channel": "online"}
    )
    assert online.status_code == 422
    by_resident = _staff_post(
        resident, period.pk, {"parent_id": parent.pk, "child_id": child.pk, "channel": "counter"}
    )
    assert by_resident.status_code == 403
    assert Registration.objects.count() == 0


def test_the_municipality_counter_system_registers_with_its_token(municipality):  # type: ignore[no-untyped-def]
    from loket.accounts.services import api_client_create

    _activity, period = activity_with_period(municipality)
    parent, [child] = family(municipality)
    _api_client, token = api_client_create(
        name="Counter system", region=municipality.region, municipality=municipality
    )
    answer = _staff_post(
        Client(),
        period.pk,
        {"parent_id": parent.pk, "child_id": child.pk, "channel": "counter"},
        Authorization=f"Bearer {token}",
    )
    assert answer.status_code == 201, answer.content
    assert Registration.objects.get().channel == "counter"
