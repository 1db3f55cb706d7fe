"""The contact centre's services: the lifecycle, taking down a question, answering (a
contact moment and the resident told), transfers with their log, and who sees what."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.http import Http404
from django.utils import translation
from procrastinate.contrib.django.models import ProcrastinateJob

from loket.core.lifecycle import transition_check
from loket.crm.contact_centre.answer_emails import answer_email_deliver
from loket.crm.contact_centre.selectors import (
    ContactQueueFilter,
    ContactQueueView,
    contact_centre_counts,
    contact_centre_queue,
    contact_question_get_visible,
)
from loket.crm.contact_centre.services import (
    contact_question_answer,
    contact_question_assign,
    contact_question_close,
    contact_question_take,
    contact_question_transfer,
)
from loket.crm.contact_centre.workflow import LIFECYCLE, EventKind, QuestionStatus
from loket.crm.models import (
    ContactMoment,
    ContactQuestion,
    ContactQuestionAnswerEmail,
    ContactQuestionEvent,
)
from loket.crm.tasks import ANSWER_EMAIL_TASK
from loket.notify.models import Notification
from loket.tenancy.access import actor_for_user
from loket.tenancy.permissions import Role
from tests.crm.contact_centre_helpers import Region, hours_ago, question_make, region_build
from tests.factories import MembershipFactory, PersonFactory, UserFactory, staff_member
from tests.notify.conftest import SmtpSink, smtp_server

__all__ = ["smtp_server"]

S = QuestionStatus
ALLOWED = {
    (S.OPEN, S.IN_PROGRESS),
    (S.IN_PROGRESS, S.OPEN),
    (S.OPEN, S.ANSWERED),
    (S.IN_PROGRESS, S.ANSWERED),
    (S.OPEN, S.CLOSED),
    (S.IN_PROGRESS, S.CLOSED),
    (S.ANSWERED, S.CLOSED),
}


@pytest.fixture
def region(db: None) -> Region:
    return region_build()


def _kinds(question: ContactQuestion) -> list[tuple[str, str, str]]:
    return list(
        ContactQuestionEvent.objects.filter(contact_question=question)
        .order_by("pk")
        .values_list("kind", "from_status", "to_status")
    )


def test_the_table_allows_exactly_these_moves(region: Region) -> None:
    for source in S:
        for target in S:
            if (source, target) in ALLOWED:
                transition_check(
                    LIFECYCLE,
                    current=source,
                    target=target,
                    actor=region.clerk,
                    municipality_id=region.kortrijk.pk,
                    reason="because",
                )
            else:
                with pytest.raises(ValidationError):
                    transition_check(
                        LIFECYCLE,
                        current=source,
                        target=target,
                        actor=region.clerk,
                        municipality_id=region.kortrijk.pk,
                        reason="because",
                    )
    # Without the permission in the question's municipality nobody moves it.
    with pytest.raises(PermissionDenied):
        transition_check(
            LIFECYCLE,
            current=S.OPEN,
            target=S.IN_PROGRESS,
            actor=region.menen_clerk,
            municipality_id=region.kortrijk.pk,
        )


def test_a_question_is_taken_answered_and_closed_with_its_history(region: Region) -> None:
    question = question_make(region, person_id=region.sofie.pk, department_id=region.population.pk)
    assert (question.status, question.channel, question.kind) == ("open", "phone", "question")
    assert question.due_at > question.created_at

    contact_question_take(actor=region.clerk, question_id=question.pk)
    question.refresh_from_db()
    assert (question.status, question.owner_id) == (S.IN_PROGRESS, region.clerk_user.pk)

    contact_question_answer(actor=region.clerk, question_id=question.pk, answer="Op maandag.")
    question.refresh_from_db()
    assert (question.status, question.answer_note) == (S.ANSWERED, "Op maandag.")
    moment = ContactMoment.objects.get()
    assert (moment.person_id, moment.channel, moment.outcome) == (
        region.sofie.pk,
        "phone",
        "answered",
    )
    told = Notification.objects.get(event="crm.question_answered")
    assert told.person_id == region.sofie.pk
    assert told.context["answer"] == "Op maandag."

    contact_question_close(actor=region.clerk, question_id=question.pk)
    question.refresh_from_db()
    assert question.status == S.CLOSED
    assert question.closed_at is not None
    assert _kinds(question) == [
        (EventKind.CREATED, "", "open"),
        (EventKind.ASSIGNED, "open", "in_progress"),
        (EventKind.STATUS, "in_progress", "answered"),
        (EventKind.STATUS, "answered", "closed"),
    ]
    # The history cannot be rewritten.
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        ContactQuestionEvent.objects.filter(contact_question=question).update(note="x")


def test_closing_an_unanswered_question_needs_a_reason_and_nothing_changes(
    region: Region,
) -> None:
    question = question_make(region)
    with pytest.raises(ValidationError) as refused:
        contact_question_close(actor=region.clerk, question_id=question.pk, reason=" ")
    assert "reason" in refused.value.error_dict
    question.refresh_from_db()
    assert question.status == S.OPEN
    assert len(_kinds(question)) == 1
    contact_question_close(actor=region.clerk, question_id=question.pk, reason="Dubbel.")
    with pytest.raises(ValidationError):
        contact_question_answer(actor=region.clerk, question_id=question.pk, answer="Te laat.")
    assert ContactMoment.objects.count() == 0


def test_a_resident_department_or_municipality_out_of_reach_is_refused_like_an_unknown_one(
    region: Region,
) -> None:
    menen_resident = PersonFactory(municipality=region.menen)
    for person_id in (menen_resident.pk, 987_654_321):
        with pytest.raises(ValidationError) as refused:
            question_make(region, person_id=person_id)
        with translation.override("en"):
            assert refused.value.message_dict == {
                "person_id": ["There is no such resident among those you may see."]
            }
    for department_id in (region.menen_desk.pk, 987_654_321):
        with pytest.raises(ValidationError) as refused:
            question_make(region, department_id=department_id)
        assert list(refused.value.message_dict) == ["department_id"]
    with pytest.raises(ValidationError) as refused:
        question_make(region, municipality_id=region.menen.pk)
    assert list(refused.value.message_dict) == ["municipality_id"]
    with pytest.raises(ValidationError) as refused:
        question_make(region, kind="callback", reply_phone="")
    assert list(refused.value.message_dict) == ["reply_phone"]
    assert ContactQuestion.objects.count() == 0
    assert ContactQuestionEvent.objects.count() == 0


def test_a_callback_takes_the_residents_phone_and_is_due_by_the_end_of_its_window(
    region: Region,
) -> None:
    until = hours_ago(-3)
    question = question_make(
        region,
        kind="callback",
        person_id=region.sofie.pk,
        callback_from=hours_ago(-1),
        callback_until=until,
    )
    assert question.reply_phone == "+32 470 12 34 56"
    assert question.due_at == until


def test_a_transfer_to_another_department_is_logged_and_tells_the_new_department(
    region: Region,
) -> None:
    question = question_make(region, department_id=region.population.pk)
    contact_question_take(actor=region.clerk, question_id=question.pk)
    mobility_member = UserFactory()
    MembershipFactory(
        user=mobility_member, municipality=region.kortrijk, department=region.mobility
    )

    contact_question_transfer(
        actor=region.clerk,
        question_id=question.pk,
        municipality_id=None,
        department_id=region.mobility.pk,
        reason="Gaat over parkeren.",
    )

    question.refresh_from_db()
    assert (question.department_id, question.owner_id, question.status) == (
        region.mobility.pk,
        None,
        S.OPEN,
    )
    event = ContactQuestionEvent.objects.filter(kind=EventKind.TRANSFERRED).get()
    assert (event.from_department_id, event.to_department_id, event.note) == (
        region.population.pk,
        region.mobility.pk,
        "Gaat over parkeren.",
    )
    assert (event.from_status, event.to_status) == ("in_progress", "open")
    assert Notification.objects.filter(staff_user=mobility_member).count() == 1


def test_after_a_transfer_to_another_municipality_only_regional_staff_still_see_it(
    region: Region,
) -> None:
    question = question_make(region)
    contact_question_transfer(
        actor=region.clerk,
        question_id=question.pk,
        municipality_id=region.menen.pk,
        department_id=region.menen_desk.pk,
        reason="Woont in Menen.",
    )
    with pytest.raises(Http404):
        contact_question_get_visible(actor=region.clerk, question_id=question.pk)
    with pytest.raises(Http404):
        contact_question_take(actor=region.clerk, question_id=question.pk)
    assert contact_question_get_visible(actor=region.menen_clerk, question_id=question.pk)
    assert contact_question_get_visible(actor=region.agent, question_id=question.pk)
    event = ContactQuestionEvent.objects.get(kind=EventKind.TRANSFERRED)
    assert (event.from_municipality_id, event.to_municipality_id) == (
        region.kortrijk.pk,
        region.menen.pk,
    )


def test_a_transfer_out_of_the_region_or_without_a_reason_writes_nothing(region: Region) -> None:
    question = question_make(region, department_id=region.population.pk)
    for municipality_id, department_id, reason, field in (
        (region.elsewhere.pk, None, "Elders.", "municipality_id"),
        (987_654_321, None, "Onbekend.", "municipality_id"),
        (None, region.menen_desk.pk, "Menen, zonder Menen te kiezen.", "department_id"),
        (None, region.population.pk, "Dezelfde dienst.", "department_id"),
        (region.menen.pk, None, "", "reason"),
    ):
        with pytest.raises(ValidationError) as refused:
            contact_question_transfer(
                actor=region.clerk,
                question_id=question.pk,
                municipality_id=municipality_id,
                department_id=department_id,
                reason=reason,
            )
        assert list(refused.value.message_dict) == [field]
    question.refresh_from_db()
    assert (question.municipality_id, question.department_id) == (
        region.kortrijk.pk,
        region.population.pk,
    )
    assert len(_kinds(question)) == 1
    # Staff of another region do not even find it.
    with pytest.raises(Http404):
        contact_question_transfer(
            actor=region.outsider,
            question_id=question.pk,
            municipality_id=region.elsewhere.pk,
            department_id=None,
            reason="Van mij.",
        )


def test_assigning_to_someone_who_does_not_handle_the_municipality_is_refused(
    region: Region,
) -> None:
    question = question_make(region)
    menen_user = staff_member(region.menen, Role.CLERK)
    with pytest.raises(ValidationError) as refused:
        contact_question_assign(actor=region.clerk, question_id=question.pk, owner_id=menen_user.pk)
    assert list(refused.value.message_dict) == ["owner_id"]
    contact_question_assign(
        actor=region.clerk, question_id=question.pk, owner_id=region.agent_user.pk
    )
    question.refresh_from_db()
    assert (question.owner_id, question.status) == (region.agent_user.pk, S.IN_PROGRESS)
    contact_question_assign(actor=region.clerk, question_id=question.pk, owner_id=None)
    question.refresh_from_db()
    assert (question.owner_id, question.status) == (None, S.OPEN)


def test_the_queue_filters_and_sorts_by_due_time(region: Region) -> None:
    late = question_make(region, question="Te laat", due_at=hours_ago(5))
    soon = question_make(region, question="Straks", due_at=hours_ago(-2))
    mine = question_make(
        region, question="Van mij", due_at=hours_ago(-1), department_id=region.mobility.pk
    )
    contact_question_take(actor=region.clerk, question_id=mine.pk)
    menen = question_make(region, actor=region.agent, municipality_id=region.menen.pk)
    answered = question_make(region, question="Klaar")
    contact_question_answer(actor=region.clerk, question_id=answered.pk, answer="Ja.")

    def ids(actor: object = None, **filters: object) -> list[int]:
        rows = contact_centre_queue(
            actor=actor or region.clerk, filters=ContactQueueFilter(**filters)
        )  # type: ignore[arg-type]
        return [row.pk for row in rows]

    assert ids() == [late.pk, mine.pk, soon.pk]
    assert ids(view=ContactQueueView.MINE) == [mine.pk]
    assert ids(view=ContactQueueView.UNASSIGNED) == [late.pk, soon.pk]
    assert ids(overdue_only=True) == [late.pk]
    assert ids(department_id=region.mobility.pk) == [mine.pk]
    assert ids(status="in_progress") == [mine.pk]
    assert ids(region.agent) == [late.pk, mine.pk, soon.pk, menen.pk]
    assert ids(region.agent, municipality_id=region.menen.pk) == [menen.pk]
    assert ids(region.outsider) == []
    assert contact_centre_counts(actor=region.clerk) == {
        "all": 3,
        "mine": 1,
        "unassigned": 2,
        "overdue": 1,
    }


def test_a_regional_agent_works_every_municipality_of_the_region(region: Region) -> None:
    agent = actor_for_user(region.agent_user)
    question = question_make(region, actor=agent, municipality_id=region.menen.pk)
    contact_question_take(actor=agent, question_id=question.pk)
    contact_question_transfer(
        actor=agent,
        question_id=question.pk,
        municipality_id=region.kortrijk.pk,
        department_id=None,
        reason="Kortrijk.",
    )
    contact_question_answer(actor=agent, question_id=question.pk, answer="Geregeld.")
    question.refresh_from_db()
    assert (question.municipality_id, question.status) == (region.kortrijk.pk, S.ANSWERED)
    assert ContactMoment.objects.get().municipality_id == region.kortrijk.pk


def test_a_visitor_known_only_by_an_email_address_gets_the_answer_by_email(
    region: Region, smtp_server: SmtpSink
) -> None:
    question = question_make(region, reply_email="bezoeker@example.org", language="fr")

    contact_question_answer(
        actor=region.clerk, question_id=question.pk, answer="Le lundi, devant la maison."
    )
    email = ContactQuestionAnswerEmail.objects.get()

    assert (email.email, email.status) == (
        "bezoeker@example.org",
        "queued",
    )
    job = ProcrastinateJob.objects.get(task_name=ANSWER_EMAIL_TASK)
    assert job.args == {"answer_email_id": email.pk}
    assert not Notification.objects.filter(event="crm.question_answered").exists()

    assert answer_email_deliver(answer_email_id=email.pk) is None
    assert answer_email_deliver(answer_email_id=email.pk) is None
    [message] = smtp_server.messages
    assert message["To"] == "bezoeker@example.org"
    assert message["Subject"] == "Réponse à votre question"
    assert message["Message-ID"] == email.message_id
    body = message.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    assert "Le lundi, devant la maison." in body
    assert "Bonjour habitant" in body
    email.refresh_from_db()
    assert email.status == "sent"


def test_no_email_when_staff_choose_not_to_send_the_answer(region: Region) -> None:
    question = question_make(region, reply_email="bezoeker@example.org")

    contact_question_answer(
        actor=region.clerk, question_id=question.pk, answer="Ja.", send_to_resident=False
    )

    assert not ContactQuestionAnswerEmail.objects.exists()
    assert not ProcrastinateJob.objects.filter(task_name=ANSWER_EMAIL_TASK).exists()


def test_an_answered_question_of_a_resident_asks_how_satisfied_they_were(region: Region) -> None:
    question = question_make(region, person_id=region.sofie.pk, department_id=region.population.pk)
    anonymous = question_make(region, reply_email="bezoeker@example.org")

    contact_question_answer(actor=region.clerk, question_id=question.pk, answer="Maandag.")
    contact_question_answer(actor=region.clerk, question_id=anonymous.pk, answer="Dinsdag.")

    job = ProcrastinateJob.objects.get(task_name="participation.satisfaction_invite")
    assert job.args["kind"] == "contact_question"
    assert job.args["reference"] == str(question.pk)
    assert (job.args["person_id"], job.args["department_id"]) == (
        region.sofie.pk,
        region.population.pk,
    )
