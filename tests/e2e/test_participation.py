"""Ideas in a real browser without JavaScript: a resident proposes an idea, a clerk
publishes it, a neighbour supports it (and takes the support back and gives it again) and
comments, the clerk declines it with a reason, and the public page shows the status and
its history. Then, with JavaScript, axe-core finds no WCAG 2.1 AA violation on the pages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from loket.notify.models import Notification
from loket.participation.models import Idea, IdeaComment, IdeaVote
from loket.participation.services import idea_moderate, idea_propose, survey_area_save
from loket.people.models import Consent, ConsentPurpose
from loket.tenancy.access import actor_for_resident, actor_for_user
from loket.tenancy.permissions import Role
from loket.tenancy.services import municipality_create_from_nis, region_create
from tests.e2e.conftest import assert_no_axe_violations, staff_second_step
from tests.factories import PersonFactory, staff_member

PASSWORD = "correct-horse-battery"


@pytest.fixture
def kortrijk(transactional_db: None, settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path / "media"
    region = region_create(
        slug="zuid-west-vlaanderen",
        name_nl="Zuid-West-Vlaanderen",
        name_fr="Flandre occidentale du Sud-Ouest",
    )
    return municipality_create_from_nis(region=region, nis_code="34022")


@pytest.fixture
def no_script(browser: Any, live_server: Any) -> Iterator[Any]:
    """A browser context with JavaScript switched off."""
    context = browser.new_context(
        locale="nl-BE", base_url=live_server.url, java_script_enabled=False
    )
    context.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(live_server.url) else route.abort()
        ),
    )
    yield context
    context.close()


def _new_page(context: Any) -> Any:
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def _resident_sign_in(page: Any, name: str, next_url: str) -> None:
    page.goto(f"/aanmelden/demo/?municipality=kortrijk&next={next_url}")
    page.get_by_role("button", name=re.compile(name)).click()
    page.wait_for_url(f"**{next_url}")


def _staff_sign_in(page: Any, username: str) -> None:
    page.goto("/backoffice/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form[action='/backoffice/aanmelden/'] button[type=submit]").click()
    staff_second_step(page, username)
    page.wait_for_url("**/backoffice/")


def test_the_idea_journey_works_without_javascript(kortrijk: Any, no_script: Any) -> None:
    PersonFactory(municipality=kortrijk, first_names="Anna", last_name="Auteur")
    PersonFactory(municipality=kortrijk, first_names="Bert", last_name="Buur")
    staff_member(kortrijk, Role.CLERK, username="kim")

    # Anna proposes.
    anna = _new_page(no_script)
    _resident_sign_in(anna, "Anna Auteur", "/mijn/ideeen/nieuw/")
    anna.locator("input[name=title]").fill("Een bank bij de Leie")
    anna.locator("textarea[name=body]").fill("Om even te rusten tijdens de wandeling.")
    anna.locator("main form button[type=submit]").click()
    anna.wait_for_url(re.compile(r"/mijn/ideeen/\d+/$"))
    idea = Idea.objects.get()
    assert idea.status == "submitted"
    anna.context.clear_cookies()

    # Kim publishes it from the moderation queue.
    staff_context = no_script.browser.new_context(
        locale="nl-BE", base_url=anna.url.split("/mijn/")[0], java_script_enabled=False
    )
    kim = _new_page(staff_context)
    _staff_sign_in(kim, "kim")
    kim.goto("/backoffice/ideeen/")
    kim.get_by_role("link", name="Een bank bij de Leie").click()
    kim.locator("select[name=to_status]").first.select_option("published")
    kim.locator(f"form[action='/backoffice/ideeen/{idea.pk}/moderatie/'] button").click()
    kim.wait_for_url(f"**/backoffice/ideeen/{idea.pk}/")
    idea.refresh_from_db()
    assert idea.status == "published"

    # Bert supports it, takes the support back, supports it again and comments.
    bert = _new_page(no_script)
    public_url = f"/{kortrijk.slug}/ideeen/{idea.pk}/"
    _resident_sign_in(bert, "Bert Buur", public_url)
    bert.locator("input[name=updates]").check()
    bert.locator(f"form[action='/mijn/ideeen/{idea.pk}/steunen/'] button").click()
    bert.wait_for_url(f"**{public_url}")
    assert IdeaVote.objects.filter(idea=idea).count() == 1
    bert.locator(f"form[action='/mijn/ideeen/{idea.pk}/niet-meer-steunen/'] button").click()
    bert.wait_for_url(f"**{public_url}")
    assert IdeaVote.objects.filter(idea=idea).count() == 0
    bert.locator("input[name=updates]").check()
    bert.locator(f"form[action='/mijn/ideeen/{idea.pk}/steunen/'] button").click()
    bert.wait_for_url(f"**{public_url}")
    assert bert.locator("#support-count").inner_text().startswith("1 ")
    bert.locator("textarea[name=body]").fill("Graag met een rugleuning.")
    bert.locator(f"form[action='/mijn/ideeen/{idea.pk}/reageren/'] button").click()
    bert.wait_for_url(f"**{public_url}#comments")
    assert IdeaComment.objects.get().body == "Graag met een rugleuning."

    # Kim declines it with the reason; everyone reads status and reason.
    kim.locator("select[name=to_status]").select_option("declined")
    kim.locator(f"form[action='/backoffice/ideeen/{idea.pk}/status/'] textarea").fill(
        "Er staat al een bank op twintig meter."
    )
    kim.locator(f"form[action='/backoffice/ideeen/{idea.pk}/status/'] button").click()
    kim.wait_for_url(f"**/backoffice/ideeen/{idea.pk}/")
    staff_context.close()

    visitor = _new_page(no_script)
    visitor.context.clear_cookies()
    visitor.goto(public_url)
    text = visitor.locator("main").inner_text()
    assert "Er staat al een bank op twintig meter." in text
    assert "Graag met een rugleuning." in text
    idea.refresh_from_db()
    assert (idea.public_status, IdeaVote.objects.filter(idea=idea).count()) == ("declined", 1)
    told = Notification.objects.filter(event="participation.idea_status_changed")
    assert sorted(told.values_list("person__first_names", flat=True)) == ["Anna", "Bert"]


def test_the_participation_pages_have_no_accessibility_violations(kortrijk: Any, page: Any) -> None:
    anna = PersonFactory(municipality=kortrijk, first_names="Anna", last_name="Auteur")
    Consent.objects.create(person=anna, purpose=ConsentPurpose.SURVEYS, granted=True)
    clerk = staff_member(kortrijk, Role.MUNICIPAL_ADMIN, username="kim")
    staff = actor_for_user(clerk)
    idea = idea_propose(actor=actor_for_resident(anna.pk), title="Meer bomen", body="Op de markt.")
    idea_moderate(actor=staff, idea_id=idea.pk, to_status="published")
    survey_area_save(
        actor=staff,
        municipality_id=kortrijk.pk,
        name_nl="Groen",
        name_fr="Verdure",
        name_en="Green",
    )

    page.goto(f"/{kortrijk.slug}/ideeen/")
    assert_no_axe_violations(page)
    _resident_sign_in(page, "Anna Auteur", f"/{kortrijk.slug}/ideeen/{idea.pk}/")
    assert_no_axe_violations(page)
    for url in ("/mijn/ideeen/", "/mijn/ideeen/nieuw/", f"/mijn/ideeen/{idea.pk}/", "/mijn/geluk/"):
        page.goto(url)
        assert_no_axe_violations(page)
    page.context.clear_cookies()
    _staff_sign_in(page, "kim")
    for url in (
        "/backoffice/ideeen/?status=published",
        f"/backoffice/ideeen/{idea.pk}/",
        f"/backoffice/geluk/{kortrijk.pk}/",
    ):
        page.goto(url)
        assert_no_axe_violations(page)
