"""A clerk of Kortrijk in a real browser works the contact centre's queue: she opens it,
takes a question, answers it, and the question leaves the queue. axe-core finds no WCAG 2.1
AA violation on the queue and the question's page."""

from __future__ import annotations

from typing import Any

import pytest

from loket.crm.models import ContactQuestion
from tests.crm.contact_centre_helpers import Region, question_make, region_build
from tests.e2e.conftest import assert_no_axe_violations, staff_second_step

PASSWORD = "correct-horse-battery"
QUEUE = "/backoffice/contactcenter/"


@pytest.fixture
def region(transactional_db: None) -> Region:
    return region_build()


def test_a_clerk_takes_and_answers_a_question_and_it_leaves_the_queue(
    page: Any, region: Region
) -> None:
    question = question_make(region, question="Wanneer wordt het grofvuil opgehaald?")
    other = question_make(region, question="Mag ik een kippenhok bouwen?")
    page.goto("/backoffice/")
    page.locator("input[name=username]").fill(region.clerk_user.username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form[action='/backoffice/aanmelden/'] button[type=submit]").click()
    staff_second_step(page, region.clerk_user.username)

    page.goto(QUEUE)
    link = page.locator(f"main a[href='/backoffice/contactcenter/{question.pk}/']")
    assert link.count() == 1
    assert page.locator(f"main a[href='/backoffice/contactcenter/{other.pk}/']").count() == 1
    assert_no_axe_violations(page)

    link.click()
    page.wait_for_url(f"**/backoffice/contactcenter/{question.pk}/")
    page.locator(f"form[action='/backoffice/contactcenter/{question.pk}/nemen/'] button").click()
    page.wait_for_url(f"**/backoffice/contactcenter/{question.pk}/")
    question.refresh_from_db()
    assert (question.status, question.owner_id) == ("in_progress", region.clerk_user.pk)
    assert_no_axe_violations(page)

    answer_form = page.locator(
        f"form[action='/backoffice/contactcenter/{question.pk}/antwoorden/']"
    )
    answer_form.locator("textarea[name=answer]").fill("Op maandag, aan de straatkant.")
    answer_form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    question.refresh_from_db()
    assert question.status == "answered"

    page.goto(QUEUE)
    assert page.locator(f"main a[href='/backoffice/contactcenter/{question.pk}/']").count() == 0
    assert page.locator(f"main a[href='/backoffice/contactcenter/{other.pk}/']").count() == 1
    assert ContactQuestion.objects.get(pk=other.pk).status == "open"
