"""The happiness survey: one answer per resident and period, answers apart from identity,
results never for fewer than 10 people."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404

from loket.notify.models import Notification
from loket.participation.models import SurveyAnswer, SurveyArea, SurveyParticipation
from loket.participation.selectors import survey_results
from loket.participation.services import (
    survey_answer,
    survey_area_save,
    survey_invitations_send,
    survey_schedule_save,
)
from loket.participation.services.survey import age_band_of, period_start_of
from loket.people.models import Consent, ConsentPurpose, Person
from loket.tenancy.access import Actor, actor_for_resident
from loket.tenancy.models import Municipality
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _opted_in(person: Person) -> Person:
    Consent.objects.create(person=person, purpose=ConsentPurpose.SURVEYS, granted=True)
    return person


@pytest.fixture
def areas(municipality: Municipality, manager: Actor) -> list[SurveyArea]:
    return [
        survey_area_save(
            actor=manager,
            municipality_id=municipality.pk,
            name_nl=name,
            name_fr=name,
            name_en=name,
            position=index,
        )
        for index, name in enumerate(["Groen", "Verkeer", "Cultuur", "Sport"])
    ]


def test_periods_start_in_january() -> None:
    assert period_start_of(period_months=1, day=dt.date(2026, 12, 4)) == dt.date(2026, 12, 1)
    assert period_start_of(period_months=3, day=dt.date(2026, 12, 4)) == dt.date(2026, 10, 1)
    assert period_start_of(period_months=12, day=dt.date(2026, 5, 4)) == dt.date(2026, 1, 1)
    assert age_band_of(dt.date(2000, 12, 5), dt.date(2026, 12, 4)) == "25-34"
    assert age_band_of(dt.date(2001, 12, 4), dt.date(2026, 12, 4)) == "25-34"
    assert age_band_of(dt.date(2002, 12, 5), dt.date(2026, 12, 4)) == "18-24"


def test_one_answer_per_resident_per_period(resident: Person, areas: list[SurveyArea]) -> None:
    actor = actor_for_resident(_opted_in(resident).pk)

    survey_answer(actor=actor, score=8, area_ids=[areas[0].pk, areas[2].pk])

    with pytest.raises(ValidationError) as refused:
        survey_answer(actor=actor, score=3, area_ids=[])
    assert refused.value.messages == ["You have already answered for this period. Thank you!"]
    assert SurveyParticipation.objects.count() == 1
    answer = SurveyAnswer.objects.get()
    assert (answer.score, answer.area_ids, answer.district) == (
        8,
        sorted([areas[0].pk, areas[2].pk]),
        "8500",
    )


def test_the_next_period_takes_a_new_answer(resident: Person, areas: list[SurveyArea]) -> None:
    actor = actor_for_resident(_opted_in(resident).pk)
    SurveyParticipation.objects.create(
        municipality=resident.municipality, person=resident, period_start=dt.date(2020, 1, 1)
    )

    survey_answer(actor=actor, score=6, area_ids=[])

    assert SurveyParticipation.objects.filter(person=resident).count() == 2


@pytest.mark.django_db(transaction=True)
def test_concurrent_answers_of_one_resident_make_one_answer(municipality: Municipality) -> None:
    person = _opted_in(PersonFactory(municipality=municipality))
    actor = actor_for_resident(person.pk)
    start = threading.Barrier(4)
    outcomes: list[str] = []

    def answer(score: int) -> None:
        try:
            start.wait()
            survey_answer(actor=actor, score=score, area_ids=[])
            outcomes.append("answered")
        except ValidationError as error:
            outcomes.append(error.code or "")
        finally:
            connection.close()

    threads = [threading.Thread(target=answer, args=(score,)) for score in (2, 4, 6, 8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["already_answered"] * 3 + ["answered"]
    assert SurveyParticipation.objects.count() == 1
    assert SurveyAnswer.objects.count() == 1


def test_the_answer_holds_nothing_that_points_at_the_resident(
    resident: Person, areas: list[SurveyArea]
) -> None:
    survey_answer(actor=actor_for_resident(_opted_in(resident).pk), score=7, area_ids=[])

    columns = {field.column for field in SurveyAnswer._meta.concrete_fields}
    assert columns == {
        "id",
        "municipality_id",
        "period_start",
        "score",
        "area_ids",
        "age_band",
        "district",
    }
    marker = {field.column for field in SurveyParticipation._meta.concrete_fields}
    assert marker == {"id", "municipality_id", "person_id", "period_start"}
    # The answer's key is random, so the order of answers says nothing about who came first.
    assert SurveyAnswer.objects.get().pk.version == 4


def test_only_residents_who_opted_in_answer(resident: Person, areas: list[SurveyArea]) -> None:
    with pytest.raises(PermissionDenied):
        survey_answer(actor=actor_for_resident(resident.pk), score=7, area_ids=[])
    Consent.objects.create(person=resident, purpose=ConsentPurpose.SURVEYS, granted=False)
    with pytest.raises(PermissionDenied):
        survey_answer(actor=actor_for_resident(resident.pk), score=7, area_ids=[])
    assert SurveyParticipation.objects.count() == 0


def test_an_answer_is_checked(
    resident: Person, areas: list[SurveyArea], other_municipality: Municipality, manager: Actor
) -> None:
    actor = actor_for_resident(_opted_in(resident).pk)
    with pytest.raises(ValidationError) as refused:
        survey_answer(actor=actor, score=11, area_ids=[area.pk for area in areas])
    assert refused.value.message_dict == {
        "score": ["Choose a score from 1 to 10."],
        "areas": ["Choose at most three areas."],
    }
    foreign = SurveyArea.objects.create(
        municipality=other_municipality, name_nl="X", name_fr="X", name_en="X"
    )
    with pytest.raises(ValidationError) as refused:
        survey_answer(actor=actor, score=5, area_ids=[foreign.pk])
    assert refused.value.message_dict == {"areas": ["Choose among the areas offered."]}
    assert SurveyParticipation.objects.count() == 0
    assert SurveyAnswer.objects.count() == 0


def test_a_municipality_that_stopped_asking_takes_no_answer(
    resident: Person, manager: Actor
) -> None:
    survey_schedule_save(
        actor=manager, municipality_id=resident.municipality_id, period_months=3, is_active=False
    )
    with pytest.raises(ValidationError):
        survey_answer(actor=actor_for_resident(_opted_in(resident).pk), score=5, area_ids=[])
    assert SurveyParticipation.objects.count() == 0


def _answers(municipality: Municipality, count: int, **fields: object) -> None:
    period = period_start_of(period_months=1, day=dt.date.today())
    values = {"score": 7, "age_band": "25-34", "district": "8500", "area_ids": []} | fields
    SurveyAnswer.objects.bulk_create(
        [
            SurveyAnswer(municipality=municipality, period_start=period, **values)  # type: ignore[arg-type]
            for _ in range(count)
        ]
    )


def _results(manager: Actor, municipality: Municipality, dimension: str):  # type: ignore[no-untyped-def]
    period = period_start_of(period_months=1, day=dt.date.today())
    return survey_results(
        actor=manager, municipality_id=municipality.pk, period_start=period, dimension=dimension
    )


def test_results_with_nine_answers_show_nothing(municipality: Municipality, manager: Actor) -> None:
    _answers(municipality, 9)

    results = _results(manager, municipality, "municipality")

    assert (results.total, results.average) == (None, None)
    assert _results(manager, municipality, "age_band").cells == ()


def test_results_with_ten_answers_show_the_average(
    municipality: Municipality, manager: Actor
) -> None:
    _answers(municipality, 9)
    _answers(municipality, 1, score=2)

    results = _results(manager, municipality, "municipality")

    assert (results.total, results.average) == (10, 6.5)


def test_a_group_of_nine_is_suppressed_and_cannot_be_worked_out(
    municipality: Municipality, manager: Actor
) -> None:
    _answers(municipality, 10, age_band="25-34", score=8)
    _answers(municipality, 12, age_band="35-44", score=6)
    _answers(municipality, 9, age_band="65-74", score=2)

    results = _results(manager, municipality, "age_band")

    assert results.total == 31
    # The group of 9 joins the smallest shown group (10), so neither can be subtracted.
    assert [(cell.label, cell.answers, cell.average) for cell in results.cells] == [
        ("35-44", 12, 6.0)
    ]
    assert results.other is not None
    assert (results.other.answers, results.other.average) == (19, 5.2)


def test_groups_of_ten_are_shown(municipality: Municipality, manager: Actor) -> None:
    _answers(municipality, 10, district="8500", score=8)
    _answers(municipality, 10, district="8510", score=6)

    results = _results(manager, municipality, "district")

    assert [(cell.label, cell.answers, cell.average) for cell in results.cells] == [
        ("8500", 10, 8.0),
        ("8510", 10, 6.0),
    ]
    assert results.other is None


def test_results_by_area_suppress_areas_picked_by_fewer_than_ten(
    municipality: Municipality, manager: Actor, areas: list[SurveyArea]
) -> None:
    _answers(municipality, 10, area_ids=[areas[0].pk, areas[1].pk])
    _answers(municipality, 9, area_ids=[areas[1].pk])

    results = _results(manager, municipality, "area")

    shown = {cell.label: cell.answers for cell in results.cells}
    assert shown == {"Verkeer": 19, "Groen": 10}
    _answers(municipality, 9, area_ids=[areas[2].pk])
    results = _results(manager, municipality, "area")
    assert {cell.label: cell.answers for cell in results.cells}["Cultuur"] is None


def test_results_of_another_municipality_are_out_of_reach(
    municipality: Municipality, foreign_moderator: Actor, moderator: Actor
) -> None:
    _answers(municipality, 10)
    for actor in (foreign_moderator, moderator):  # a clerk does not manage the survey
        with pytest.raises(Http404):
            _results(actor, municipality, "municipality")


def test_invitations_go_once_per_period_to_residents_who_opted_in(
    municipality: Municipality, areas: list[SurveyArea]
) -> None:
    yes = _opted_in(PersonFactory(municipality=municipality))
    PersonFactory(municipality=municipality)  # never said yes

    assert survey_invitations_send() == 1
    survey_invitations_send()

    sent = Notification.objects.filter(event="participation.happiness_invitation")
    assert list(sent.values_list("person_id", flat=True)) == [yes.pk]
