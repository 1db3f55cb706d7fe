"""Outreach: a clerk marks a resident who cannot come, plans a home visit, finds it on the
day's route list in address order, records it as a contact moment on the home-visit
channel; every opening is in the access log; another municipality's answers 404 and
writes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from loket.audit.models import AccessLogEntry
from loket.crm.models import CannotCome, ContactMoment, HomeVisit
from loket.people.models import Address, Person
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.factories import PersonFactory, staff_member

pytestmark = pytest.mark.django_db


def _living_at(municipality: Municipality, street: str, number: str, postal: str) -> Person:
    person: Person = PersonFactory(municipality=municipality)
    Address.objects.filter(person=person, valid_until__isnull=True).update(
        street=street, number=number, postal_code=postal
    )
    return person


def test_a_clerk_plans_visits_follows_the_route_and_records_the_visit(
    municipality: Municipality,
) -> None:
    clerk = staff_member(municipality, Role.CLERK)
    client = Client()
    client.force_login(clerk)
    far = _living_at(municipality, "Zuidstraat", "9", "8510")
    near = _living_at(municipality, "Astraat", "1", "8500")
    day = timezone.localdate() + dt.timedelta(days=3)

    form = client.get(f"/backoffice/huisbezoeken/nieuw/?person={far.pk}")
    planned = [
        client.post(
            f"/backoffice/huisbezoeken/nieuw/?person={person.pk}",
            {
                "planned_on": day.isoformat(),
                "planned_time": "10:30",
                "topic": "Aanvraag identiteitskaart",
                "visitor": str(clerk.pk),
                "cannot_come": "residential_care" if person == far else "",
                "note": "Woonzorgcentrum De Linde, kamer 12",
            },
        )
        for person in (far, near)
    ]
    route = client.get(f"/backoffice/huisbezoeken/?dag={day.isoformat()}")

    assert form.status_code == 200
    assert [answer.status_code for answer in planned] == [302, 302]
    visits = list(HomeVisit.objects.order_by("pk"))
    assert [visit.person_id for visit in visits] == [far.pk, near.pk]
    assert (visits[0].visitor_id, visits[0].planned_time) == (clerk.pk, dt.time(10, 30))
    flag = CannotCome.objects.get()
    assert (flag.person_id, flag.reason, flag.ended_at) == (far.pk, "residential_care", None)
    page = route.content.decode()
    assert page.index("Astraat") < page.index("Zuidstraat")  # address order
    assert set(
        AccessLogEntry.objects.filter(purpose="home_visit").values_list("person_id", flat=True)
    ) == {far.pk, near.pk}

    done = client.post(
        f"/backoffice/huisbezoeken/{visits[1].pk}/",
        {"summary": "Foto genomen, aanvraag ingediend.", "outcome": "answered"},
    )
    again = client.post(
        f"/backoffice/huisbezoeken/{visits[1].pk}/",
        {"summary": "Nog eens", "outcome": "answered"},
    )
    cancelled = client.post(f"/backoffice/huisbezoeken/{visits[0].pk}/", {"action": "cancel"})

    assert done.status_code == 302
    visits[1].refresh_from_db()
    contact = ContactMoment.objects.get()
    assert visits[1].contact_moment_id == contact.pk
    assert (contact.channel, contact.direction, contact.person_id, contact.staff_user_id) == (
        "home_visit",
        "outbound",
        near.pk,
        clerk.pk,
    )
    assert again.status_code == 400
    assert ContactMoment.objects.count() == 1
    assert cancelled.status_code == 302
    visits[0].refresh_from_db()
    assert visits[0].status == "cancelled"


def test_bad_input_is_refused_with_a_message_and_nothing_written(
    municipality: Municipality,
) -> None:
    client = Client()
    client.force_login(staff_member(municipality, Role.CLERK))
    person: Person = PersonFactory(municipality=municipality)
    yesterday = timezone.localdate() - dt.timedelta(days=1)

    answers = [
        client.post(
            f"/backoffice/huisbezoeken/nieuw/?person={person.pk}",
            {"planned_on": yesterday.isoformat(), "topic": "Bezoek"},
        ),
        client.post(
            f"/backoffice/huisbezoeken/nieuw/?person={person.pk}",
            {"planned_on": timezone.localdate().isoformat(), "topic": ""},
        ),
    ]

    assert [answer.status_code for answer in answers] == [400, 400]
    assert "Kies vandaag of een latere dag." in answers[0].content.decode()
    assert not HomeVisit.objects.exists()


def test_another_municipality_cannot_plan_see_or_record(
    municipality: Municipality, other_municipality: Municipality
) -> None:
    own = Client()
    own.force_login(staff_member(municipality, Role.CLERK))
    person: Person = PersonFactory(municipality=municipality)
    day = timezone.localdate() + dt.timedelta(days=1)
    own.post(
        f"/backoffice/huisbezoeken/nieuw/?person={person.pk}",
        {"planned_on": day.isoformat(), "topic": "Bezoek"},
    )
    visit = HomeVisit.objects.get()
    outsider = Client()
    outsider.force_login(staff_member(other_municipality, Role.CLERK))
    logged = AccessLogEntry.objects.count()

    assert outsider.get(f"/backoffice/huisbezoeken/nieuw/?person={person.pk}").status_code == 404
    assert outsider.get(f"/backoffice/huisbezoeken/{visit.pk}/").status_code == 404
    recorded = outsider.post(
        f"/backoffice/huisbezoeken/{visit.pk}/", {"summary": "x", "outcome": "answered"}
    )
    route = outsider.get(f"/backoffice/huisbezoeken/?dag={day.isoformat()}").content.decode()

    assert recorded.status_code == 404
    assert person.full_name not in route
    assert (HomeVisit.objects.count(), ContactMoment.objects.count()) == (1, 0)
    assert AccessLogEntry.objects.count() == logged
