from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from loket.cases.models import Case
from loket.cases.selectors import (
    QueueFilter,
    QueueSort,
    QueueView,
    case_get_visible,
    cases_visible_to,
    queue_counts,
    requests_of_resident,
    work_queue,
)
from loket.cases.workflow import CaseStatus
from loket.catalog.models import Product
from loket.people.models import Person
from loket.tenancy.access import ANONYMOUS, Actor, actor_for_resident, actor_for_user
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.cases.helpers import certificate_request
from tests.factories import (
    DepartmentFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
    staff_member,
)


@pytest.fixture
def cases(
    residence_certificate: Product,
    municipality: Municipality,
    other_municipality: Municipality,
    resident: Person,
    resident_actor: Actor,
) -> dict[str, Case]:
    here = certificate_request(actor=resident_actor, municipality=municipality, applicant=resident)
    there = certificate_request(
        actor=resident_actor, municipality=other_municipality, applicant=resident
    )
    return {"here": here, "there": there}


def test_another_municipality_s_case_is_not_found(
    cases: dict[str, Case], clerk_actor: Actor
) -> None:
    assert case_get_visible(actor=clerk_actor, case_id=cases["here"].pk) == cases["here"]
    with pytest.raises(Http404):
        case_get_visible(actor=clerk_actor, case_id=cases["there"].pk)
    with pytest.raises(Http404):
        case_get_visible(actor=clerk_actor, number=cases["there"].number)
    assert list(cases_visible_to(actor=clerk_actor)) == [cases["here"]]


def test_a_resident_sees_only_their_own_requests(
    cases: dict[str, Case], municipality: Municipality, resident_actor: Actor
) -> None:
    assert set(requests_of_resident(actor=resident_actor)) == set(cases.values())
    stranger = actor_for_resident(PersonFactory(municipality=municipality).pk)
    with pytest.raises(Http404):
        case_get_visible(actor=stranger, number=cases["here"].number)
    assert not cases_visible_to(actor=ANONYMOUS).exists()


def test_a_regional_grant_sees_the_whole_region(
    cases: dict[str, Case], municipality: Municipality
) -> None:
    from tests.factories import regional_staff_member

    admin = actor_for_user(regional_staff_member(municipality.region, Role.REGIONAL_ADMIN))
    assert set(cases_visible_to(actor=admin)) == set(cases.values())


def test_the_queue_filters_mine_department_overdue_product_and_sorts(
    residence_certificate: Product,
    parking_card: Product,
    municipality: Municipality,
    resident: Person,
    resident_actor: Actor,
) -> None:
    department = DepartmentFactory(municipality=municipality)
    user = UserFactory()
    MembershipFactory(
        user=user, municipality=municipality, role=Role.HANDLER, department=department
    )
    actor = actor_for_user(user)
    mine, department_case, other = (
        certificate_request(actor=resident_actor, municipality=municipality, applicant=resident)
        for _ in range(3)
    )
    Case.objects.filter(pk=mine.pk).update(handler=user, department=department)
    Case.objects.filter(pk=department_case.pk).update(
        department=department, due_date=dt.date(2020, 1, 1)
    )
    closed = certificate_request(
        actor=resident_actor, municipality=municipality, applicant=resident
    )
    Case.objects.filter(pk=closed.pk).update(status=CaseStatus.CLOSED, department=department)

    def numbers(**kwargs: object) -> list[str]:
        return [c.number for c in work_queue(actor=actor, filters=QueueFilter(**kwargs))]  # type: ignore[arg-type]

    assert numbers(view=QueueView.MINE) == [mine.number]
    assert numbers(view=QueueView.DEPARTMENT) == [department_case.number, mine.number]
    assert numbers(view=QueueView.ALL, sort=QueueSort.NUMBER) == [
        mine.number,
        department_case.number,
        other.number,
    ]
    assert numbers(view=QueueView.ALL, overdue_only=True) == [department_case.number]
    assert numbers(view=QueueView.ALL, product_code="resident-parking-card") == []
    assert numbers(view=QueueView.ALL, sort=QueueSort.SUBMITTED_LAST)[0] == other.number
    assert queue_counts(actor=actor) == {"mine": 1, "department": 2, "overdue": 1}


def test_the_queue_costs_the_same_number_of_queries_for_1_or_20_cases(
    residence_certificate: Product,
    municipality: Municipality,
    clerk_actor: Actor,
) -> None:
    def run() -> int:
        with CaptureQueriesContext(connection) as queries:
            rows = list(work_queue(actor=clerk_actor, filters=QueueFilter(view=QueueView.ALL)))
            seen = [
                (
                    c.product.name,
                    c.applicant.full_name,
                    c.municipality.name,
                    c.department,
                    c.handler,
                )
                for c in rows
            ]
            assert len(seen) == len(rows)
        return len(queries)

    person = PersonFactory(municipality=municipality)
    certificate_request(
        actor=actor_for_resident(person.pk), municipality=municipality, applicant=person
    )
    one = run()
    for _ in range(19):
        person = PersonFactory(municipality=municipality)
        certificate_request(
            actor=actor_for_resident(person.pk), municipality=municipality, applicant=person
        )
    assert run() == one == 1


def test_staff_without_cases_view_see_nothing(
    cases: dict[str, Case], municipality: Municipality
) -> None:
    dispatcher = actor_for_user(staff_member(municipality, Role.DISPATCHER))
    assert not cases_visible_to(actor=dispatcher).exists()
