"""The meeting lifecycle table: every allowed move works and writes its history row;
every other move is refused and changes nothing."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from loket.council.models import AgendaItem, Meeting, MeetingEvent
from loket.council.services import meeting_create, meeting_transition
from loket.council.workflow import LIFECYCLE, MeetingStatus
from loket.tenancy.access import Actor, actor_for_user
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.council.helpers import PLANNED, Council, meeting_make, record
from tests.factories import staff_member

pytestmark = pytest.mark.django_db
S = MeetingStatus
ALLOWED = {
    (S.DRAFT, S.AGENDA_PUBLISHED),
    (S.AGENDA_PUBLISHED, S.DRAFT),
    (S.AGENDA_PUBLISHED, S.HELD),
    (S.HELD, S.DECISIONS_RECORDED),
    (S.DECISIONS_RECORDED, S.PUBLISHED),
}


def test_the_table_is_the_documented_lifecycle() -> None:
    assert {(t.source, t.target) for t in LIFECYCLE.transitions} == ALLOWED
    assert LIFECYCLE.is_final(S.PUBLISHED)


@pytest.mark.parametrize(("source", "target"), sorted(ALLOWED))
def test_every_allowed_move_works_and_is_in_the_history(
    secretary_actor: Actor, council: Council, source: str, target: str
) -> None:
    meeting = meeting_make(secretary_actor, council, status=source)
    if target == S.DECISIONS_RECORDED:
        for item in AgendaItem.objects.filter(meeting=meeting):
            record(secretary_actor, council, item)
    events = MeetingEvent.objects.filter(meeting=meeting).count()

    meeting_transition(
        actor=secretary_actor, meeting_id=meeting.pk, to_status=target, reason="Typo in item 2"
    )

    meeting.refresh_from_db()
    assert meeting.status == target
    last = MeetingEvent.objects.filter(meeting=meeting).order_by("pk").last()
    assert MeetingEvent.objects.filter(meeting=meeting).count() == events + 1
    assert last is not None
    assert (last.from_status, last.to_status) == (source, target)


@pytest.mark.parametrize(
    ("source", "target"),
    sorted((a, b) for a in S.values for b in S.values if a != b and (a, b) not in ALLOWED),
)
def test_every_other_move_is_refused_and_changes_nothing(
    secretary_actor: Actor, council: Council, source: str, target: str
) -> None:
    meeting = meeting_make(secretary_actor, council, status=source)
    events = MeetingEvent.objects.filter(meeting=meeting).count()

    with pytest.raises(ValidationError) as error:
        meeting_transition(actor=secretary_actor, meeting_id=meeting.pk, to_status=target)

    assert error.value.message_dict["to_status"] == [
        f"A meeting that is “{S(source).label}” cannot become “{S(target).label}”."
    ]
    assert Meeting.objects.get(pk=meeting.pk).status == source
    assert MeetingEvent.objects.filter(meeting=meeting).count() == events


def test_withdrawing_a_published_agenda_needs_a_reason(
    secretary_actor: Actor, council: Council
) -> None:
    meeting = meeting_make(secretary_actor, council, status=S.AGENDA_PUBLISHED)

    with pytest.raises(ValidationError) as error:
        meeting_transition(actor=secretary_actor, meeting_id=meeting.pk, to_status=S.DRAFT)

    assert error.value.message_dict["reason"] == ["Give the reason for this change."]
    assert Meeting.objects.get(pk=meeting.pk).status == S.AGENDA_PUBLISHED


def test_an_empty_agenda_is_not_published(secretary_actor: Actor, council: Council) -> None:
    meeting = meeting_create(actor=secretary_actor, body_id=council.body.pk, planned_start=PLANNED)

    with pytest.raises(ValidationError) as error:
        meeting_transition(
            actor=secretary_actor, meeting_id=meeting.pk, to_status=S.AGENDA_PUBLISHED
        )

    assert error.value.message_dict["to_status"] == [
        "Add at least one agenda item before publishing the agenda."
    ]


def test_decisions_are_recorded_only_when_every_item_has_one(
    secretary_actor: Actor, council: Council
) -> None:
    meeting = meeting_make(secretary_actor, council, status=S.HELD)
    record(secretary_actor, council, AgendaItem.objects.filter(meeting=meeting)[0])

    with pytest.raises(ValidationError) as error:
        meeting_transition(
            actor=secretary_actor, meeting_id=meeting.pk, to_status=S.DECISIONS_RECORDED
        )

    assert error.value.message_dict["to_status"] == [
        "Record the treatment and decision of every agenda item first."
    ]
    assert Meeting.objects.get(pk=meeting.pk).status == S.HELD


def test_a_head_of_department_prepares_but_does_not_publish(
    secretary_actor: Actor, council: Council, municipality: Municipality
) -> None:
    meeting = meeting_make(secretary_actor, council)
    head = actor_for_user(staff_member(municipality, Role.DEPARTMENT_HEAD))

    with pytest.raises(PermissionDenied):
        meeting_transition(actor=head, meeting_id=meeting.pk, to_status=S.AGENDA_PUBLISHED)

    assert Meeting.objects.get(pk=meeting.pk).status == S.DRAFT


def test_the_history_is_append_only_in_the_database(
    secretary_actor: Actor, council: Council
) -> None:
    meeting = meeting_make(secretary_actor, council)
    event = MeetingEvent.objects.filter(meeting=meeting).first()
    assert event is not None

    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingEvent.objects.filter(pk=event.pk).update(message="rewritten")
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingEvent.objects.filter(pk=event.pk).delete()


def test_a_meeting_is_held_under_the_chair_of_that_day(
    secretary_actor: Actor, council: Council
) -> None:
    from loket.council.models import Mandate

    meeting = meeting_make(secretary_actor, council, status=S.AGENDA_PUBLISHED)
    Meeting.objects.filter(pk=meeting.pk).update(chair=None)

    meeting_transition(actor=secretary_actor, meeting_id=meeting.pk, to_status=S.HELD)
    assert Meeting.objects.get(pk=meeting.pk).chair == council.mandates[0]

    other = meeting_make(secretary_actor, council, status=S.AGENDA_PUBLISHED)
    Meeting.objects.filter(pk=other.pk).update(chair=None)
    Mandate.objects.filter(role="chair").update(role="councillor")
    with pytest.raises(ValidationError) as error:
        meeting_transition(actor=secretary_actor, meeting_id=other.pk, to_status=S.HELD)
    assert error.value.message_dict["to_status"] == [
        "The body has no chair on the day of the meeting: add the chair's mandate first."
    ]
    assert Meeting.objects.get(pk=other.pk).status == S.AGENDA_PUBLISHED
