"""In a real browser: the secretary prepares a meeting with three items (one for a case,
one closed), publishes the agenda, records the votes and decisions, and publishes the
meeting, which generates and signs its decision list and minutes; a resident finds the
decision in the public search (htmx) and opens its permanent address, but the closed item
answers 404; a councillor of the body reads the closed item in the councillors' portal.
axe-core finds no WCAG 2.1 AA violation on the pages on the way."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from loket.council.models import AgendaItem, Meeting
from loket.council.services import member_account_link
from loket.council.workflow import MeetingStatus
from loket.decisions.pki import demo_certificate_ensure
from loket.documents.models import Document
from loket.tenancy.access import actor_for_resident, actor_for_user
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.cases.helpers import certificate_request
from tests.catalog.helpers import catalog_product
from tests.council.helpers import Council, council_make
from tests.e2e.conftest import assert_no_axe_violations, staff_second_step
from tests.factories import MunicipalityFactory, PersonFactory, staff_member

PASSWORD = "correct-horse-battery"


@pytest.fixture
def town(transactional_db: None, settings: Any, tmp_path: Path) -> dict[str, Any]:
    settings.LOKET_DOCUMENT_STORAGE = "local"
    settings.LOKET_DOCUMENT_STORAGE_DIR = tmp_path / "documents"
    settings.LOKET_SIGNING_DIR = tmp_path / "signing"
    settings.LOKET_SIGNING_TRUST_ROOTS = []
    municipality: Municipality = MunicipalityFactory(slug="raadstad", name_nl="Raadstad")
    demo_certificate_ensure(municipality)
    secretary = staff_member(municipality, Role.SECRETARY, preferred_language="nl")
    council: Council = council_make(actor_for_user(secretary), municipality.pk)
    catalog_product("residence-certificate")
    applicant = PersonFactory(municipality=municipality)
    case = certificate_request(
        actor=actor_for_resident(applicant.pk), municipality=municipality, applicant=applicant
    )
    councillor = staff_member(municipality, Role.COUNCILLOR, preferred_language="nl")
    member_account_link(
        actor=actor_for_user(secretary),
        body_id=council.body.pk,
        mandate_id=council.mandates[2].pk,
        username=councillor.username,
    )
    return {
        "municipality": municipality,
        "secretary": secretary,
        "council": council,
        "case": case,
        "councillor": councillor,
    }


def _sign_in(page: Any, username: str) -> None:
    page.goto("/backoffice/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form[action='/backoffice/aanmelden/'] button[type=submit]").click()
    staff_second_step(page, username)


def _move(page: Any, meeting: Meeting, status: str) -> None:
    page.locator(f"form:has(input[name=to_status][value={status}]) button").click()
    page.wait_for_load_state()
    meeting.refresh_from_db()
    assert meeting.status == status


def _add_item(page: Any, title: str, *, public: bool = True, case_number: str = "") -> None:
    form = page.locator("main form:has([name=title])")
    form.locator("[name=title]").fill(title)
    form.locator("[name=draft_decision]").fill(f"De gemeenteraad beslist: {title}.")
    if not public:
        form.locator("[name=is_public]").uncheck()
    if case_number:
        form.locator("[name=case_number]").fill(case_number)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


def _record(page: Any, item: AgendaItem) -> None:
    page.goto(f"/backoffice/bestuur/punten/{item.pk}/")
    treatment = page.locator(f"form[action='/backoffice/bestuur/punten/{item.pk}/behandeling/']")
    if item.is_public:
        treatment.locator("[name=held_in_public]").check()
    treatment.locator("[name=decision_title]").fill(f"Besluit: {item.title}")
    treatment.locator("[name=decision_text]").fill(f"De gemeenteraad keurt {item.title} goed.")
    treatment.locator("button[type=submit]").click()
    page.wait_for_load_state()
    vote = page.locator(f"form[action='/backoffice/bestuur/punten/{item.pk}/stemmingen/']")
    vote.locator("[name=subject]").fill(f"Stemming over {item.title}")
    vote.locator("[name=outcome]").select_option("adopted")
    vote.locator("[name=count_for]").fill("3")
    vote.locator("[name=count_against]").fill("0")
    vote.locator("[name=count_abstain]").fill("0")
    vote.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert item.votes.count() == 1


def test_a_meeting_from_agenda_to_signed_decisions_found_by_residents_and_councillors(
    page: Any, browser: Any, live_server: Any, town: dict[str, Any]
) -> None:
    municipality = town["municipality"]
    _sign_in(page, town["secretary"].username)

    page.goto("/backoffice/bestuur/zittingen/nieuw/")
    page.locator("[name=body]").select_option(str(town["council"].body.pk))
    page.locator("[name=planned_start]").fill("2026-10-05T20:00")
    page.locator("[name=location]").fill("Raadzaal")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/backoffice/bestuur/zittingen/*/")
    meeting = Meeting.objects.get(body=town["council"].body)
    _add_item(page, "Heraanleg van de fietsstraten in het centrum")
    _add_item(page, "Verkoop van een perceel bouwgrond", case_number=town["case"].number)
    _add_item(page, "Tuchtdossier van een personeelslid", public=False)
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("position"))
    assert [(i.is_public, i.case_id) for i in items] == [
        (True, None),
        (True, town["case"].pk),
        (False, None),
    ]
    assert_no_axe_violations(page)

    _move(page, meeting, MeetingStatus.AGENDA_PUBLISHED)
    _move(page, meeting, MeetingStatus.HELD)
    for item in items:
        _record(page, item)
    assert_no_axe_violations(page)
    page.goto(f"/backoffice/bestuur/zittingen/{meeting.pk}/")
    _move(page, meeting, MeetingStatus.DECISIONS_RECORDED)
    _move(page, meeting, MeetingStatus.PUBLISHED)
    assert sorted(
        Document.objects.filter(owner_type="council_meeting", owner_id=meeting.pk).values_list(
            "kind", flat=True
        )
    ) == ["besluitenlijst", "notulen"]
    # The case's page names the agenda item it is on.
    page.goto(f"/backoffice/dossiers/{town['case'].pk}/")
    assert page.locator(f"#links a[href='/backoffice/bestuur/punten/{items[1].pk}/']").count() == 1

    # A resident searches the decisions (htmx fills the results while typing).
    resident = browser.new_context(locale="nl-BE", base_url=live_server.url)
    public = resident.new_page()
    public.goto(f"/{municipality.slug}/bestuur/besluiten/")
    public.locator("#decisions-q").fill("fietsstraat")
    decision = public.locator(
        f"#decisions-results a[href='/{municipality.slug}/bestuur/besluiten/{items[0].pk}/']"
    )
    decision.wait_for()
    assert public.locator("#decisions-results").inner_text().count("Tuchtdossier") == 0
    assert_no_axe_violations(public)
    decision.click()
    public.wait_for_url(f"**/bestuur/besluiten/{items[0].pk}/")
    assert (
        "Besluit: Heraanleg van de fietsstraten in het centrum" in public.locator("h1").inner_text()
    )
    assert_no_axe_violations(public)
    closed = public.goto(f"/{municipality.slug}/bestuur/besluiten/{items[2].pk}/")
    assert closed is not None
    assert closed.status == 404
    resident.close()

    # The councillor reads the closed item in the portal.
    page.context.clear_cookies()
    _sign_in(page, town["councillor"].username)
    page.goto(f"/backoffice/raadslid/zittingen/{meeting.pk}/")
    assert_no_axe_violations(page)
    page.locator(f"main a[href='/backoffice/raadslid/punten/{items[2].pk}/']").click()
    page.wait_for_url(f"**/backoffice/raadslid/punten/{items[2].pk}/")
    assert "Tuchtdossier van een personeelslid" in page.locator("h1").inner_text()
    page.locator("#note-text").fill("Vragen naar het advies van de jurist.")
    page.locator(
        f"form[action='/backoffice/raadslid/punten/{items[2].pk}/notitie/'] button"
    ).click()
    page.wait_for_load_state()
    assert page.locator("#note-text").input_value() == "Vragen naar het advies van de jurist."
    assert_no_axe_violations(page)
