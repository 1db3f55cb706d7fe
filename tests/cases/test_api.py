from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from loket.accounts.services import api_client_create
from loket.audit.models import AccessLogEntry
from loket.cases.models import Case, CaseMessage, CaseNote, CaseTask
from loket.cases.workflow import CaseStatus
from loket.catalog.models import Product
from loket.identity.services import SESSION_KEY
from loket.people.models import Person
from loket.tenancy.access import actor_for_resident
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.cases.conftest import png_bytes
from tests.cases.helpers import CERTIFICATE_ANSWERS, certificate_request
from tests.factories import PersonFactory, staff_member


def _token_client(municipality: Municipality, role: Role = Role.INTEGRATION) -> Client:
    _, token = api_client_create(
        name="Case system", region=municipality.region, municipality=municipality, role=role
    )
    return Client(headers={"Authorization": f"Bearer {token}"})


@pytest.fixture
def integration(municipality: Municipality) -> Client:
    return _token_client(municipality)


def _payload(municipality: Municipality, resident: Person, **extra: Any) -> dict[str, Any]:
    return {
        "municipality_nis_code": municipality.nis_code,
        "product_code": "residence-certificate",
        "applicant_national_number": resident.national_number,
        "answers": CERTIFICATE_ANSWERS,
        **extra,
    }


def test_an_integration_submits_once_per_idempotency_key(
    integration: Client,
    residence_certificate: Product,
    municipality: Municipality,
    resident: Person,
) -> None:
    headers = {"Idempotency-Key": "order-42"}
    first = integration.post(
        "/api/v1/cases",
        _payload(municipality, resident),
        content_type="application/json",
        headers=headers,
    )
    again = integration.post(
        "/api/v1/cases",
        _payload(municipality, resident),
        content_type="application/json",
        headers=headers,
    )
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert first.json()["channel"] == "api"
    assert first.json()["register_data"]["national_number"] == resident.national_number
    changed = integration.post(
        "/api/v1/cases",
        _payload(municipality, resident, answers={**CERTIFICATE_ANSWERS, "copies": "3"}),
        content_type="application/json",
        headers=headers,
    )
    assert changed.status_code == 409
    assert changed.json()["error"]["code"] == "conflict"
    assert Case.objects.count() == 1


def test_a_submission_without_an_idempotency_key_is_refused(
    integration: Client,
    residence_certificate: Product,
    municipality: Municipality,
    resident: Person,
) -> None:
    response = integration.post(
        "/api/v1/cases", _payload(municipality, resident), content_type="application/json"
    )
    assert response.status_code in {400, 422}
    assert Case.objects.count() == 0


def test_files_come_base64_encoded(
    integration: Client, parking_card: Product, municipality: Municipality, resident: Person
) -> None:
    import base64

    from django.utils import timezone

    response = integration.post(
        "/api/v1/cases",
        {
            "municipality_nis_code": municipality.nis_code,
            "product_code": "resident-parking-card",
            "applicant_national_number": resident.national_number,
            "answers": {
                "licence_plate": "1-ABC-123",
                "ownership": "own",
                "start_date": timezone.localdate().isoformat(),
                "declaration": True,
            },
            "attachments": [
                {
                    "field": "registration_certificate",
                    "file_name": "c.png",
                    "content_base64": base64.b64encode(png_bytes()).decode(),
                }
            ],
        },
        content_type="application/json",
        headers={"Idempotency-Key": "k1"},
    )
    assert response.status_code == 201
    assert response.json()["answers"]["registration_certificate"][0]["name"] == "c.png"
    assert response.json()["fee_cents"] == 1000
    assert response.json()["paid"] is False


def test_an_integration_of_another_municipality_submits_nothing_here(
    residence_certificate: Product,
    municipality: Municipality,
    other_municipality: Municipality,
    resident: Person,
) -> None:
    response = _token_client(other_municipality).post(
        "/api/v1/cases",
        _payload(municipality, resident),
        content_type="application/json",
        headers={"Idempotency-Key": "k"},
    )
    assert response.status_code == 403
    assert Case.objects.count() == 0


def test_a_resident_submits_and_reads_their_own_requests(
    residence_certificate: Product, municipality: Municipality, resident: Person
) -> None:
    client = Client()
    session = client.session
    session[SESSION_KEY] = resident.pk
    session.save()
    created = client.post(
        "/api/v1/cases",
        {
            "municipality_nis_code": municipality.nis_code,
            "product_code": "residence-certificate",
            "answers": CERTIFICATE_ANSWERS,
        },
        content_type="application/json",
        headers={"Idempotency-Key": "mine-1"},
    )
    assert created.status_code == 201
    assert created.json()["channel"] == "portal"
    neighbour = PersonFactory(municipality=municipality)
    other = certificate_request(
        actor=actor_for_resident(neighbour.pk), municipality=municipality, applicant=neighbour
    )
    listing = client.get("/api/v1/cases").json()
    assert [item["id"] for item in listing["items"]] == [created.json()["id"]]
    assert client.get(f"/api/v1/cases/{other.pk}").status_code == 404
    assert client.get(f"/api/v1/cases/{created.json()['id']}/notes").status_code == 403


