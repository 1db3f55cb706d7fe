"""The lifecycle contract of loket.core: a table of transitions, one check, one apply."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DataError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from loket.core.lifecycle import Lifecycle, Transition, transition_apply, transition_check
from loket.crm.contact_centre.history import contact_question_event_append
from loket.crm.contact_centre.workflow import QuestionStatus
from loket.crm.models import ContactQuestion, ContactQuestionEvent
from loket.tenancy.access import Actor, actor_for_user
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission, Role
from tests.factories import staff_member

S = QuestionStatus
ANSWER = Transition(S.OPEN, S.ANSWERED, "staff", Permission.ASSISTANT_VIEW_QUESTIONS, True)


class Refused(Exception):
    pass


def _guard(transition: Transition, row: Any) -> None:
    if row is not None and row.question == "blocked":
        raise Refused(transition.target)


LIFECYCLE = Lifecycle(name="test", statuses=S, transitions=(ANSWER,), guard=_guard)


@pytest.fixture
def question(municipality: Municipality) -> ContactQuestion:
    return ContactQuestion.objects.create(
        municipality=municipality,
        question="Where is my parcel?",
        language="nl",
        due_at=timezone.now(),
        created_at=timezone.now(),
    )


@pytest.fixture
def head(municipality: Municipality) -> Actor:
    return actor_for_user(staff_member(municipality, Role.DEPARTMENT_HEAD))


def _history(question: ContactQuestion, actor: Actor) -> Any:
    def append(transition: Transition, source: str) -> ContactQuestionEvent:
        return contact_question_event_append(
            contact_question=question,
            from_status=source,
            to_status=transition.target,
            note="answered by phone",
            actor_user=actor.user,
        )

    return append


def test_a_table_with_an_unknown_status_or_a_duplicate_row_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown status"):
        Lifecycle(name="bad", statuses=S, transitions=(Transition(S.OPEN, "archived"),))
    with pytest.raises(ValueError, match="declared twice"):
        Lifecycle(name="bad", statuses=S, transitions=(ANSWER, ANSWER))


def test_the_table_answers_where_a_status_may_go() -> None:
    assert LIFECYCLE.find(S.OPEN, S.ANSWERED, "staff") is ANSWER
    assert LIFECYCLE.find(S.OPEN, S.ANSWERED, "resident") is None
    nowhere = {S.IN_PROGRESS: frozenset(), S.ANSWERED: frozenset(), S.CLOSED: frozenset()}
    assert LIFECYCLE.targets("staff") == {S.OPEN: {S.ANSWERED}, **nowhere}
    assert LIFECYCLE.targets("resident") == {S.OPEN: frozenset(), **nowhere}
    assert (LIFECYCLE.is_final(S.OPEN), LIFECYCLE.is_final(S.ANSWERED)) == (False, True)


def test_an_allowed_move_is_returned(head: Actor, municipality: Municipality) -> None:
    found = transition_check(
        LIFECYCLE,
        current=S.OPEN,
        target=S.ANSWERED,
        party="staff",
        actor=head,
        municipality_id=municipality.pk,
        reason="Called back",
    )
    assert found is ANSWER


def test_a_move_not_in_the_table_gets_the_translated_refusal() -> None:
    with translation.override("nl"), pytest.raises(ValidationError) as caught:
        transition_check(LIFECYCLE, current=S.ANSWERED, target=S.OPEN, party="staff")
    error = caught.value.error_dict["to_status"][0]
    assert error.code == "transition_not_allowed"
    assert error.messages == ["Dit kan niet van “Beantwoord” naar “Open” gaan."]


def test_a_move_for_another_party_is_refused() -> None:
    with pytest.raises(ValidationError):
        transition_check(LIFECYCLE, current=S.OPEN, target=S.ANSWERED, party="resident")


def test_a_move_needing_a_permission_is_refused_without_it(
    municipality: Municipality, other_municipality: Municipality, head: Actor
) -> None:
    common = {"current": S.OPEN, "target": S.ANSWERED, "party": "staff", "reason": "x"}
    with pytest.raises(PermissionDenied):
        transition_check(LIFECYCLE, **common, municipality_id=municipality.pk)
    with pytest.raises(PermissionDenied):
        transition_check(LIFECYCLE, **common, actor=head, municipality_id=other_municipality.pk)


def test_a_move_needing_a_reason_is_refused_without_one(
    municipality: Municipality, head: Actor
) -> None:
    with pytest.raises(ValidationError) as caught:
        transition_check(
            LIFECYCLE,
            current=S.OPEN,
            target=S.ANSWERED,
            party="staff",
            actor=head,
            municipality_id=municipality.pk,
            reason="   ",
        )
    assert caught.value.error_dict["reason"][0].code == "reason_missing"


def test_apply_sets_the_status_and_appends_history(question: ContactQuestion, head: Actor) -> None:
    event = transition_apply(
        LIFECYCLE,
        instance=question,
        target=S.ANSWERED,
        party="staff",
        actor=head,
        reason="Called back",
        history=_history(question, head),
        changes={"answer_note": "Called back"},
    )
    question.refresh_from_db()
    assert (question.status, question.answer_note) == (S.ANSWERED, "Called back")
    assert list(ContactQuestionEvent.objects.values_list("pk", "from_status", "to_status")) == [
        (event.pk, S.OPEN, S.ANSWERED)
    ]


def test_apply_locks_the_row_before_reading_its_status(
    question: ContactQuestion, head: Actor
) -> None:
    with CaptureQueriesContext(connection) as queries:
        transition_apply(
            LIFECYCLE,
            instance=question,
            target=S.ANSWERED,
            party="staff",
            actor=head,
            reason="Called back",
            history=_history(question, head),
        )
    statements = [query["sql"] for query in queries.captured_queries]
    assert statements[0].startswith("SAVEPOINT")
    assert statements[1].startswith('SELECT "crm_contactquestion"."status"')
    assert statements[1].endswith("FOR UPDATE")
    assert statements[2].startswith('INSERT INTO "crm_contactquestionevent"')


def test_apply_reads_the_status_of_the_row_not_of_a_stale_instance(
    question: ContactQuestion, head: Actor
) -> None:
    ContactQuestion.objects.filter(pk=question.pk).update(status=S.ANSWERED)
    assert question.status == S.OPEN
    with pytest.raises(ValidationError):
        transition_apply(
            LIFECYCLE,
            instance=question,
            target=S.ANSWERED,
            party="staff",
            actor=head,
            reason="Called back",
            history=_history(question, head),
        )
    assert ContactQuestionEvent.objects.count() == 0


def test_the_guard_refuses_and_nothing_is_written(question: ContactQuestion, head: Actor) -> None:
    ContactQuestion.objects.filter(pk=question.pk).update(question="blocked")
    question.refresh_from_db()
    with pytest.raises(Refused):
        transition_apply(
            LIFECYCLE,
            instance=question,
            target=S.ANSWERED,
            party="staff",
            actor=head,
            reason="Called back",
            history=_history(question, head),
        )
    question.refresh_from_db()
    assert question.status == S.OPEN
    assert ContactQuestionEvent.objects.count() == 0


def test_a_failure_after_the_history_append_rolls_back_both(
    question: ContactQuestion, head: Actor
) -> None:
    appended: list[int] = []

    def history(transition: Transition, source: str) -> ContactQuestionEvent:
        event = _history(question, head)(transition, source)
        appended.append(event.pk)
        return event

    with pytest.raises(DataError):
        transition_apply(
            LIFECYCLE,
            instance=question,
            target=S.ANSWERED,
            party="staff",
            actor=head,
            reason="Called back",
            history=history,
            changes={"language": "far too long for two characters"},
        )
    assert len(appended) == 1
    assert not ContactQuestionEvent.objects.filter(pk=appended[0]).exists()
    assert ContactQuestion.objects.get(pk=question.pk).status == S.OPEN
