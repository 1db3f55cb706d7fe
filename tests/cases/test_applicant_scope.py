"""A request submitted on a resident's behalf only for a resident the actor may see: a
resident of another municipality answers exactly like a national number nobody has, and
nothing is written."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from procrastinate.contrib.django.models import ProcrastinateJob

from loket.accounts.services import api_client_create
from loket.audit.models import AccessLogEntry
from loket.cases.models import Case, CaseEvent
from loket.cases.services import case_submit
from loket.catalog.models import Product
from loket.documents.models import Document
from loket.notify.models import Notification
from loket.people.models import Person
from loket.tenancy.access import actor_for_user
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.cases.helpers import CERTIFICATE_ANSWERS
from tests.factories import PersonFactory, staff_member

UNKNOWN_NUMBER = "85073003328"


def _token_client(municipality: Municipality) -> Client:
    _, token = api_client_create(
        name="Case system", region=municipality.region, municipality=municipality
    )
    return Client(headers={"Authorization": f"Bearer {token}"})


def _clerk_client(municipality: Municipality) -> Client:
    client = Client()
    client.force_login(staff_member(municipality, Role.CLERK))
    return client


def _submit(client: Client, municipality: Municipality, number: str) -> tuple[int, Any]:
    response = client.post(
        "/api/v1/cases",
        {
            "municipality_nis_code": municipality.nis_code,
            "product_code": "residence-certificate",
            "applicant_national_number": number,
            "channel": "counter",
            "answers": CERTIFICATE_ANSWERS,
        },
        content_type="application/json",
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    return response.status_code, response.json()


def _nothing_written(victim: Person) -> None:
    assert Case.objects.count() == 0
    assert CaseEvent.objects.count() == 0
    assert Document.objects.count() == 0
    assert ProcrastinateJob.objects.count() == 0
    assert Notification.objects.count() == 0
    assert not AccessLogEntry.objects.filter(person=victim).exists()


@pytest.mark.parametrize("make_client", [_token_client, _clerk_client])
def test_a_resident_of_another_municipality_answers_like_an_unknown_number(
    make_client: Any,
    residence_certificate: Product,
    municipality: Municipality,
    other_municipality: Municipality,
) -> None:
    victim = PersonFactory(municipality=other_municipality)
    assert not Person.objects.filter(national_number=UNKNOWN_NUMBER).exists()
    client = make_client(municipality)
    foreign = _submit(client, municipality, victim.national_number)
    unknown = _submit(client, municipality, UNKNOWN_NUMBER)
    assert foreign == unknown
    assert foreign[0] == 422
    assert foreign[1]["error"]["code"] == "validation_error"
    assert victim.last_name not in str(foreign[1])
    _nothing_written(victim)


def test_the_service_refuses_an_applicant_the_actor_may_not_see(
    residence_certificate: Product,
    municipality: Municipality,
    other_municipality: Municipality,
) -> None:
    victim = PersonFactory(municipality=other_municipality)
    actor = actor_for_user(staff_member(municipality, Role.CLERK))
    with pytest.raises(ValidationError) as refused:
        case_submit(
            actor=actor,
            municipality=municipality,
            product_code="residence-certificate",
            applicant=victim,
            answers=CERTIFICATE_ANSWERS,
            idempotency_key="k-1",
            channel="counter",
        )
    assert refused.value.message_dict == {
        "applicant_national_number": ["No resident of the region has this number."]
    }
    _nothing_written(victim)


def test_an_own_resident_is_still_served_and_the_read_is_logged(
    residence_certificate: Product, municipality: Municipality
) -> None:
    resident = PersonFactory(municipality=municipality)
    status, body = _submit(_token_client(municipality), municipality, resident.national_number)
    assert status == 201
    assert body["register_data"]["national_number"] == resident.national_number
    entry = AccessLogEntry.objects.get(person=resident)
    assert (entry.municipality_id, entry.purpose, entry.channel) == (
        municipality.pk,
        "integration",
        "api",
    )


def test_assignment_and_tasks_answer_alike_for_another_municipality_s_staff_and_missing_ids(
    residence_certificate: Product,
    municipality: Municipality,
    other_municipality: Municipality,
) -> None:
    from loket.cases.models import CaseEventKind, CaseTask
    from loket.tenancy.access import actor_for_resident
    from tests.cases.helpers import certificate_request
    from tests.factories import DepartmentFactory

    resident = PersonFactory(municipality=municipality)
    case = certificate_request(
        actor=actor_for_resident(resident.pk), municipality=municipality, applicant=resident
    )
    foreign_handler = staff_member(other_municipality, Role.HANDLER)
    foreign_department = DepartmentFactory(municipality=other_municipality)
    missing = foreign_handler.pk + foreign_department.pk + 1000
    client = Client()
    client.force_login(staff_member(municipality, Role.DEPARTMENT_HEAD))

    def post(path: str, body: dict[str, Any]) -> tuple[int, Any]:
        response = client.post(
            f"/api/v1/cases/{case.pk}/{path}", body, content_type="application/json"
        )
        return response.status_code, response.json()

    for path, field, foreign in (
        ("assignment", "handler_id", foreign_handler.pk),
        ("assignment", "department_id", foreign_department.pk),
        ("tasks", "assignee_id", foreign_handler.pk),
    ):
        extra = {"title": "Check"} if path == "tasks" else {}
        refused = post(path, {field: foreign, **extra})
        assert refused == post(path, {field: missing, **extra}), field
        assert refused[0] == 422, field
    assert not CaseTask.objects.exists()
    assert not CaseEvent.objects.filter(kind=CaseEventKind.ASSIGNED).exists()
    case.refresh_from_db()
    assert case.handler_id is None


def test_a_payment_request_naming_another_municipality_s_case_pays_nothing(
    parking_card: Product,
    municipality: Municipality,
    other_municipality: Municipality,
) -> None:
    import datetime as dt

    from django.utils import timezone

    from loket.payments.services import payment_manual_record, payment_request_create
    from loket.tenancy.access import actor_for_resident
    from tests.cases.helpers import parking_request

    victim = PersonFactory(municipality=other_municipality)
    foreign_case = parking_request(
        actor=actor_for_resident(victim.pk),
        municipality=other_municipality,
        applicant=victim,
        start_date=(timezone.localdate() + dt.timedelta(days=3)).isoformat(),
    )
    ours = actor_for_user(staff_member(municipality, Role.MUNICIPAL_ADMIN))
    request = payment_request_create(
        actor=ours,
        municipality=municipality,
        payer=PersonFactory(municipality=municipality),
        subject_type="case",
        subject_id=foreign_case.pk,
        description="Anything",
        amount_cents=100,
        due_date=timezone.localdate(),
    )
    payment_manual_record(
        actor=ours,
        payment_request=request,
        amount_cents=100,
        booked_on=timezone.localdate(),
        note="cash",
    )
    foreign_case.refresh_from_db()
    assert foreign_case.paid_at is None
    assert not foreign_case.events.filter(kind="payment_received").exists()
