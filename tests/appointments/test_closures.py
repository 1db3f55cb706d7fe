"""Closing an office for some days when appointments are booked in them: refused with their
number until staff confirm; then each appointment still to come is cancelled, the history
names the closure, and each resident is told why on their channel, in their language."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from loket.appointments.guest_messages import guest_message_deliver
from loket.appointments.models import (
    Appointment,
    AppointmentEvent,
    Closure,
    GuestMessage,
    ManageLink,
    OfficeProduct,
)
from loket.appointments.services import Holder, appointment_book, closure_add
from loket.notify.models import Notification
from loket.tenancy.access import actor_for_resident, actor_for_user
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.appointments.helpers import at, next_open_day
from tests.factories import PersonFactory, staff_member

pytestmark = pytest.mark.django_db

REASONS = {"reason_nl": "Brugdag", "reason_fr": "Jour de pont", "reason_en": "Bridge day"}


@pytest.fixture
def admin_actor(municipality: Municipality):  # type: ignore[no-untyped-def]
    return actor_for_user(staff_member(municipality, Role.MUNICIPAL_ADMIN))


def _three_appointments(office_product: OfficeProduct, municipality: Municipality):  # type: ignore[no-untyped-def]
    """A resident's and a French-speaking guest's appointment on the closed day, and one on
    the next working day."""
    day = next_open_day()
    resident = PersonFactory(municipality=municipality, preferred_language="nl")
    clerk = actor_for_user(staff_member(municipality, Role.CLERK))
    mine = appointment_book(
        actor=actor_for_resident(resident.pk),
        office_product=office_product,
        starts_at=at(day, 9),
        holder=Holder(person=resident),
    ).appointment
    guest = appointment_book(
        actor=clerk,
        office_product=office_product,
        starts_at=at(day, 14),
        holder=Holder(name="Claire Dubois", email="claire@example.test", language="fr"),
        channel="phone",
    )
    later = appointment_book(
        actor=clerk,
        office_product=office_product,
        starts_at=at(next_open_day(after_days=(day - timezone.localdate()).days + 1), 9),
        holder=Holder(name="Jan Later", email="jan@example.test"),
        channel="phone",
    ).appointment
    return day, mine, guest, later


def test_a_closure_over_booked_days_is_refused_with_their_number_until_confirmed(
    municipality: Municipality, office_product: OfficeProduct, admin_actor
) -> None:
    day, *_rest = _three_appointments(office_product, municipality)
    messages_before = (Notification.objects.count(), GuestMessage.objects.count())

    with pytest.raises(ValidationError) as refused:
        closure_add(actor=admin_actor, office=office_product.office, first_day=day, last_day=day)

    assert refused.value.message_dict == {
        "cancel_booked": [
            "2 appointments are booked in these days. Tick the box to cancel them and tell "
            "each resident, or choose other days."
        ]
    }
    assert Closure.objects.count() == 0
    assert set(Appointment.objects.values_list("status", flat=True)) == {"booked"}
    assert (Notification.objects.count(), GuestMessage.objects.count()) == messages_before


def test_confirmed_the_booked_appointments_are_cancelled_recorded_and_each_resident_told(
    municipality: Municipality, office_product: OfficeProduct, admin_actor
) -> None:
    day, mine, guest, later = _three_appointments(office_product, municipality)

    added = closure_add(
        actor=admin_actor,
        office=office_product.office,
        first_day=day,
        last_day=day,
        cancel_booked=True,
        **REASONS,
    )

    assert added.cancelled == 2
    statuses = dict(Appointment.objects.values_list("pk", "status"))
    assert statuses == {mine.pk: "cancelled", guest.appointment.pk: "cancelled", later.pk: "booked"}
    for appointment in (mine, guest.appointment):
        event = AppointmentEvent.objects.filter(appointment=appointment).latest("id")
        assert (event.from_status, event.to_status, event.data) == (
            "booked",
            "cancelled",
            {"closure_id": added.closure.pk},
        )
        assert event.message == "Cancelled: the office is closed on this day. Bridge day"
        assert event.actor_user_id == admin_actor.user.pk
    assert not ManageLink.objects.filter(
        appointment=guest.appointment, expires_at__gt=timezone.now()
    ).exists()
    # The resident of the register: through notify, in Dutch, with the reason and a link.
    told = Notification.objects.get(person=mine.person, event="appointment.office_closed")
    assert told.context["reason"] == "Brugdag"
    assert told.context["book_url"].endswith(f"/{municipality.slug}/afspraken/eid-card/")
    # The guest: by e-mail, in French.
    message = GuestMessage.objects.get(
        appointment=guest.appointment, notify_event="appointment.office_closed"
    )
    guest_message_deliver(guest_message_id=message.pk)
    sent = mail.outbox[-1]
    assert sent.to == ["claire@example.test"]
    assert sent.subject.startswith("Votre rendez-vous du")
    assert "est fermé le jour de votre rendez-vous" in sent.body
    assert ": Jour de pont." in sent.body
    assert f"/{municipality.slug}/afspraken/eid-card/" in sent.body


def test_an_appointment_of_the_closed_day_that_already_started_stays_for_the_desk(
    municipality: Municipality, office_product: OfficeProduct, admin_actor
) -> None:
    started = timezone.now() - dt.timedelta(minutes=30)
    earlier = Appointment.objects.create(
        municipality=municipality,
        office=office_product.office,
        desk=office_product.office.desks.get(),
        product=office_product.product,
        reference="PAST0001",
        starts_at=started,
        ends_at=started + dt.timedelta(minutes=15),
        channel="online",
        name="Al Geweest",
        holder_key="name:past",
    )
    today = timezone.localdate()

    added = closure_add(
        actor=admin_actor, office=office_product.office, first_day=today, last_day=today
    )

    assert added.cancelled == 0
    earlier.refresh_from_db()
    assert earlier.status == "booked"


def test_the_settings_page_asks_first_then_says_how_many_were_cancelled(
    municipality: Municipality, office_product: OfficeProduct
) -> None:
    day, _mine, _guest, _later = _three_appointments(office_product, municipality)
    client = Client(headers={"Accept-Language": "en"})
    client.force_login(staff_member(municipality, Role.MUNICIPAL_ADMIN, preferred_language="en"))
    url = f"/backoffice/afspraken/kantoren/{office_product.office_id}/sluitingen/"
    closure = {"first_day": day.isoformat(), "last_day": day.isoformat(), **REASONS}

    asked = client.post(url, closure)
    assert asked.status_code == 422
    assert "2 appointments are booked in these days." in asked.content.decode()
    assert Closure.objects.count() == 0

    done = client.post(url, {**closure, "cancel_booked": "on"}, follow=True)

    page = done.content.decode()
    assert done.redirect_chain[-1][1] == 302
    assert "The closure is added. 2 appointments in these days are cancelled" in page
    assert "2 appointments cancelled" in page  # next to the closure, for the next reader
    assert Appointment.objects.filter(status="cancelled").count() == 2


def test_a_closure_without_appointments_needs_no_confirmation(
    municipality: Municipality, office_product: OfficeProduct, admin_actor
) -> None:
    added = closure_add(
        actor=admin_actor,
        office=office_product.office,
        first_day=dt.date(2031, 5, 2),
        last_day=dt.date(2031, 5, 3),
    )

    assert (added.cancelled, Closure.objects.count()) == (0, 1)


def test_another_municipalitys_administrator_gets_404_and_nothing_changes(
    municipality: Municipality, other_municipality: Municipality, office_product: OfficeProduct
) -> None:
    day, *_rest = _three_appointments(office_product, municipality)
    client = Client()
    client.force_login(staff_member(other_municipality, Role.MUNICIPAL_ADMIN))

    response = client.post(
        f"/backoffice/afspraken/kantoren/{office_product.office_id}/sluitingen/",
        {"first_day": day.isoformat(), "last_day": day.isoformat(), "cancel_booked": "on"},
    )

    assert response.status_code == 404
    assert Closure.objects.count() == 0
    assert set(Appointment.objects.values_list("status", flat=True)) == {"booked"}
