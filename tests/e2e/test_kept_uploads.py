"""In a real browser: the parking-card form keeps the registration certificate when another
field has an error; the resident fixes the error and sends the form without choosing the
file again (and can take the kept file out)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from loket.cases.models import Case
from tests.e2e.conftest import assert_no_axe_violations
from tests.e2e.test_cases import _png, kortrijk, sofie  # noqa: F401 (fixtures)

FORM = "/kortrijk/producten/resident-parking-card/aanvragen/"


def test_the_parking_card_form_keeps_the_file_after_an_error(
    page: Any,
    live_server: Any,
    sofie: Any,  # noqa: F811
) -> None:
    page.goto(f"/aanmelden/demo/?municipality=kortrijk&next={FORM}")
    page.get_by_role("button", name="Sofie Vandenbroucke").first.click()
    page.wait_for_url(f"**{FORM}")
    page.locator("#f-licence_plate").fill("1-ABC-234")
    page.locator("#f-ownership-0").check()
    page.locator("#f-registration_certificate").set_input_files(
        files=[{"name": "inschrijvingsbewijs.png", "mimeType": "image/png", "buffer": _png()}]
    )
    page.locator("#f-declaration").check()
    # No start date: the form comes back with that error ...
    page.locator("button[name=action][value=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary a[href='#f-start_date']").count() == 1
    # ... and with the file, shown as already added, with a button to take it out.
    group = page.locator("#f-registration_certificate-group")
    assert "inschrijvingsbewijs.png" in group.inner_text()
    assert group.locator("button[name=remove_file]").count() == 1
    assert_no_axe_violations(page)

    page.locator("#f-start_date").fill(dt.date.today().isoformat())
    page.locator("button[name=action][value=submit]").click()
    page.wait_for_url("**/mijn/aanvragen/KORTRIJK-*/")
    case = Case.objects.get()
    assert [ref["name"] for ref in case.answers["registration_certificate"]] == [
        "inschrijvingsbewijs.png"
    ]


def test_a_form_back_with_errors_does_not_claim_it_was_saved_but_a_saved_one_does(
    page: Any,
    live_server: Any,
    sofie: Any,  # noqa: F811
) -> None:
    page.goto(f"/aanmelden/demo/?municipality=kortrijk&next={FORM}")
    page.get_by_role("button", name="Sofie Vandenbroucke").first.click()
    page.wait_for_url(f"**{FORM}")
    page.locator("#f-registration_certificate").set_input_files(
        files=[{"name": "inschrijvingsbewijs.png", "mimeType": "image/png", "buffer": _png()}]
    )
    page.locator("button[name=action][value=submit]").click()
    page.wait_for_load_state()

    # The file is kept (in a draft), but the resident saved nothing: no "you are continuing".
    assert (
        "inschrijvingsbewijs.png" in page.locator("#f-registration_certificate-group").inner_text()
    )
    assert page.locator(".page-header .message").count() == 0

    page.locator("#f-licence_plate").fill("1-ABC-234")
    page.locator("button[name=action][value=save]").click()
    page.wait_for_url("**?concept=*")

    assert (
        page.locator(".page-header .message")
        .inner_text()
        .startswith("U gaat verder met de aanvraag die u op ")
    )
    assert_no_axe_violations(page)
