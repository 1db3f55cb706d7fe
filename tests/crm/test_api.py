"""The contact moments API and the resident's timeline in one call: 401/403/404/422 in the
one error format, another municipality's ids in the path and in the body refused exactly
like unknown ones (nothing written), the access log for reads of personal data."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from loket.accounts.services import api_client_create
from loket.audit.models import AccessLogEntry
from loket.crm.models import ContactMoment
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.crm.helpers import Resident, resident_build
from tests.factories import PersonFactory, staff_member

pytestmark = pytest.mark.django_db

MISSING = 987_654_321


@pytest.fixture(scope="module")
def sofie(django_db_setup: object, django_db_blocker: object) -> Iterator[Resident]:
    with django_db_blocker.unblock(), transaction.atomic():  # type: ignore[attr-defined]
        yield resident_build()
        transaction.set_rollback(True)


def _integration(municipality: Municipality) -> Client:
    _, token = api_client_create(
        name="Contact centre", region=municipality.region, municipality=municipality
    )
    return Client(headers={"Authorization": f"Bearer {token}", "Accept-Language": "en"})


def _post(client: Client, body: dict[str, Any]) -> Any:
    return client.post("/api/v1/contact-moments", json.dumps(body), content_type="application/json")


def _call(**extra: Any) -> dict[str, Any]:
    return {
        "channel": "phone",
        "summary": "Asked about the opening hours.",
        "topic": "Hours",
        **extra,
    }


def test_an_integration_records_a_contact_moment(sofie: Resident) -> None:
    client = _integration(sofie.place.kortrijk)

    response = _post(
        client,
        _call(
            person_id=sofie.person.pk,
            product_code="eid-card",
            case_id=sofie.case.pk,
            duration_minutes=4,
            channel="chat",
        ),
    )

    assert response.status_code == 201, response.content
    body = response.json()
    contact = ContactMoment.objects.get(pk=body["id"])
    assert body["municipality_nis_code"] == "34022"
    assert (body["person_id"], body["product_code"], body["case_id"]) == (
        sofie.person.pk,
        "eid-card",
        sofie.case.pk,
    )
    assert (body["channel"], body["summary"], body["recorded_by"]) == (
        "chat",
        "Asked about the opening hours.",
        "Contact centre",
    )
    assert contact.api_client is not None


@pytest.mark.parametrize(
    ("field", "foreign", "message"),
    [
        ("person_id", "menen_person", "There is no such resident among those you may see."),
        ("case_id", "menen_case", "There is no such request in this municipality."),
        ("report_id", "menen_report", "There is no such report in this municipality."),
        (
            "payment_request_id",
            "menen_payment",
            "There is no such payment request in this municipality.",
        ),
    ],
)
def test_another_municipalitys_id_in_the_body_answers_like_an_unknown_one(
    sofie: Resident, field: str, foreign: str, message: str
) -> None:
    client = _integration(sofie.place.kortrijk)
    foreign_id = (
        PersonFactory(municipality=sofie.place.menen).pk
        if foreign == "menen_person"
        else getattr(sofie, foreign).pk
    )
    before = ContactMoment.objects.count()

    answers = [_post(client, _call(**{field: value})) for value in (foreign_id, MISSING)]

    assert [answer.status_code for answer in answers] == [422, 422]
    bodies = [answer.json() for answer in answers]
    assert bodies[0] == bodies[1]
    assert bodies[0]["error"]["code"] == "validation_error"
    assert bodies[0]["error"]["fields"] == {field: [message]}
    assert ContactMoment.objects.count() == before


def test_a_municipality_the_caller_does_not_record_for_answers_like_an_unknown_one(
    sofie: Resident,
) -> None:
    client = _integration(sofie.place.kortrijk)

    answers = [_post(client, _call(municipality_nis_code=code)) for code in ("34027", "99999")]

    assert [answer.status_code for answer in answers] == [422, 422]
    assert answers[0].json() == answers[1].json()
    assert answers[0].json()["error"]["fields"] == {
        "municipality_nis_code": ["Choose one of the municipalities you record contacts for."]
    }


@pytest.mark.parametrize(
    "when", ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59-23:59", "2010-05-01T10:00:00"]
)
def test_far_off_moments_are_refused_not_a_server_error(sofie: Resident, when: str) -> None:
    response = _post(_integration(sofie.place.kortrijk), _call(occurred_at=when))

    assert response.status_code == 422
    assert list(response.json()["error"]["fields"]) == ["occurred_at"]


def test_a_body_without_subject_is_refused(sofie: Resident) -> None:
    response = _post(_integration(sofie.place.kortrijk), _call(topic=""))

    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {
        "topic": ["Say what the contact was about: a product or a topic."]
    }


def test_the_list_leaves_out_summaries_and_other_municipalities(sofie: Resident) -> None:
    client = _integration(sofie.place.kortrijk)

    mine = client.get("/api/v1/contact-moments", {"person_id": sofie.person.pk}).json()
    foreign = client.get("/api/v1/contact-moments", {"person_id": MISSING}).json()

    assert [item["id"] for item in mine["items"]] == [sofie.contact.pk]
    assert "summary" not in mine["items"][0]
    assert foreign["items"] == []
    assert sofie.menen_contact.pk not in [item["id"] for item in mine["items"]]


def test_one_contact_moment_is_read_for_a_purpose(sofie: Resident) -> None:
    client = _integration(sofie.place.kortrijk)
    url = f"/api/v1/contact-moments/{sofie.contact.pk}"

    without = client.get(url)
    read = client.get(url, {"purpose": "integration"})

    assert without.status_code == 422
    assert read.status_code == 200
    assert read.json()["summary"] == sofie.contact.summary
    assert list(
        AccessLogEntry.objects.filter(person=sofie.person).values_list("what", "channel")
    ) == [("contact moment", "api")]


def test_another_municipalitys_contact_moment_answers_404(sofie: Resident) -> None:
    client = _integration(sofie.place.kortrijk)

    answers = [
        client.get(f"/api/v1/contact-moments/{pk}", {"purpose": "integration"})
        for pk in (sofie.menen_contact.pk, MISSING)
    ]

    assert [answer.status_code for answer in answers] == [404, 404]
    assert answers[0].json() == answers[1].json()
    assert not AccessLogEntry.objects.exists()


def test_the_api_asks_who_is_calling_and_what_they_may_do(sofie: Resident) -> None:
    privacy = Client()
    privacy.force_login(staff_member(sofie.place.kortrijk, Role.PRIVACY_OFFICER))

    assert Client().get("/api/v1/contact-moments").status_code == 401
    assert privacy.get("/api/v1/contact-moments").status_code == 403
    assert _post(privacy, _call()).status_code == 403
    assert Client().get(f"/api/v1/residents/{sofie.person.pk}/timeline").status_code == 401


def test_the_timeline_is_one_call_for_staff_with_the_360_view(sofie: Resident) -> None:
    client = Client(headers={"Accept-Language": "en"})
    client.force_login(sofie.clerk)

    response = client.get(
        f"/api/v1/residents/{sofie.person.pk}/timeline", {"purpose": "phone_call", "limit": 200}
    )

    assert response.status_code == 200
    entries = response.json()
    assert {entry["kind"] for entry in entries} == {
        "cases",
        "reports",
        "appointments",
        "activities",
        "reservations",
        "payments",
        "contacts",
        "contact_questions",
        "home_visits",
        "suggestions",
        "messages",
    }
    assert f"/backoffice/dossiers/{sofie.case.pk}/" in [entry["url"] for entry in entries]
    assert f"/backoffice/dossiers/{sofie.menen_case.pk}/" not in [e["url"] for e in entries]
    opens = [entry["is_open"] for entry in entries]
    assert opens == sorted(opens, reverse=True)
    assert list(
        AccessLogEntry.objects.filter(person=sofie.person).values_list("what", "purpose")
    ) == [("resident timeline", "phone_call")]


def test_the_timeline_filters_by_kind_and_channel(sofie: Resident) -> None:
    client = Client()
    client.force_login(sofie.clerk)
    url = f"/api/v1/residents/{sofie.person.pk}/timeline"

    by_kind = client.get(url, {"purpose": "phone_call", "kind": ["contacts", "cases"]}).json()
    by_channel = client.get(url, {"purpose": "phone_call", "channel": "phone"}).json()

    assert {entry["kind"] for entry in by_kind} == {"contacts", "cases"}
    assert [entry["kind"] for entry in by_channel] == ["contact_questions", "contacts"]


def test_the_timeline_of_another_municipalitys_resident_answers_404(sofie: Resident) -> None:
    stranger = PersonFactory(municipality=sofie.place.menen)
    client = Client()
    client.force_login(sofie.clerk)

    answers = [
        client.get(f"/api/v1/residents/{pk}/timeline", {"purpose": "phone_call"})
        for pk in (stranger.pk, MISSING)
    ]

    assert [answer.status_code for answer in answers] == [404, 404]
    assert not AccessLogEntry.objects.exists()


def test_integrations_do_not_get_the_timeline(sofie: Resident) -> None:
    response = _integration(sofie.place.kortrijk).get(
        f"/api/v1/residents/{sofie.person.pk}/timeline", {"purpose": "integration"}
    )

    assert response.status_code == 403
    assert not AccessLogEntry.objects.exists()
