"""Appointments in a real browser: a resident without an account books an appointment,
opens the manage link from the e-mail (a real SMTP server), moves the appointment, then
cancels it - with no WCAG 2.1 AA violation found by axe-core on the way."""

from __future__ import annotations

import re
from typing import Any

import pytest

from loket.appointments.guest_messages import guest_message_deliver
from loket.appointments.models import Appointment, GuestMessage
from loket.tenancy.services import municipality_create_from_nis, region_create
from tests.appointments.helpers import office_with_desks
from tests.e2e.conftest import assert_no_axe_violations
from tests.notify.conftest import SmtpSink, smtp_server

__all__ = ["smtp_server"]


@pytest.fixture
def kortrijk(transactional_db: None, settings: Any) -> Any:
    settings.LOKET_NOTIFY_QUIET_HOURS = ""
    region = region_create(
        slug="zuid-west-vlaanderen",
        name_nl="Zuid-West-Vlaanderen",
        name_fr="Flandre occidentale du Sud-Ouest",
    )
    municipality = municipality_create_from_nis(region=region, nis_code="34022")
    office_with_desks(municipality=municipality)
    return municipality


def _deliver_queued() -> None:
    """What the worker does with the queued messages."""
    for message_id in GuestMessage.objects.filter(status="queued").values_list("pk", flat=True):
        guest_message_deliver(guest_message_id=message_id)


def test_a_guest_books_then_moves_and_cancels_with_the_link_from_the_email(
    page: Any, kortrijk: Any, smtp_server: SmtpSink
) -> None:
    page.goto(f"/{kortrijk.slug}/afspraken/eid-card/")
    assert_no_axe_violations(page)
    page.check("#slot-1")
    page.fill("#id_name", "Ann Desmet")
    page.fill("#id_email", "ann@example.test")
    page.get_by_role("button", name="Deze afspraak boeken").click()
    page.wait_for_url("**/afspraken/geboekt/")
    assert page.get_by_role("heading", level=1).inner_text() == "Uw afspraak is geboekt"
    assert_no_axe_violations(page)
    appointment = Appointment.objects.get()
    first_time = appointment.starts_at

    _deliver_queued()
    [mail] = smtp_server.messages
    assert mail["To"] == "ann@example.test"
    body = mail.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    [path] = re.findall(r"/afspraken/beheer/[A-Za-z0-9_-]+/", body)
    assert [part.get_content_type() for part in mail.iter_attachments()] == ["text/calendar"]

    page.goto(path)
    assert appointment.reference in page.content()
    assert_no_axe_violations(page)
    page.check("#slot-3")
    page.get_by_role("button", name="Mijn afspraak verplaatsen").click()
    page.wait_for_selector(".messages")
    assert "Uw afspraak is verplaatst" in page.locator(".messages").inner_text()
    appointment.refresh_from_db()
    assert appointment.starts_at != first_time
    assert appointment.status == "booked"

    page.get_by_role("button", name="Mijn afspraak annuleren").click()
    page.wait_for_selector("h1:has-text('Uw afspraak is geannuleerd')")
    assert_no_axe_violations(page)
    appointment.refresh_from_db()
    assert appointment.status == "cancelled"

    page.goto(path)
    assert "Deze link werkt niet" in page.get_by_role("heading", level=1).inner_text()
