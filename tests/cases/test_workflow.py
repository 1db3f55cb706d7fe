from __future__ import annotations

import itertools
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction

from loket.cases.models import Case, CaseEvent, CaseEventKind, CaseNote
from loket.cases.services import case_note_add, case_transition
from loket.cases.workflow import (
    ALLOWED_TRANSITIONS,
    TRANSITIONS,
    CaseStatus,
    Party,
    Transition,
)
from loket.catalog.models import Product
from loket.documents.models import Document
from loket.people.models import Person
from loket.tenancy.access import Actor, actor_for_user
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.cases.helpers import certificate_request
from tests.factories import staff_member

# A reason for every transition (required for some of them).
REASON = "Explained to the resident."


def _case_in(status: CaseStatus, case: Case) -> Case:
    """Put a fresh case in `status` directly (setting up a test, not a transition)."""
    Case.objects.filter(pk=case.pk).update(status=status)
    case.refresh_from_db()
    return case


@pytest.fixture
def case(
    residence_certificate: Product, signing: Municipality, resident: Person, resident_actor: Actor
) -> Case:
    return certificate_request(actor=resident_actor, municipality=signing, applicant=resident)


@pytest.fixture
def head_actor(municipality: Municipality) -> Actor:
    """A head of department: every staff permission of the workflow."""
    return actor_for_user(staff_member(municipality, Role.DEPARTMENT_HEAD))


def _actor_for(transition: Transition, resident_actor: Actor, head_actor: Actor) -> Actor:
    return resident_actor if transition.party is Party.RESIDENT else head_actor


@pytest.mark.parametrize(
    "transition", TRANSITIONS, ids=lambda t: f"{t.source}->{t.target}:{t.party}"
)
def test_every_allowed_transition_works_and_is_on_the_timeline(
    transition: Transition, case: Case, resident_actor: Actor, head_actor: Actor
) -> None:
    _case_in(transition.source, case)
    actor = _actor_for(transition, resident_actor, head_actor)
    changed = case_transition(
        actor=actor, case_id=case.pk, to_status=transition.target, reason=REASON
    )
    assert changed.status == transition.target
    event = CaseEvent.objects.filter(case=case, kind=CaseEventKind.STATUS_CHANGED).get()
    assert (event.from_status, event.to_status, event.message) == (
        transition.source,
        transition.target,
        REASON,
    )
    if transition.party is Party.STAFF:
        assert event.actor_user == head_actor.user
    else:
        assert event.actor_person_id == resident_actor.person_id


FORBIDDEN = [
    (source, target)
    for source, target in itertools.product(CaseStatus, CaseStatus)
    if target not in ALLOWED_TRANSITIONS[source]
]


@pytest.mark.parametrize(("source", "target"), FORBIDDEN, ids=lambda s: str(s))
def test_every_other_transition_is_refused_and_changes_nothing(
    source: CaseStatus, target: CaseStatus, case: Case, head_actor: Actor
) -> None:
    _case_in(source, case)
    events_before = CaseEvent.objects.count()
    with pytest.raises(ValidationError) as caught:
        case_transition(actor=head_actor, case_id=case.pk, to_status=target, reason=REASON)
    assert caught.value.error_dict["to_status"][0].code == "transition_not_allowed"
    case.refresh_from_db()
    assert case.status == source
    assert CaseEvent.objects.count() == events_before


def test_a_resident_can_only_make_the_resident_moves(case: Case, resident_actor: Actor) -> None:
    with pytest.raises(ValidationError):
        case_transition(actor=resident_actor, case_id=case.pk, to_status=CaseStatus.IN_TREATMENT)
    with pytest.raises(ValidationError):
        case_transition(actor=resident_actor, case_id=case.pk, to_status=CaseStatus.APPROVED)
    case.refresh_from_db()
    assert case.status == CaseStatus.SUBMITTED


def test_another_resident_cannot_touch_the_case(case: Case, municipality: Municipality) -> None:
    from loket.tenancy.access import actor_for_resident
    from tests.factories import PersonFactory

    stranger = actor_for_resident(PersonFactory(municipality=municipality).pk)
    with pytest.raises(PermissionDenied):
        case_transition(actor=stranger, case_id=case.pk, to_status=CaseStatus.WITHDRAWN)
    case.refresh_from_db()
    assert case.status == CaseStatus.SUBMITTED


@pytest.mark.parametrize(
    ("role", "source", "target"),
    [
        (Role.MUNICIPAL_ADMIN, CaseStatus.SUBMITTED, CaseStatus.IN_TREATMENT),
        (Role.MUNICIPAL_ADMIN, CaseStatus.IN_TREATMENT, CaseStatus.APPROVED),
        (Role.PRIVACY_OFFICER, CaseStatus.SUBMITTED, CaseStatus.IN_TREATMENT),
    ],
)
def test_staff_without_the_permission_are_refused(
    role: Role, source: CaseStatus, target: CaseStatus, case: Case, municipality: Municipality
) -> None:
    _case_in(source, case)
    actor = actor_for_user(staff_member(municipality, role))
    with pytest.raises(PermissionDenied):
        case_transition(actor=actor, case_id=case.pk, to_status=target, reason=REASON)
    case.refresh_from_db()
    assert case.status == source
    assert CaseEvent.objects.filter(kind=CaseEventKind.STATUS_CHANGED).count() == 0


