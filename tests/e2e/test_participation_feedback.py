"""In a real browser: a resident answers the satisfaction question from the link in the
message (without JavaScript, and without signing in), and joins the user panel; both pages
pass axe-core."""

from __future__ import annotations

import re
from typing import Any

import pytest

from loket.notify.after_service import ServiceKind
from loket.participation.models import PanelMember, SatisfactionAnswer
from loket.participation.panel.services import panel_interest_save
from loket.participation.services import satisfaction_invite
from loket.participation.services.satisfaction import satisfaction_link_token
from loket.tenancy.access import actor_for_user
from loket.tenancy.permissions import Role
from tests.e2e.conftest import assert_no_axe_violations
from tests.e2e.test_participation import _new_page, _resident_sign_in, kortrijk, no_script
from tests.factories import PersonFactory, staff_member

pytestmark = [pytest.mark.e2e]
__all__ = ["kortrijk", "no_script"]


def test_a_resident_answers_the_satisfaction_question_from_the_link(
    kortrijk: Any, no_script: Any, page: Any
) -> None:
    sofie = PersonFactory(municipality=kortrijk, first_names="Sofie", last_name="Tevreden")
    invitation = satisfaction_invite(
        kind=ServiceKind.CASE,
        reference="e2e",
        municipality_id=kortrijk.pk,
        person_id=sofie.pk,
        subject_name="Bewonerskaart (parkeren)",
    )
    assert invitation is not None
    url = f"/tevredenheid/{satisfaction_link_token(invitation=invitation)}/"

    page.goto(url)
    assert_no_axe_violations(page)
    plain = _new_page(no_script)
    plain.goto(url)
    plain.get_by_label("4").check()
    plain.get_by_label(re.compile("Opmerking voor de dienst")).fill("Vriendelijk geholpen")
    plain.get_by_role("button", name="Mijn antwoord versturen").click()
    plain.get_by_text(re.compile("Uw opmerking gaat naar de dienst")).wait_for()
    answer = SatisfactionAnswer.objects.get()
    assert (answer.score, answer.comment) == (4, "Vriendelijk geholpen")
    plain.goto(url)
    plain.get_by_text(re.compile("al beantwoord")).wait_for()


def test_a_resident_joins_the_user_panel(kortrijk: Any, page: Any) -> None:
    PersonFactory(municipality=kortrijk, first_names="Piet", last_name="Panel")
    admin = actor_for_user(staff_member(kortrijk, Role.MUNICIPAL_ADMIN, username="kim"))
    panel_interest_save(
        actor=admin,
        municipality_id=kortrijk.pk,
        name_nl="Nieuwe formulieren testen",
        name_fr="Tester de nouveaux formulaires",
        name_en="Testing new forms",
    )

    _resident_sign_in(page, "Piet Panel", "/mijn/panel/")
    assert_no_axe_violations(page)
    page.get_by_label("Nieuwe formulieren testen").check()
    page.get_by_role("button", name="Lid worden van het gebruikerspanel").click()
    page.get_by_text("Welkom in het gebruikerspanel.").wait_for()
    assert_no_axe_violations(page)
    member = PanelMember.objects.get()
    assert [i.name_nl for i in member.interests.all()] == ["Nieuwe formulieren testen"]
