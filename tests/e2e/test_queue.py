"""The walk-in queue in a real browser: a resident takes a ticket on the kiosk (which shows
the number and a QR code to follow it on a phone), the hall display (open in a second page)
shows it being called at a desk without a reload, and the ticket page on the phone follows.
axe-core finds no WCAG 2.1 AA violation on the way."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from loket.queue.links import ticket_id_of
from loket.queue.models import Ticket
from loket.tenancy.permissions import Role
from loket.tenancy.services import municipality_create_from_nis, region_create
from tests.e2e.conftest import assert_no_axe_violations, staff_second_step
from tests.factories import staff_member
from tests.queue.helpers import desk_make, office_make, queue_make

PASSWORD = "correct-horse-battery"


@pytest.fixture
def hall(transactional_db: None) -> Any:
    region = region_create(
        slug="zuid-west-vlaanderen", name_nl="Zuid-West-Vlaanderen", name_fr="Flandre SO"
    )
    municipality = municipality_create_from_nis(region=region, nis_code="34022")
    office = office_make(municipality, name="Stadhuis Kortrijk")
    desk = desk_make(office, "Balie 3")
    queue_make(office, "A", "Identiteitskaarten")
    queue_make(office, "B", "Attesten")
    staff_member(municipality, Role.CLERK, username="baliebediende", password=PASSWORD)
    return office, desk


def test_a_walk_in_ticket_is_taken_called_and_shown_on_the_display(page: Any, hall: Any) -> None:
    office, desk = hall

    # The display in the hall, open before anything happens.
    display = page.context.new_page()
    display.goto(f"/wachtrij/{office.pk}/scherm/")
    assert "Vandaag nog niemand opgeroepen." in display.locator("#display-announce").inner_text()
    assert_no_axe_violations(display)

    # The resident takes a ticket on the kiosk.
    page.goto(f"/wachtrij/{office.pk}/kiosk/")
    assert_no_axe_violations(page)
    page.get_by_role("button", name=re.compile("Attesten")).click()
    expect(page.locator(".queue-ticket-code")).to_have_text("B-001")
    assert_no_axe_violations(page)
    # The kiosk shows a QR code of the ticket's page; the resident's phone opens it.
    ticket = Ticket.objects.get()
    qr_src = page.locator("img.queue-qr").get_attribute("src") or ""
    token = qr_src.removeprefix("/wachtrij/ticket/").removesuffix("/qr.svg")
    assert ticket_id_of(token=token) == ticket.pk
    phone = page.context.new_page()
    ticket_url = f"/wachtrij/ticket/{token}/"
    phone.goto(ticket_url)
    assert_no_axe_violations(phone)
    page.get_by_role("link", name="Klaar — volgende bezoeker").click()
    page.wait_for_url(re.compile(r"/kiosk/$"))

    # The display shows the ticket waiting, without a reload.
    expect(display.locator("#display-queues")).to_contain_text("Attesten: 1 wachtend")

    # A clerk calls it at a desk.
    clerk = page.context.browser.new_context(
        locale="nl-BE", base_url=page.url.split("/wachtrij")[0]
    )
    desk_page = clerk.new_page()
    desk_page.goto("/backoffice/aanmelden/")
    desk_page.locator("input[name=username]").fill("baliebediende")
    desk_page.locator("input[name=password]").fill(PASSWORD)
    desk_page.locator("form[action='/backoffice/aanmelden/'] button[type=submit]").click()
    staff_second_step(desk_page, "baliebediende")
    desk_page.goto(f"/backoffice/wachtrij/balie/{desk.pk}/")
    assert_no_axe_violations(desk_page)
    desk_page.get_by_role("button", name="Volgende oproepen").click()
    assert desk_page.locator(".queue-desk-current").inner_text() == "B-001"

    # The display announces it without a reload; so does the ticket page.
    expect(display.locator("#display-announce")).to_contain_text("B-001")
    expect(display.locator("#display-announce")).to_contain_text("ga naar Balie 3")
    assert display.locator("#display-announce").get_attribute("aria-live") == "assertive"
    assert_no_axe_violations(display)
    expect(phone.locator("#ticket-live")).to_contain_text("ga naar Balie 3")
    assert phone.url.endswith(ticket_url)
    clerk.close()