def test_staff_of_another_municipality_are_refused(
    case: Case, other_municipality: Municipality
) -> None:
    actor = actor_for_user(staff_member(other_municipality, Role.DEPARTMENT_HEAD))
    with pytest.raises(PermissionDenied):
        case_transition(actor=actor, case_id=case.pk, to_status=CaseStatus.IN_TREATMENT)
    case.refresh_from_db()
    assert case.status == CaseStatus.SUBMITTED


def test_a_rejection_needs_a_reason(case: Case, head_actor: Actor) -> None:
    with pytest.raises(ValidationError) as caught:
        case_transition(actor=head_actor, case_id=case.pk, to_status=CaseStatus.REJECTED)
    assert list(caught.value.message_dict) == ["reason"]


def test_an_unpaid_case_cannot_be_treated_or_approved(
    parking_card: Product,
    signing: Municipality,
    resident: Person,
    resident_actor: Actor,
    head_actor: Actor,
) -> None:
    from django.utils import timezone

    from tests.cases.helpers import parking_request

    case = parking_request(
        actor=resident_actor,
        municipality=signing,
        applicant=resident,
        start_date=timezone.localdate().isoformat(),
    )
    with pytest.raises(ValidationError) as caught:
        case_transition(actor=head_actor, case_id=case.pk, to_status=CaseStatus.IN_TREATMENT)
    assert caught.value.error_dict["to_status"][0].code == "payment_outstanding"
    # Rejecting (for instance: never paid) stays possible.
    case_transition(
        actor=head_actor, case_id=case.pk, to_status=CaseStatus.REJECTED, reason="Not paid."
    )


def test_a_decision_comes_with_a_signed_letter_for_the_resident(
    case: Case, head_actor: Actor, resident: Person
) -> None:
    _case_in(CaseStatus.IN_TREATMENT, case)
    case_transition(actor=head_actor, case_id=case.pk, to_status=CaseStatus.APPROVED)
    letter = Document.objects.get(owner_type="case", owner_id=case.pk, kind="decision")
    assert letter.concerns_person == resident
    assert letter.visible_to_resident is True
    assert letter.file_name == f"{case.number}.pdf"
    event = CaseEvent.objects.get(case=case, kind=CaseEventKind.DECISION_ISSUED)
    assert event.data == {"document_id": letter.pk, "outcome": "approved"}
    case.refresh_from_db()
    assert case.decided_at is not None
    assert case.handler == head_actor.user


def test_without_a_signing_certificate_no_decision_is_taken(
    residence_certificate: Product,
    other_municipality: Municipality,
    resident: Person,
    resident_actor: Actor,
) -> None:
    case = certificate_request(
        actor=resident_actor, municipality=other_municipality, applicant=resident
    )
    _case_in(CaseStatus.IN_TREATMENT, case)
    actor = actor_for_user(staff_member(other_municipality, Role.DEPARTMENT_HEAD))
    with pytest.raises(ValidationError) as caught:
        case_transition(actor=actor, case_id=case.pk, to_status=CaseStatus.APPROVED)
    assert caught.value.messages[0].startswith("The decision letter cannot be signed")
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_TREATMENT
    assert Document.objects.filter(kind="decision").count() == 0


# --- append-only timeline --------------------------------------------------------------


def test_the_database_refuses_to_change_a_timeline_event(case: Case) -> None:
    event = case.events.get()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        CaseEvent.objects.filter(pk=event.pk).update(message="rewritten")
    event.message = "rewritten"
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        event.save()
    event.refresh_from_db()
    assert event.message == ""


def test_the_database_refuses_to_delete_a_timeline_event(case: Case) -> None:
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        CaseEvent.objects.filter(case=case).delete()
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM cases_caseevent WHERE case_id = %s", [case.pk])
    assert CaseEvent.objects.filter(case=case).count() == 1


def test_internal_notes_are_append_only(case: Case, head_actor: Actor) -> None:
    note = case_note_add(actor=head_actor, case_id=case.pk, text="Called the resident.")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        CaseNote.objects.filter(pk=note.pk).update(text="Never called.")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        CaseNote.objects.filter(pk=note.pk).delete()
    note.refresh_from_db()
    assert note.text == "Called the resident."


def test_no_service_changes_or_removes_events() -> None:
    """The timeline module offers appending only; no code path updates an event."""
    import inspect

    from loket.cases import services, timeline

    names = {name for name, _value in inspect.getmembers(timeline, inspect.isfunction)}
    assert {n for n in names if n.startswith("case_event")} == {"case_event_append"}
    assert not [n for n in services.__all__ if "event" in n]


def test_the_transition_table_is_complete(case: Any) -> None:
    assert set(ALLOWED_TRANSITIONS) == set(CaseStatus)
    assert ALLOWED_TRANSITIONS[CaseStatus.CLOSED] == frozenset()
    assert ALLOWED_TRANSITIONS[CaseStatus.WITHDRAWN] == frozenset()
