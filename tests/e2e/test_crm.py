"""A counter clerk in a real browser: she opens a resident's 360° view for a purpose, sees
the request, report, payment, appointment and the proactive service's suggestion in one
timeline, filters it in place, and records a phone call with the keyboard alone in three
fields; the contact then shows in the timeline. axe-core finds no WCAG 2.1 AA violation on
the pages she uses."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.crm.helpers import Resident, resident_build
from tests.e2e.conftest import assert_no_axe_violations, staff_second_step

PASSWORD = "correct-horse-battery"


@pytest.fixture
def sofie(transactional_db: None, settings: Any, tmp_path: Any) -> Resident:
    settings.MEDIA_ROOT = tmp_path / "media"
    return resident_build()


def _sign_in(page: Any, username: str) -> None:
    page.goto("/backoffice/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form[action='/backoffice/aanmelden/'] button[type=submit]").click()
    staff_second_step(page, username)
    page.wait_for_url("**/backoffice/")


def _timeline_kinds(page: Any) -> list[str]:
    return page.locator("#resident-timeline-results tbody tr").evaluate_all(
        "rows => rows.map(row => row.dataset.kind)"
    )


def test_a_clerk_records_a_phone_call_from_the_360_view_with_the_keyboard(
    page: Any, sofie: Resident
) -> None:
    _sign_in(page, sofie.clerk.username)
    page.goto(f"/backoffice/inwoners/{sofie.person.pk}/")
    page.locator("#purpose-phone_call").check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*purpose=phone_call.*"))

    timeline = page.locator("#resident-timeline-results")
    for href in (
        f"/backoffice/dossiers/{sofie.case.pk}/",
        f"/backoffice/meldingen/{sofie.report.pk}/",
        f"/backoffice/betalingen/{sofie.payment.pk}/",
        f"/backoffice/afspraken/{sofie.appointment.pk}/",
    ):
        assert timeline.locator(f"a[href='{href}']").count() == 1, href
    assert timeline.locator(f"a[href='/backoffice/dossiers/{sofie.menen_case.pk}/']").count() == 0
    # The proactive service's suggestion of her municipality (not Menen's) is in it too.
    from loket.crm.models import Suggestion

    for suggestion in Suggestion.objects.filter(person=sofie.person):
        shown = timeline.locator(f"a[href='/backoffice/suggesties/{suggestion.pk}/']").count()
        assert shown == (1 if suggestion.municipality_id == sofie.place.kortrijk.pk else 0)
    assert_no_axe_violations(page)

    # Filtering happens in place (htmx) and lands in the address bar.
    with page.expect_response(lambda response: "kind=payments" in response.url):
        page.locator("#timeline-kind").select_option("payments")
    page.wait_for_function(
        "() => [...document.querySelectorAll('#resident-timeline-results tbody tr')]"
        ".every(row => row.dataset.kind === 'payments')"
    )
    assert "kind=payments" in page.url
    assert set(_timeline_kinds(page)) == {"payments"}
    page.locator("#timeline-kind").select_option("")
    page.wait_for_function(
        "() => document.querySelectorAll('#resident-timeline-results tbody tr').length > 3"
    )

    # From here on, the keyboard alone.
    page.locator("#record-contact").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/backoffice/contacten/nieuw/**")
    assert page.locator("#contact-resident-name").inner_text() == "Sofie Vandenbroucke"
    assert page.evaluate("document.activeElement.id") == "id_channel"
    assert_no_axe_violations(page)

    page.keyboard.type("Tel")  # 1. the channel: "Telefonisch"
    page.keyboard.press("Tab")
    page.keyboard.type("Bewonerskaart (parkeren)")  # 2. the subject: a catalogue product
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    page.keyboard.type("Vroeg of de bewonerskaart online verlengd kan worden.")  # 3. summary
    assert page.locator("#id_channel").input_value() == "phone"
    page.keyboard.press("Tab")  # "More details" stays closed
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Contact registreren"
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(rf".*/backoffice/inwoners/{sofie.person.pk}/\?purpose=phone_call"))
    assert "Het contact is geregistreerd." in page.locator(".messages").inner_text()
    row = page.locator("#resident-timeline-results tbody tr", has_text="Bewonerskaart (parkeren)")
    assert row.count() == 1
    assert row.get_attribute("data-kind") == "contacts"
    assert "Telefonisch" in row.inner_text()
    assert_no_axe_violations(page)
