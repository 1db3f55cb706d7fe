from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from loket.cases.attachments import Upload
from loket.cases.models import Case, CaseEvent, CaseEventKind, CaseMessage, CaseTask
from loket.cases.services import (
    case_assign,
    case_message_reply,
    case_message_send,
    case_task_add,
    case_task_complete,
    case_transition,
    cases_bulk_assign,
)
from loket.cases.workflow import CaseStatus
from loket.catalog.models import Product
from loket.documents.models import Document
from loket.notify.models import Notification
from loket.people.models import Person
from loket.tenancy.access import Actor, actor_for_user
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.cases.conftest import png_bytes
from tests.cases.helpers import certificate_request
from tests.factories import DepartmentFactory, MembershipFactory, UserFactory, staff_member


@pytest.fixture
def case(
    residence_certificate: Product,
    municipality: Municipality,
    resident: Person,
    resident_actor: Actor,
) -> Case:
    return certificate_request(actor=resident_actor, municipality=municipality, applicant=resident)


@pytest.fixture
def head(municipality: Municipality):  # type: ignore[no-untyped-def]
    return staff_member(municipality, Role.DEPARTMENT_HEAD)


def test_a_handler_takes_a_case_and_a_head_hands_it_to_someone(
    case: Case, municipality: Municipality, head: object
) -> None:
    handler = staff_member(municipality, Role.HANDLER)
    handler_actor = actor_for_user(handler)
    case_assign(actor=handler_actor, case_id=case.pk, department=None, handler=handler)
    case.refresh_from_db()
    assert case.handler == handler
    colleague = staff_member(municipality, Role.HANDLER)
    with pytest.raises(PermissionDenied):
        case_assign(actor=handler_actor, case_id=case.pk, department=None, handler=colleague)
    department = DepartmentFactory(municipality=municipality)
    case_assign(
        actor=actor_for_user(head),
        case_id=case.pk,
        department=department,
        handler=colleague,  # type: ignore[arg-type]
    )
    case.refresh_from_db()
    assert (case.department, case.handler) == (department, colleague)
    events = CaseEvent.objects.filter(case=case, kind=CaseEventKind.ASSIGNED)
    assert events.count() == 2
    assert all(not event.is_public for event in events)


def test_a_case_cannot_go_to_someone_who_does_not_handle_cases_here(
    case: Case, other_municipality: Municipality, head: object
) -> None:
    stranger = staff_member(other_municipality, Role.HANDLER)
    with pytest.raises(ValidationError):
        case_assign(actor=actor_for_user(head), case_id=case.pk, department=None, handler=stranger)  # type: ignore[arg-type]
    case.refresh_from_db()
    assert case.handler is None


def test_bulk_assign_is_all_or_nothing(
    residence_certificate: Product,
    municipality: Municipality,
    other_municipality: Municipality,
    resident: Person,
    resident_actor: Actor,
    head: object,
) -> None:
    here = [
        certificate_request(actor=resident_actor, municipality=municipality, applicant=resident)
        for _ in range(3)
    ]
    elsewhere = certificate_request(
        actor=resident_actor, municipality=other_municipality, applicant=resident
    )
    handler = staff_member(municipality, Role.HANDLER)
    with pytest.raises(PermissionDenied):
        cases_bulk_assign(
            actor=actor_for_user(head),  # type: ignore[arg-type]
            case_ids=[c.pk for c in [*here, elsewhere]],
            department=None,
            handler=handler,
        )
    assert Case.objects.filter(handler__isnull=False).count() == 0
    assigned = cases_bulk_assign(
        actor=actor_for_user(head),
        case_ids=[c.pk for c in here],
        department=None,
        handler=handler,  # type: ignore[arg-type]
    )
    assert len(assigned) == 3
    assert Case.objects.filter(handler=handler).count() == 3


