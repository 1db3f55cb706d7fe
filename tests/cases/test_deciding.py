"""Deciding a case is the work of its department: a clerk of the population office does not
approve a mobility case, in the service, on the case page and through the API."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from loket.accounts.models import User
from loket.cases.models import Case, CaseEvent
from loket.cases.services import case_transition
from loket.cases.workflow import CaseStatus
from loket.catalog.models import Product
from loket.documents.models import Document
from loket.people.models import Person
from loket.tenancy.access import Actor, actor_for_user
from loket.tenancy.models import Department, Municipality
from loket.tenancy.permissions import Role
from tests.cases.helpers import certificate_request
from tests.factories import DepartmentFactory, MembershipFactory, UserFactory, staff_member


@pytest.fixture
def population(municipality: Municipality) -> Department:
    return DepartmentFactory(municipality=municipality, code="population")


@pytest.fixture
def mobility(municipality: Municipality) -> Department:
    return DepartmentFactory(municipality=municipality, code="mobility")


def _member(municipality: Municipality, role: Role, department: Department | None) -> User:
    user: User = UserFactory()
    MembershipFactory(user=user, municipality=municipality, role=role, department=department)
    return user


@pytest.fixture
def mobility_case(
    residence_certificate: Product,
    signing: Municipality,
    resident: Person,
    resident_actor: Actor,
    mobility: Department,
) -> Case:
    case = certificate_request(actor=resident_actor, municipality=signing, applicant=resident)
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.IN_TREATMENT, department=mobility)
    case.refresh_from_db()
    return case


def _unchanged(case: Case, events_before: int) -> None:
    case.refresh_from_db()
    assert (case.status, case.decided_at, case.handler_id) == (CaseStatus.IN_TREATMENT, None, None)
    assert CaseEvent.objects.filter(case=case).count() == events_before
    assert Document.objects.filter(owner_type="case", owner_id=case.pk).count() == 0


@pytest.mark.parametrize("target", [CaseStatus.APPROVED, CaseStatus.REJECTED])
@pytest.mark.parametrize("role", [Role.CLERK, Role.HANDLER, Role.DEPARTMENT_HEAD])
def test_staff_of_another_department_cannot_decide(
    role: Role,
    target: CaseStatus,
    mobility_case: Case,
    municipality: Municipality,
    population: Department,
) -> None:
    actor = actor_for_user(_member(municipality, role, population))
    events_before = CaseEvent.objects.filter(case=mobility_case).count()
    with pytest.raises(PermissionDenied):
        case_transition(actor=actor, case_id=mobility_case.pk, to_status=target, reason="Not ours.")
    _unchanged(mobility_case, events_before)


def test_another_department_may_still_handle_the_case(
    mobility_case: Case, municipality: Municipality, population: Department
) -> None:
    actor = actor_for_user(_member(municipality, Role.CLERK, population))
    case_transition(
        actor=actor,
        case_id=mobility_case.pk,
        to_status=CaseStatus.WAITING_FOR_RESIDENT,
        reason="Which plate?",
    )
    mobility_case.refresh_from_db()
    assert mobility_case.status == CaseStatus.WAITING_FOR_RESIDENT


@pytest.mark.parametrize(
    ("role", "department_code"),
    [
        (Role.CLERK, "mobility"),
        (Role.HANDLER, "mobility"),
        (Role.DEPARTMENT_HEAD, "mobility"),
        # Memberships without a department cover the whole municipality.
        (Role.CLERK, None),
        (Role.DEPARTMENT_HEAD, None),
    ],
)
def test_the_case_department_and_staff_without_a_department_decide(
    role: Role,
    department_code: str | None,
    mobility_case: Case,
    municipality: Municipality,
    mobility: Department,
) -> None:
    department = mobility if department_code else None
    actor = actor_for_user(_member(municipality, role, department))
    case_transition(actor=actor, case_id=mobility_case.pk, to_status=CaseStatus.APPROVED)
    mobility_case.refresh_from_db()
    assert (mobility_case.status, mobility_case.handler) == (CaseStatus.APPROVED, actor.user)


def test_a_regional_administrator_decides_every_department(
    mobility_case: Case, municipality: Municipality
) -> None:
    user: User = UserFactory()
    MembershipFactory(
        user=user, municipality=None, region=municipality.region, role=Role.REGIONAL_ADMIN
    )
    case_transition(
        actor=actor_for_user(user), case_id=mobility_case.pk, to_status=CaseStatus.APPROVED
    )
    mobility_case.refresh_from_db()
    assert mobility_case.status == CaseStatus.APPROVED


def test_a_regional_department_decides_its_cases_in_every_municipality(
    mobility_case: Case, municipality: Municipality, population: Department
) -> None:
    regional = DepartmentFactory(municipality=None, region=municipality.region, code="region-mob")
    user: User = UserFactory()
    MembershipFactory(
        user=user,
        municipality=None,
        region=municipality.region,
        role=Role.HANDLER,
        department=regional,
    )
    actor = actor_for_user(user)
    with pytest.raises(PermissionDenied):
        case_transition(actor=actor, case_id=mobility_case.pk, to_status=CaseStatus.APPROVED)
    Case.objects.filter(pk=mobility_case.pk).update(department=regional)
    case_transition(actor=actor, case_id=mobility_case.pk, to_status=CaseStatus.APPROVED)
    mobility_case.refresh_from_db()
    assert mobility_case.status == CaseStatus.APPROVED


def test_a_case_without_a_department_is_decided_by_staff_without_one(
    mobility_case: Case, municipality: Municipality, population: Department
) -> None:
    Case.objects.filter(pk=mobility_case.pk).update(department=None)
    bound = actor_for_user(_member(municipality, Role.CLERK, population))
    with pytest.raises(PermissionDenied):
        case_transition(actor=bound, case_id=mobility_case.pk, to_status=CaseStatus.APPROVED)
    wide = actor_for_user(staff_member(municipality, Role.CLERK))
    case_transition(actor=wide, case_id=mobility_case.pk, to_status=CaseStatus.APPROVED)
    mobility_case.refresh_from_db()
    assert mobility_case.status == CaseStatus.APPROVED


def test_a_second_membership_without_a_department_lifts_the_bound(
    mobility_case: Case, municipality: Municipality, population: Department
) -> None:
    user = _member(municipality, Role.CLERK, population)
    MembershipFactory(user=user, municipality=municipality, role=Role.DEPARTMENT_HEAD)
    case_transition(
        actor=actor_for_user(user), case_id=mobility_case.pk, to_status=CaseStatus.APPROVED
    )
    mobility_case.refresh_from_db()
    assert mobility_case.status == CaseStatus.APPROVED


def test_the_case_page_offers_no_decision_to_another_department(
    client: Client, mobility_case: Case, municipality: Municipality, population: Department
) -> None:
    client.force_login(_member(municipality, Role.CLERK, population))
    page = client.get(reverse("cases:detail", args=[mobility_case.pk])).content.decode()
    assert 'value="waiting_for_resident"' in page
    assert 'value="approved"' not in page
    assert 'value="rejected"' not in page
    events_before = CaseEvent.objects.filter(case=mobility_case).count()
    response = client.post(
        reverse("cases:status-change", args=[mobility_case.pk]), {"to_status": "approved"}
    )
    assert response.status_code == 403
    _unchanged(mobility_case, events_before)


def test_the_case_page_offers_the_decision_to_the_department(
    client: Client, mobility_case: Case, municipality: Municipality, mobility: Department
) -> None:
    client.force_login(_member(municipality, Role.CLERK, mobility))
    page = client.get(reverse("cases:detail", args=[mobility_case.pk])).content.decode()
    assert 'value="approved"' in page
    assert 'value="rejected"' in page
    preview = client.post(
        reverse("cases:status-change", args=[mobility_case.pk]), {"to_status": "approved"}
    )
    assert preview.status_code == 200  # the letter is shown before it is signed
    response = client.post(
        reverse("cases:status-change", args=[mobility_case.pk]),
        {"to_status": "approved", "confirm": "1"},
    )
    assert response.status_code == 302
    mobility_case.refresh_from_db()
    assert mobility_case.status == CaseStatus.APPROVED


def test_the_api_refuses_a_decision_of_another_department(
    client: Client, mobility_case: Case, municipality: Municipality, population: Department
) -> None:
    client.force_login(_member(municipality, Role.CLERK, population))
    events_before = CaseEvent.objects.filter(case=mobility_case).count()
    response = client.post(
        f"/api/v1/cases/{mobility_case.pk}/transitions",
        {"to_status": "approved"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    _unchanged(mobility_case, events_before)
    handled = client.post(
        f"/api/v1/cases/{mobility_case.pk}/transitions",
        {"to_status": "waiting_for_resident", "reason": "Which plate?"},
        content_type="application/json",
    )
    assert (handled.status_code, handled.json()["status"]) == (200, "waiting_for_resident")