def test_another_municipality_s_case_answers_404(
    integration: Client,
    residence_certificate: Product,
    other_municipality: Municipality,
    resident: Person,
) -> None:
    case = certificate_request(
        actor=actor_for_resident(resident.pk), municipality=other_municipality, applicant=resident
    )
    for path in ("", "/timeline", "/messages", "/notes", "/tasks"):
        assert integration.get(f"/api/v1/cases/{case.pk}{path}").status_code == 404, path
    assert integration.get("/api/v1/cases").json()["count"] == 0


def test_reading_a_case_is_logged_for_the_resident(
    integration: Client,
    residence_certificate: Product,
    municipality: Municipality,
    resident: Person,
) -> None:
    case = certificate_request(
        actor=actor_for_resident(resident.pk), municipality=municipality, applicant=resident
    )
    assert integration.get(f"/api/v1/cases/{case.pk}").status_code == 200
    entry = AccessLogEntry.objects.get(person=resident)
    assert (entry.purpose, entry.channel, entry.api_client_name) == (
        "integration",
        "api",
        "Case system",
    )


def test_the_case_list_costs_the_same_queries_for_more_cases(
    integration: Client, residence_certificate: Product, municipality: Municipality
) -> None:
    def count(**params: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert integration.get("/api/v1/cases", params).status_code == 200
        return len(queries)

    def add() -> None:
        person = PersonFactory(municipality=municipality)
        certificate_request(
            actor=actor_for_resident(person.pk), municipality=municipality, applicant=person
        )

    add()
    one, one_queue = count(), count(view="all")
    for _ in range(10):
        add()
    assert (count(), count(view="all")) == (one, one_queue)


def test_staff_work_on_a_case_through_the_api(
    residence_certificate: Product, municipality: Municipality, resident: Person
) -> None:
    head = Client()
    head.force_login(staff_member(municipality, Role.DEPARTMENT_HEAD))
    case = certificate_request(
        actor=actor_for_resident(resident.pk), municipality=municipality, applicant=resident
    )
    base = f"/api/v1/cases/{case.pk}"
    moved = head.post(
        f"{base}/transitions", {"to_status": "in_treatment"}, content_type="application/json"
    )
    assert (moved.status_code, moved.json()["status"]) == (200, "in_treatment")
    refused = head.post(
        f"{base}/transitions", {"to_status": "closed"}, content_type="application/json"
    )
    assert refused.status_code == 422
    assert refused.json()["error"]["fields"]["to_status"] == [
        "Een dossier met status “In behandeling” kan niet “Afgesloten” worden."
    ]
    assert (
        head.post(
            f"{base}/notes", {"text": "Checked."}, content_type="application/json"
        ).status_code
        == 201
    )
    assert (
        head.post(f"{base}/tasks", {"title": "Print"}, content_type="application/json").status_code
        == 201
    )
    task = CaseTask.objects.get()
    assert head.post(f"{base}/tasks/{task.pk}/done").json()["done_at"] is not None
    asked = head.post(
        f"{base}/messages",
        {"body": "Which language?", "ask_resident": True},
        content_type="application/json",
    )
    assert asked.status_code == 201
    case.refresh_from_db()
    assert case.status == CaseStatus.WAITING_FOR_RESIDENT
    assert CaseNote.objects.get().text == "Checked."
    assert CaseMessage.objects.count() == 1
    timeline = head.get(f"{base}/timeline").json()
    assert [event["kind"] for event in timeline] == [
        "submitted",
        "status_changed",
        "task_added",
        "task_done",
        "status_changed",
    ]


def test_an_integration_cannot_decide(
    integration: Client,
    residence_certificate: Product,
    municipality: Municipality,
    resident: Person,
) -> None:
    case = certificate_request(
        actor=actor_for_resident(resident.pk), municipality=municipality, applicant=resident
    )
    response = integration.post(
        f"/api/v1/cases/{case.pk}/transitions",
        {"to_status": "in_treatment"},
        content_type="application/json",
    )
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.status == CaseStatus.SUBMITTED


def test_the_case_sub_lists_cost_the_same_queries_for_more_items(
    residence_certificate: Product, municipality: Municipality, resident: Person
) -> None:
    from loket.cases.services import case_message_send, case_note_add, case_task_add
    from loket.tenancy.access import actor_for_user

    head_user = staff_member(municipality, Role.DEPARTMENT_HEAD)
    head = Client()
    head.force_login(head_user)
    actor = actor_for_user(head_user)
    case = certificate_request(
        actor=actor_for_resident(resident.pk), municipality=municipality, applicant=resident
    )

    def add_one_of_each() -> None:
        case_note_add(actor=actor, case_id=case.pk, text="Note")
        case_task_add(actor=actor, case_id=case.pk, title="Task", assignee=head_user)
        case_message_send(actor=actor, case_id=case.pk, body="Message")

    def counts() -> list[int]:
        result = []
        for path in ("timeline", "messages", "notes", "tasks"):
            with CaptureQueriesContext(connection) as queries:
                assert head.get(f"/api/v1/cases/{case.pk}/{path}").status_code == 200
            result.append(len(queries))
        return result

    add_one_of_each()
    counts()  # the first request after signing in records the session's idle time
    first = counts()
    for _ in range(5):
        add_one_of_each()
    assert counts() == first
