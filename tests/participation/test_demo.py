"""The participation demo data loads twice without adding anything the second time, and
gives results that show."""

from __future__ import annotations

import datetime as dt

import pytest

from loket.demo.services import featured_national_numbers
from loket.participation.demo import DEMO_IDEAS, participation_demo_load
from loket.participation.models import (
    Idea,
    IdeaComment,
    IdeaVote,
    ResearchInvitation,
    SatisfactionAnswer,
    SatisfactionInvitation,
    SurveyAnswer,
)
from loket.participation.selectors import survey_results
from loket.participation.services.survey import period_start_of
from loket.tenancy.access import actor_for_user
from loket.tenancy.permissions import Role
from tests.factories import MunicipalityFactory, PersonFactory, staff_member

pytestmark = pytest.mark.django_db


def test_demo_load_is_idempotent_and_the_results_show() -> None:
    numbers = featured_national_numbers()
    kortrijk = MunicipalityFactory()
    staff_member(kortrijk, Role.CLERK, username="kortrijk.clerk")
    admin = staff_member(kortrijk, Role.MUNICIPAL_ADMIN, username="kortrijk.admin")
    PersonFactory(municipality=kortrijk, national_number=numbers["sofie"])
    for index in range(30):
        PersonFactory(municipality=kortrijk, birth_date=dt.date(1960 + index, 5, 1))

    first = participation_demo_load(residents=numbers)
    counts = (
        Idea.objects.count(),
        IdeaVote.objects.count(),
        IdeaComment.objects.count(),
        SurveyAnswer.objects.count(),
    )
    second = participation_demo_load(residents=numbers)

    assert (first.ideas, first.answers) == (len(DEMO_IDEAS), 24)
    assert (second.ideas, second.answers) == (0, 0)
    assert (first.satisfaction_answers, second.satisfaction_answers) == (6, 0)
    assert first.panel_members == second.panel_members == 8
    assert SatisfactionAnswer.objects.exclude(comment="").count() == 5
    assert SatisfactionInvitation.objects.filter(person__national_number=numbers["sofie"]).exists()
    assert ResearchInvitation.objects.filter(outcome="took_part").count() == 1
    assert counts == (
        Idea.objects.count(),
        IdeaVote.objects.count(),
        IdeaComment.objects.count(),
        SurveyAnswer.objects.count(),
    )
    declined = Idea.objects.get(public_status="declined")
    assert declined.decline_reason.startswith("De Grote Markt")
    assert Idea.objects.filter(status="submitted").count() == 1
    results = survey_results(
        actor=actor_for_user(admin),
        municipality_id=kortrijk.pk,
        period_start=period_start_of(period_months=1, day=dt.date.today()),
        dimension="area",
    )
    assert results.total == 24
    assert any(cell.answers for cell in results.cells)
