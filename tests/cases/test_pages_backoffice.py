from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from loket.audit.models import AccessLogEntry
from loket.cases.models import Case, CaseChannel, CaseMessage, CaseNote, CaseTask
from loket.cases.workflow import CaseStatus
from loket.catalog.models import Product
from loket.people.models import Person
from loket.tenancy.access import Actor, actor_for_resident
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.cases.helpers import CERTIFICATE_ANSWERS, certificate_request
from tests.factories import PersonFactory, staff_member


@pytest.fixture
def case(
    residence_certificate: Product,
    municipality: Municipality,
    resident: Person,
    resident_actor: Actor,
) -> Case:
    return certificate_request(actor=resident_actor, municipality=municipality, applicant=resident)


@pytest.fixture
def clerk_client(client: Client, clerk: Any) -> Client:
    client.force_login(clerk)
    return client


def test_the_queue_needs_staff(client: Client, case: Case) -> None:
    response = client.get(reverse("cases:queue"))
    assert response.status_code == 302
    assert reverse("web:staff-login") in response["Location"]


def test_the_queue_lists_the_open_cases(clerk_client: Client, case: Case) -> None:
    page = clerk_client.get(reverse("cases:queue"), {"view": "all"}).content.decode()
    assert case.number in page
    partial = clerk_client.get(
        reverse("cases:queue"), {"view": "all"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert case.number in partial
    assert "<html" not in partial


def test_the_queue_gives_back_and_caches_the_whole_page(clerk_client: Client, case: Case) -> None:
    restored = clerk_client.get(
        reverse("cases:queue"),
        {"view": "all"},
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<html" in restored.content.decode()
    assert case.number in restored.content.decode()
    assert "HX-Request" in restored["Vary"]
    assert "HX-Request" in clerk_client.get(reverse("cases:queue"))["Vary"]


def test_the_queue_page_costs_the_same_queries_for_more_cases(
    clerk_client: Client, residence_certificate: Product, municipality: Municipality
) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert clerk_client.get(reverse("cases:queue"), {"view": "all"}).status_code == 200
        return len(queries)

    def add_case() -> None:
        person = PersonFactory(municipality=municipality)
        certificate_request(
            actor=actor_for_resident(person.pk), municipality=municipality, applicant=person
        )

    add_case()
    count()  # the first request after signing in records the session's idle time
    one = count()
    for _ in range(10):
        add_case()
    assert count() == one


def test_another_municipality_s_case_is_not_found(
    client: Client, case: Case, other_municipality: Municipality
) -> None:
    client.force_login(staff_member(other_municipality, Role.CLERK))
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404
    response = client.post(
        reverse("cases:status-change", args=[case.pk]), {"to_status": "in_treatment"}
    )
    assert response.status_code == 404
    case.refresh_from_db()
    assert case.status == CaseStatus.SUBMITTED


def test_opening_a_case_is_written_to_the_resident_s_access_log(
    clerk_client: Client, case: Case, clerk: Any
) -> None:
    page = clerk_client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert case.number in page
    entry = AccessLogEntry.objects.get(person=case.applicant)
    assert (entry.user, entry.purpose) == (clerk, "case_handling")


def test_the_handler_works_on_the_case(clerk_client: Client, case: Case, clerk: Any) -> None:
    url = reverse("cases:detail", args=[case.pk])
    clerk_client.post(reverse("cases:status-change", args=[case.pk]), {"to_status": "in_treatment"})
    clerk_client.post(reverse("cases:note", args=[case.pk]), {"text": "Looks fine."})
    clerk_client.post(reverse("cases:task", args=[case.pk]), {"title": "Print", "due_date": ""})
    clerk_client.post(reverse("cases:message", args=[case.pk]), {"body": "We are on it."})
    task = CaseTask.objects.get()
    clerk_client.post(reverse("cases:task-done", args=[case.pk, task.pk]))
    case.refresh_from_db()
    task.refresh_from_db()
    assert case.status == CaseStatus.IN_TREATMENT
    assert case.handler == clerk
    assert CaseNote.objects.get().text == "Looks fine."
    assert task.done_by == clerk
    assert CaseMessage.objects.get().body == "We are on it."
    page = clerk_client.get(url).content.decode()
    assert "Looks fine." in page


def test_a_refused_step_is_reported_and_changes_nothing(clerk_client: Client, case: Case) -> None:
    response = clerk_client.post(
        reverse("cases:status-change", args=[case.pk]), {"to_status": "closed"}, follow=True
    )
    assert "kan niet" in response.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.SUBMITTED


def test_a_head_assigns_cases_in_bulk(
    client: Client,
    residence_certificate: Product,
    municipality: Municipality,
    resident: Person,
    resident_actor: Actor,
) -> None:
    cases = [
        certificate_request(actor=resident_actor, municipality=municipality, applicant=resident)
        for _ in range(2)
    ]
    head = staff_member(municipality, Role.DEPARTMENT_HEAD)
    handler = staff_member(municipality, Role.HANDLER)
    client.force_login(head)
    response = client.post(
        reverse("cases:queue"),
        {"case": [str(c.pk) for c in cases], "handler": str(handler.pk), "query": "view=all"},
    )
    assert response.status_code == 302
    assert Case.objects.filter(handler=handler).count() == 2


def test_a_clerk_cannot_bulk_assign(
    clerk_client: Client, case: Case, municipality: Municipality
) -> None:
    handler = staff_member(municipality, Role.HANDLER)
    response = clerk_client.post(
        reverse("cases:queue"), {"case": [str(case.pk)], "handler": str(handler.pk)}
    )
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.handler is None


def test_a_clerk_registers_a_request_at_the_counter(
    clerk_client: Client,
    residence_certificate: Product,
    municipality: Municipality,
    resident: Person,
    clerk: Any,
) -> None:
    start = reverse("cases:counter-start")
    found = clerk_client.get(start, {"q": resident.last_name}).content.decode()
    assert f"person={resident.pk}" in found
    chosen = clerk_client.get(
        start,
        {
            "municipality": municipality.pk,
            "person": resident.pk,
            "product": "residence-certificate",
            "channel": "counter",
        },
    )
    form_url = reverse("cases:counter-form", args=[resident.pk, "residence-certificate"])
    assert chosen["Location"].startswith(form_url)
    page = clerk_client.get(chosen["Location"]).content.decode()
    assert resident.full_name in page
    assert AccessLogEntry.objects.get(person=resident).purpose == "counter_visit"
    response = clerk_client.post(
        form_url,
        {
            **CERTIFICATE_ANSWERS,
            "municipality": municipality.pk,
            "channel": "counter",
            "token": "counter-1",
            "consent": "yes",
        },
    )
    case = Case.objects.get()
    assert response["Location"] == reverse("cases:detail", args=[case.pk])
    assert (case.channel, case.submitted_by_user) == (CaseChannel.COUNTER, clerk)
    detail = clerk_client.get(response["Location"]).content.decode()
    assert '<dd id="case-channel">Aan het loket</dd>' in detail  # the clerk reads Dutch
    assert f'<dd id="case-assisted-by">{clerk.get_full_name()}</dd>' in detail


def test_a_handler_cannot_register_requests_for_residents(
    client: Client, residence_certificate: Product, municipality: Municipality, resident: Person
) -> None:
    client.force_login(staff_member(municipality, Role.HANDLER))
    form_url = reverse("cases:counter-form", args=[resident.pk, "residence-certificate"])
    response = client.post(
        form_url, {**CERTIFICATE_ANSWERS, "municipality": municipality.pk, "channel": "counter"}
    )
    assert response.status_code == 403
    assert Case.objects.count() == 0
