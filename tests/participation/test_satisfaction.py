"""Satisfaction after a service: the job deferred by the delivering domain, at most one
question per resident per week (the database decides, also at the same moment), one answer
per question, the signed link, and the staff page per municipality."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.backends.postgresql.psycopg_any import DateRange
from django.http import Http404
from django.test import Client
from django.urls import reverse
from procrastinate.contrib.django.models import ProcrastinateJob

from loket.notify.after_service import ServiceDone, ServiceKind, service_done
from loket.notify.models import Notification
from loket.participation.models import SatisfactionAnswer, SatisfactionInvitation
from loket.participation.services import satisfaction_answer, satisfaction_invite
from loket.participation.services.satisfaction import (
    satisfaction_invitation_from_token,
    satisfaction_link_token,
)
from loket.people.models import Consent, ConsentPurpose, Person
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.factories import DepartmentFactory, PersonFactory, staff_member
from tests.web.helpers import sign_in_resident

pytestmark = pytest.mark.django_db

TASK = "participation.satisfaction_invite"


def _invite(
    person: Person, reference: str = "1", **kwargs: object
) -> SatisfactionInvitation | None:
    return satisfaction_invite(
        kind=ServiceKind.CASE,
        reference=reference,
        municipality_id=person.municipality_id,
        person_id=person.pk,
        subject_code="parking-card",
        subject_name="Bewonerskaart",
        **kwargs,  # type: ignore[arg-type]
    )


def test_a_delivered_service_defers_the_question_in_the_same_transaction(
    resident: Person,
) -> None:
    done = ServiceDone(
        kind=ServiceKind.REPORT,
        reference="7-9",
        municipality_id=resident.municipality_id,
        person_id=resident.pk,
    )

    def delivered_then_failed() -> None:
        with transaction.atomic():
            service_done(done=done)
            raise RuntimeError("the delivering service failed afterwards")

    with pytest.raises(RuntimeError):
        delivered_then_failed()
    assert not ProcrastinateJob.objects.filter(task_name=TASK).exists()

    service_done(done=done)

    job = ProcrastinateJob.objects.get(task_name=TASK)
    assert job.args["kind"] == "report"
    assert job.args["person_id"] == resident.pk


def test_the_question_goes_out_with_a_signed_link(resident: Person) -> None:
    invitation = _invite(resident)

    assert invitation is not None
    sent = Notification.objects.get(event="participation.satisfaction_invitation")
    assert sent.person_id == resident.pk
    token = satisfaction_link_token(invitation=invitation)
    assert satisfaction_invitation_from_token(token=token) == invitation
    with pytest.raises(Http404):
        satisfaction_invitation_from_token(token=token[:-2] + "xx")


def test_at_most_one_question_a_week_per_resident(resident: Person) -> None:
    today = dt.date(2026, 3, 2)
    assert _invite(resident, "1", today=today) is not None
    assert _invite(resident, "2", today=today + dt.timedelta(days=6)) is None
    assert _invite(resident, "3", today=today + dt.timedelta(days=7)) is not None
    assert SatisfactionInvitation.objects.filter(person=resident).count() == 2
    assert Notification.objects.filter(person=resident).count() == 2


def test_the_database_itself_refuses_a_second_question_in_the_week(resident: Person) -> None:
    day = dt.date(2026, 3, 2)
    fields = {
        "municipality_id": resident.municipality_id,
        "person": resident,
        "service_kind": ServiceKind.CASE,
        "invited_on": day,
        "window": DateRange(day, day + dt.timedelta(days=7)),
    }
    SatisfactionInvitation.objects.create(service_reference="a", **fields)
    later = day + dt.timedelta(days=3)
    fields |= {"invited_on": later, "window": DateRange(later, later + dt.timedelta(days=7))}
    with pytest.raises(IntegrityError), transaction.atomic():
        SatisfactionInvitation.objects.create(service_reference="b", **fields)


def test_a_resident_who_said_no_to_surveys_is_not_asked(resident: Person) -> None:
    Consent.objects.create(person=resident, purpose=ConsentPurpose.SURVEYS, granted=False)

    assert _invite(resident) is None
    assert not SatisfactionInvitation.objects.exists()
    assert not Notification.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_questions_for_one_resident_make_one(municipality: Municipality) -> None:
    person = PersonFactory(municipality=municipality)
    start = threading.Barrier(4)
    outcomes: list[bool] = []

    def invite(reference: str) -> None:
        try:
            start.wait()
            outcomes.append(_invite(person, reference) is not None)
        finally:
            connection.close()

    threads = [threading.Thread(target=invite, args=(str(n),)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == [False, False, False, True]
    assert SatisfactionInvitation.objects.filter(person=person).count() == 1
    assert Notification.objects.filter(person=person).count() == 1


def test_one_answer_per_question(resident: Person) -> None:
    department = DepartmentFactory(municipality=resident.municipality)
    invitation = _invite(resident, department_id=department.pk)
    assert invitation is not None

    answer = satisfaction_answer(invitation=invitation, score=4, comment=" Vlot geholpen. ")

    assert (answer.score, answer.comment, answer.department_id) == (
        4,
        "Vlot geholpen.",
        department.pk,
    )
    assert (answer.service_kind, answer.subject_code) == ("case", "parking-card")
    with pytest.raises(ValidationError) as refused:
        satisfaction_answer(invitation=invitation, score=1)
    assert refused.value.message_dict["score"] == [
        "This question has been answered already. Thank you!"
    ]
    assert SatisfactionAnswer.objects.get().score == 4


def test_an_answer_is_checked(resident: Person) -> None:
    invitation = _invite(resident)
    assert invitation is not None
    with pytest.raises(ValidationError) as refused:
        satisfaction_answer(invitation=invitation, score=6, comment="x" * 2001)
    assert set(refused.value.message_dict) == {"score", "comment"}
    assert not SatisfactionAnswer.objects.exists()


def test_the_link_answers_without_signing_in_and_only_once(
    client: Client, resident: Person
) -> None:
    invitation = _invite(resident)
    assert invitation is not None
    url = reverse(
        "participation:satisfaction", args=[satisfaction_link_token(invitation=invitation)]
    )

    page = client.get(url)
    assert page.status_code == 200
    assert "Bewonerskaart" in page.content.decode()
    answered = client.post(url, {"score": "5", "comment": "Heel vriendelijk"})
    assert answered.status_code == 302
    again = client.post(url, {"score": "1", "comment": "Toch niet"})
    assert "Deze vraag is al beantwoord" in again.content.decode()
    assert list(SatisfactionAnswer.objects.values_list("score", "comment")) == [
        (5, "Heel vriendelijk")
    ]
    assert client.get(reverse("participation:satisfaction", args=["forged"])).status_code == 404


def test_a_signed_in_resident_answers_their_own_question_only(
    client: Client, resident: Person, municipality: Municipality
) -> None:
    invitation = _invite(resident)
    other = _invite(PersonFactory(municipality=municipality), "2")
    assert invitation is not None
    assert other is not None
    sign_in_resident(client, resident)

    listing = client.get(reverse("participation:my-satisfactions")).content.decode()
    assert reverse("participation:my-satisfaction", args=[invitation.pk]) in listing
    foreign = client.post(reverse("participation:my-satisfaction", args=[other.pk]), {"score": "2"})
    assert foreign.status_code == 404
    assert not SatisfactionAnswer.objects.exists()
    own = client.post(
        reverse("participation:my-satisfaction", args=[invitation.pk]), {"score": "3"}
    )
    assert own.status_code == 302
    assert SatisfactionAnswer.objects.get().invitation_id == invitation.pk


def test_staff_read_the_comments_of_their_own_municipality_only(
    resident: Person, other_municipality: Municipality
) -> None:
    department = DepartmentFactory(municipality=resident.municipality, name_nl="Mobiliteit")
    ours = _invite(resident, department_id=department.pk)
    theirs = _invite(PersonFactory(municipality=other_municipality), "2")
    assert ours is not None
    assert theirs is not None
    satisfaction_answer(invitation=ours, score=2, comment="Lang gewacht op de kaart")
    satisfaction_answer(invitation=theirs, score=5, comment="Geheim van de buren")
    client = Client()
    client.force_login(staff_member(resident.municipality, Role.CLERK))

    page = client.get(reverse("participation:backoffice-satisfaction"))

    text = page.content.decode()
    assert page.status_code == 200
    assert "Lang gewacht op de kaart" in text
    assert "Mobiliteit" in text
    assert "Geheim van de buren" not in text
    filtered = client.get(
        reverse("participation:backoffice-satisfaction"), {"department": department.pk + 999}
    )
    assert "Lang gewacht" not in filtered.content.decode()
    resident_client = Client()
    sign_in_resident(resident_client, resident)
    assert resident_client.get(reverse("participation:backoffice-satisfaction")).status_code in (
        302,
        403,
    )