def test_a_question_waits_for_the_resident_and_the_answer_resumes_treatment(
    case: Case, head: object, resident_actor: Actor, resident: Person
) -> None:
    head_actor = actor_for_user(head)  # type: ignore[arg-type]
    case_transition(actor=head_actor, case_id=case.pk, to_status=CaseStatus.IN_TREATMENT)
    case_message_send(
        actor=head_actor,
        case_id=case.pk,
        body="Please send a copy of your lease.",
        ask_resident=True,
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.WAITING_FOR_RESIDENT
    reply = case_message_reply(
        actor=resident_actor,
        case_id=case.pk,
        body="Here it is.",
        uploads=[Upload("attachments", "lease.png", png_bytes())],
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_TREATMENT
    document = Document.objects.get(owner_type="case", owner_id=case.pk, kind="message")
    assert reply.attachments == [{"document_id": document.pk, "name": "lease.png"}]
    kinds = list(case.events.values_list("kind", "to_status"))
    assert kinds[-3:] == [
        (CaseEventKind.STATUS_CHANGED, CaseStatus.WAITING_FOR_RESIDENT),
        (CaseEventKind.MESSAGE_FROM_RESIDENT, ""),
        (CaseEventKind.STATUS_CHANGED, CaseStatus.IN_TREATMENT),
    ]
    assert Notification.objects.filter(person=resident, event="case.status_changed").count() == 2


def test_a_plain_message_notifies_the_resident(case: Case, head: object, resident: Person) -> None:
    case_message_send(actor=actor_for_user(head), case_id=case.pk, body="We are on it.")  # type: ignore[arg-type]
    assert CaseMessage.objects.get().direction == "to_resident"
    assert Notification.objects.filter(person=resident, event="case.message").count() == 1
    case.refresh_from_db()
    assert case.status == CaseStatus.SUBMITTED


def test_only_the_applicant_replies(case: Case, municipality: Municipality) -> None:
    from loket.tenancy.access import actor_for_resident
    from tests.factories import PersonFactory

    with pytest.raises(PermissionDenied):
        case_message_reply(
            actor=actor_for_resident(PersonFactory(municipality=municipality).pk),
            case_id=case.pk,
            body="Hello",
        )
    assert CaseMessage.objects.count() == 0


def test_staff_without_cases_handle_cannot_write(case: Case, municipality: Municipality) -> None:
    admin = actor_for_user(staff_member(municipality, Role.MUNICIPAL_ADMIN))
    with pytest.raises(PermissionDenied):
        case_message_send(actor=admin, case_id=case.pk, body="Hi")
    with pytest.raises(PermissionDenied):
        case_task_add(actor=admin, case_id=case.pk, title="Check")
    assert CaseMessage.objects.count() == 0
    assert CaseTask.objects.count() == 0


def test_tasks_are_added_and_done(case: Case, head: object, municipality: Municipality) -> None:
    head_actor = actor_for_user(head)  # type: ignore[arg-type]
    handler = staff_member(municipality, Role.HANDLER)
    task = case_task_add(
        actor=head_actor,
        case_id=case.pk,
        title="Check the lease",
        assignee=handler,
        due_date=dt.date(2030, 1, 2),
    )
    done = case_task_complete(actor=actor_for_user(handler), task_id=task.pk)
    assert done.done_by == handler
    assert done.is_done
    assert list(case.events.filter(is_public=False).values_list("kind", flat=True)) == [
        CaseEventKind.TASK_ADDED,
        CaseEventKind.TASK_DONE,
    ]


def test_a_staff_member_with_a_department_membership_is_a_handler(
    case: Case, municipality: Municipality, head: object
) -> None:
    user = UserFactory()
    MembershipFactory(
        user=user,
        municipality=municipality,
        role=Role.HANDLER,
        department=DepartmentFactory(municipality=municipality),
    )
    case_assign(actor=actor_for_user(head), case_id=case.pk, department=None, handler=user)  # type: ignore[arg-type]
    case.refresh_from_db()
    assert case.handler == user
