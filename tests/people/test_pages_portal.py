"""'My page' and a child's page: own data only, own children only, contact preferences,
who looked at my data."""

from __future__ import annotations

import pytest
from django.test import Client

from loket.audit.models import AccessChannel, AccessPurpose
from loket.audit.services import access_log_record
from loket.people.models import Consent, HouseholdRelation, Person
from loket.people.services import household_link_add
from loket.tenancy.access import actor_for_user
from loket.tenancy.models import Municipality
from tests.factories import PersonFactory, staff_member
from tests.web.helpers import sign_in_resident

pytestmark = pytest.mark.django_db


def test_anonymous_my_page_redirects_to_sign_in(client: Client) -> None:
    response = client.get("/mijn/")

    assert response.status_code == 302
    assert response["Location"] == "/aanmelden/?next=%2Fmijn%2F"


def test_staff_member_has_no_my_page(client: Client, clerk: object) -> None:
    client.force_login(clerk)  # type: ignore[arg-type]

    assert client.get("/mijn/").status_code == 302


def test_resident_sees_own_children_and_not_another_child(
    client: Client, municipality: Municipality
) -> None:
    parent = PersonFactory(municipality=municipality)
    child = PersonFactory(municipality=municipality, first_names="Mila")
    stranger_child = PersonFactory(municipality=municipality, first_names="Noor")
    household_link_add(person=parent, relative=child, relation=HouseholdRelation.PARENT)
    household_link_add(
        person=PersonFactory(municipality=municipality),
        relative=stranger_child,
        relation=HouseholdRelation.PARENT,
    )
    sign_in_resident(client, parent)

    page = client.get("/mijn/").content.decode()
    assert f'href="/mijn/kind/{child.pk}/"' in page
    assert stranger_child.full_name not in page
    child_page = client.get(f"/mijn/kind/{child.pk}/")
    assert child_page.status_code == 200
    assert child.full_name in child_page.content.decode()
    assert client.get(f"/mijn/kind/{stranger_child.pk}/").status_code == 404


def test_a_child_page_of_someone_else_is_404_even_for_a_partner(
    client: Client, municipality: Municipality
) -> None:
    resident = PersonFactory(municipality=municipality)
    partner = PersonFactory(municipality=municipality)
    household_link_add(person=resident, relative=partner, relation=HouseholdRelation.PARTNER)
    sign_in_resident(client, resident)

    assert partner.full_name in client.get("/mijn/").content.decode()
    assert client.get(f"/mijn/kind/{partner.pk}/").status_code == 404


def _contact_post(**overrides: str) -> dict[str, str]:
    data = {
        "preferred_language": "fr",
        "email": "jan@example.test",
        "phone": "+32 470 12 34 56",
        "channel_email": "2",
        "channel_sms": "1",
        "channel_portal": "3",
        "channel_letter": "",
        "consent_surveys": "on",
    }
    data.update(overrides)
    return data


def test_contact_preferences_are_saved(client: Client, resident: Person) -> None:
    sign_in_resident(client, resident)

    response = client.post("/mijn/", _contact_post())

    assert response.status_code == 302
    assert response["Location"] == "/mijn/#contact"
    resident.refresh_from_db()
    assert resident.preferred_language == "fr"
    assert resident.email == "jan@example.test"
    assert resident.phone == "+32 470 12 34 56"
    assert resident.preferred_channels == ["sms", "email", "portal"]
    assert dict(Consent.objects.filter(person=resident).values_list("purpose", "granted")) == {
        "surveys": True,
        "suggestions": False,
        "newsletter": False,
        "social_signals": False,
        "waste_reminders": False,
    }
    assert client.get("/mijn/")["Content-Language"] == "fr"


def test_invalid_email_keeps_the_other_values_and_saves_nothing(
    client: Client, resident: Person
) -> None:
    sign_in_resident(client, resident)
    before = Person.objects.values().get(pk=resident.pk)

    response = client.post("/mijn/", _contact_post(email="not-an-email", phone="+32 499 99 99 99"))

    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert 'aria-invalid="true"' in html
    assert 'id="id_email_error"' in html
    assert 'value="not-an-email"' in html
    assert 'value="+32 499 99 99 99"' in html
    assert '<option value="1" selected>1</option>' in html
    assert 'name="consent_surveys" id="id_consent_surveys" checked' in html
    assert Person.objects.values().get(pk=resident.pk) == before
    assert not Consent.objects.filter(person=resident).exists()


def test_text_messages_without_a_phone_number_are_refused(client: Client, resident: Person) -> None:
    sign_in_resident(client, resident)

    response = client.post("/mijn/", _contact_post(phone=""))

    assert response.status_code == 400
    assert 'id="id_phone_error"' in response.content.decode()
    resident.refresh_from_db()
    assert resident.preferred_channels == ["portal"]


def test_the_same_preference_number_twice_is_refused(client: Client, resident: Person) -> None:
    sign_in_resident(client, resident)

    response = client.post("/mijn/", _contact_post(channel_email="1", channel_sms="1"))

    assert response.status_code == 400
    assert 'id="id_channel_sms_error"' in response.content.decode()
    resident.refresh_from_db()
    assert resident.preferred_channels == ["portal"]


def test_my_page_shows_who_looked_at_my_data(
    client: Client, resident: Person, municipality: Municipality
) -> None:
    clerk = staff_member(municipality, first_name="Els", last_name="Claes")
    access_log_record(
        actor=actor_for_user(clerk),
        person=resident,
        purpose=AccessPurpose.COUNTER_VISIT,
        what="resident detail",
        channel=AccessChannel.WEB,
        municipality_id=municipality.pk,
    )
    sign_in_resident(client, resident)

    html = client.get("/mijn/").content.decode()

    assert "Els Claes" in html
    assert f'<span class="muted small">{municipality.name_nl}</span>' in html
    assert "Inwoner aan het loket" in html
