"""The privacy officer in a real browser: the home page leads to the access log and the
menu offers nothing the role may not open; the filters work without JavaScript (a plain GET
form) and, with htmx, update the results in place and in the address bar; the export link
carries the filters. axe-core finds no WCAG 2.1 AA violation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from loket.audit.models import AccessChannel, AccessPurpose
from loket.audit.services import access_log_record
from loket.tenancy.access import actor_for_user
from loket.tenancy.permissions import Role
from loket.tenancy.services import municipality_create_from_nis, region_create
from tests.e2e.conftest import assert_no_axe_violations, staff_second_step
from tests.factories import PersonFactory, staff_member

PASSWORD = "correct-horse-battery"


@pytest.fixture
def kortrijk(transactional_db: None, settings: Any, tmp_path: Path) -> Any:
    region = region_create(
        slug="zuid-west-vlaanderen",
        name_nl="Zuid-West-Vlaanderen",
        name_fr="Flandre occidentale du Sud-Ouest",
    )
    kortrijk = municipality_create_from_nis(region=region, nis_code="34022")
    els = staff_member(kortrijk, Role.CLERK, first_name="Els", last_name="Vermeulen")
    bart = staff_member(kortrijk, Role.HANDLER, first_name="Bart", last_name="Claeys")
    sofie = PersonFactory(municipality=kortrijk, first_names="Sofie", last_name="Dewitte")
    jan = PersonFactory(municipality=kortrijk, first_names="Jan", last_name="Peeters")
    for reader, person, purpose in (
        (els, sofie, AccessPurpose.COUNTER_VISIT),
        (els, jan, AccessPurpose.PHONE_CALL),
        (bart, sofie, AccessPurpose.CASE_HANDLING),
    ):
        access_log_record(
            actor=actor_for_user(reader),
            person=person,
            purpose=purpose,
            what="resident detail",
            channel=AccessChannel.WEB,
            municipality_id=kortrijk.pk,
        )
    staff_member(kortrijk, Role.PRIVACY_OFFICER, username="kortrijk.privacy")
    return kortrijk


def _sign_in(page: Any) -> None:
    page.goto("/backoffice/")
    page.locator("input[name=username]").fill("kortrijk.privacy")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form[action='/backoffice/aanmelden/'] button[type=submit]").click()
    staff_second_step(page, "kortrijk.privacy")
    page.wait_for_url("**/backoffice/")


def _rows(page: Any) -> list[str]:
    cells = page.locator("#access-log-results tbody tr td:nth-child(5)")
    return sorted(cells.all_inner_texts())


def test_the_privacy_officer_searches_the_access_log_in_place(page: Any, kortrijk: Any) -> None:
    _sign_in(page)
    navigation = page.locator("nav.site-nav").inner_html()
    assert "/backoffice/inwoners/" not in navigation
    assert "/backoffice/toegangslog/" in navigation
    assert_no_axe_violations(page)

    page.locator("main a[href='/backoffice/toegangslog/']").click()
    page.wait_for_url("**/backoffice/toegangslog/")
    assert _rows(page) == ["Jan Peeters", "Sofie Dewitte", "Sofie Dewitte"]
    assert_no_axe_violations(page)

    page.locator("#id_resident").fill("dewitte")
    page.locator("#id_purpose").select_option("case_handling")
    with page.expect_response(lambda response: "toegangslog/?" in response.url) as answer:
        page.locator("form[role=search] button[type=submit]").click()
    assert answer.value.request.headers.get("hx-request") == "true"
    page.wait_for_url("**/backoffice/toegangslog/?*purpose=case_handling*")
    count = page.locator("[data-testid=access-log-count]")
    count.get_by_text("1 regel komt overeen.").wait_for()
    assert _rows(page) == ["Sofie Dewitte"]
    export = count.locator("a").get_attribute("href")
    assert export is not None
    assert export.startswith("/backoffice/toegangslog/export/?")
    assert "resident=dewitte" in export
    assert "purpose=case_handling" in export

    page.locator("#id_date_from").fill("2026-12-10")
    page.locator("#id_date_to").fill("2026-12-01")
    page.locator("form[role=search] button[type=submit]").click()
    page.locator(".error-summary").get_by_text(
        "De einddatum kan niet vóór de begindatum liggen."
    ).wait_for()
    assert _rows(page) == []
    assert_no_axe_violations(page)


def test_without_javascript_the_filters_are_a_plain_form(
    browser: Any, live_server: Any, kortrijk: Any
) -> None:
    context = browser.new_context(
        locale="nl-BE", base_url=live_server.url, java_script_enabled=False
    )
    page = context.new_page()
    try:
        _sign_in(page)
        page.goto("/backoffice/toegangslog/")
        page.locator("#id_staff").fill("vermeulen")
        page.locator("form[role=search] button[type=submit]").click()
        page.wait_for_url("**/backoffice/toegangslog/?*staff=vermeulen*")
        assert _rows(page) == ["Jan Peeters", "Sofie Dewitte"]
        assert "2 regels komen overeen." in page.locator("main").inner_text()
    finally:
        context.close()
