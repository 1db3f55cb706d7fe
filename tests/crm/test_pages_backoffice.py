"""The back-office pages of contact moments: the quick-capture form (with and without
htmx), the record-a-contact action of the 360° view, and a contact moment's page, opened
for a purpose."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.db import transaction
from django.test import Client

from loket.audit.models import AccessLogEntry
from loket.crm.models import ContactMoment
from loket.tenancy.permissions import Role
from tests.crm.helpers import Resident, resident_build
from tests.factories import PersonFactory, staff_member

pytestmark = pytest.mark.django_db

NEW = "/backoffice/contacten/nieuw/"


@pytest.fixture(scope="module")
def sofie(django_db_setup: object, django_db_blocker: object) -> Iterator[Resident]:
    with django_db_blocker.unblock(), transaction.atomic():  # type: ignore[attr-defined]
        yield resident_build()
        transaction.set_rollback(True)


@pytest.fixture
def clerk_client(sofie: Resident) -> Client:
    """The clerk, signed in; her pages are in her language, Dutch."""
    client = Client()
    client.force_login(sofie.clerk)
    return client


def _selected_channel(html: str) -> str:
    select = html[html.index('name="channel"') :]
    return re.search(r'<option value="(\w+)" selected>', select).group(1)  # type: ignore[union-attr]


def test_the_360_view_prefills_the_resident_and_the_channel_of_its_purpose(
    clerk_client: Client, sofie: Resident
) -> None:
    response = clerk_client.get(NEW, {"person": sofie.person.pk, "purpose": "counter_visit"})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="contact-resident-name">Sofie Vandenbroucke<' in html
    assert f'<input type="hidden" name="person" value="{sofie.person.pk}"' in html
    assert '<input type="hidden" name="purpose" value="counter_visit">' in html
    assert _selected_channel(html) == "counter"
    assert 'id="contact-q"' not in html


def test_the_channel_starts_from_the_staff_members_last_choice(
    clerk_client: Client, sofie: Resident
) -> None:
    html = clerk_client.get(NEW).content.decode()

    assert _selected_channel(html) == "phone"  # her last contact was a phone call
    assert 'id="contact-q"' in html


def test_three_fields_and_the_resident_record_a_contact_and_lead_back_to_the_timeline(
    clerk_client: Client, sofie: Resident
) -> None:
    response = clerk_client.post(
        NEW,
        {
            "person": sofie.person.pk,
            "purpose": "phone_call",
            "municipality": sofie.place.kortrijk.pk,
            "channel": "phone",
            "subject": "Resident parking permit",
            "summary": "Asked whether the card can be renewed online.",
            "direction": "inbound",
            "outcome": "answered",
        },
    )

    contact = ContactMoment.objects.latest("id")
    assert response.status_code == 302
    assert response["Location"] == (
        f"/backoffice/inwoners/{sofie.person.pk}/?purpose=phone_call#resident-timeline"
    )
    assert (contact.person, contact.channel, contact.staff_user) == (
        sofie.person,
        "phone",
        sofie.clerk,
    )
    assert contact.product is not None
    assert contact.product.code == "resident-parking-card"
    timeline = clerk_client.get(response["Location"]).content.decode()
    assert f'href="/backoffice/contacten/{contact.pk}/?purpose=phone_call"' in timeline
    assert "Het contact is geregistreerd." in timeline  # her language: Dutch


def test_an_unknown_caller_is_recorded_and_the_form_comes_back_for_the_next(
    clerk_client: Client, sofie: Resident
) -> None:
    response = clerk_client.post(
        NEW,
        {
            "channel": "counter",
            "subject": "Opening hours",
            "summary": "Asked when the office is open on Saturdays.",
            "direction": "inbound",
            "outcome": "answered",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == NEW
    contact = ContactMoment.objects.latest("id")
    assert (contact.person, contact.topic, contact.channel) == (None, "Opening hours", "counter")
    assert _selected_channel(clerk_client.get(NEW).content.decode()) == "counter"


def test_missing_fields_are_named_and_nothing_is_written(
    clerk_client: Client, sofie: Resident
) -> None:
    before = ContactMoment.objects.count()

    response = clerk_client.post(
        NEW, {"person": sofie.person.pk, "channel": "phone", "subject": "", "summary": ""}
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-summary"' in html
    assert 'href="#id_subject"' in html
    assert 'href="#id_summary"' in html
    assert ContactMoment.objects.count() == before


def test_another_municipalitys_report_is_refused_on_the_form_like_an_unknown_one(
    clerk_client: Client, sofie: Resident
) -> None:
    before = ContactMoment.objects.count()
    answers = []
    for report_number in (str(sofie.menen_report.pk), "987654321"):
        response = clerk_client.post(
            NEW,
            {
                "channel": "phone",
                "subject": "Pothole",
                "summary": "Asked about her report.",
                "direction": "inbound",
                "outcome": "answered",
                "report_number": report_number,
            },
        )
        html = response.content.decode()
        answers.append((response.status_code, "Die melding bestaat niet in deze gemeente." in html))

    assert answers == [(400, True), (400, True)]
    assert ContactMoment.objects.count() == before


def test_a_resident_of_another_municipality_answers_404(
    clerk_client: Client, sofie: Resident
) -> None:
    stranger = PersonFactory(municipality=sofie.place.menen, last_name="Vreemdeling")

    for response in (
        clerk_client.get(NEW, {"person": stranger.pk}),
        clerk_client.get(NEW, {"person": 987_654_321}),
        clerk_client.post(
            NEW, {"person": stranger.pk, "channel": "phone", "subject": "x", "summary": "y"}
        ),
    ):
        assert response.status_code == 404
        assert "Vreemdeling" not in response.content.decode()


def test_the_resident_search_works_without_javascript(
    clerk_client: Client, sofie: Resident
) -> None:
    html = clerk_client.get(NEW, {"q": "vandenbrouke", "purpose": "phone_call"}).content.decode()

    assert "<html" in html
    assert (
        f'href="/backoffice/contacten/nieuw/?person={sofie.person.pk}&amp;purpose=phone_call"'
        in html
    )


def test_htmx_gets_only_the_search_results(clerk_client: Client, sofie: Resident) -> None:
    PersonFactory(municipality=sofie.place.menen, first_names="Sofie", last_name="Elders")

    response = clerk_client.get(
        NEW, {"q": "sofie"}, headers={"HX-Request": "true", "HX-Target": "contact-resident-results"}
    )

    html = response.content.decode()
    assert "<html" not in html
    assert f"?person={sofie.person.pk}" in html
    assert "Elders" not in html
    assert "HX-Request" in response["Vary"]


@pytest.mark.parametrize("role", [Role.PRIVACY_OFFICER, Role.DISPATCHER, Role.MUNICIPAL_ADMIN])
def test_roles_that_do_not_record_contacts_are_refused(sofie: Resident, role: Role) -> None:
    client = Client()
    client.force_login(staff_member(sofie.place.kortrijk, role))

    assert client.get(NEW).status_code == 403


def test_a_contact_moment_asks_the_purpose_and_logs_the_read(
    clerk_client: Client, sofie: Resident
) -> None:
    url = f"/backoffice/contacten/{sofie.contact.pk}/"
    before = AccessLogEntry.objects.count()

    asked = clerk_client.get(url).content.decode()
    assert AccessLogEntry.objects.count() == before
    opened = clerk_client.get(url, {"purpose": "phone_call"}).content.decode()

    assert 'name="purpose"' in asked
    assert sofie.contact.summary not in asked
    assert sofie.contact.summary in opened
    assert f'href="/backoffice/dossiers/{sofie.case.pk}/"' in opened
    assert list(
        AccessLogEntry.objects.order_by("-id").values_list("person_id", "what", "purpose")[:1]
    ) == [(sofie.person.pk, "contact moment", "phone_call")]


def test_another_municipalitys_contact_moment_answers_404(
    clerk_client: Client, sofie: Resident
) -> None:
    for contact_moment_id in (sofie.menen_contact.pk, 987_654_321):
        response = clerk_client.get(
            f"/backoffice/contacten/{contact_moment_id}/", {"purpose": "phone_call"}
        )
        assert response.status_code == 404
    assert not AccessLogEntry.objects.filter(what="contact moment").exists()
