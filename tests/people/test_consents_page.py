"""The resident's consents page: every consent with its use and legal basis, the current
answer and who recorded it; giving and withdrawing one works at once; only for the
signed-in resident, for themself."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from loket.people.models import Consent, ConsentPurpose, Person
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.factories import PersonFactory, staff_member
from tests.web.helpers import sign_in_resident

pytestmark = pytest.mark.django_db

URL = "/mijn/toestemmingen/"


def test_the_page_lists_every_consent_with_its_answer_and_who_recorded_it(
    client: Client, resident: Person, municipality: Municipality
) -> None:
    Consent.objects.create(
        person=resident,
        purpose=ConsentPurpose.SOCIAL_SIGNALS,
        granted=True,
        recorded_by_user=staff_member(municipality, Role.SOCIAL_WORKER),
    )
    sign_in_resident(client, resident)
    client.post(reverse("web:language"), {"language": "en"})

    page = client.get(URL).content.decode()

    for purpose in ConsentPurpose.values:
        assert f'id="c-{purpose}"' in page
    row = page[page.index('id="c-social_signals"') :]
    row = row[: row.index("</tr>")]
    assert "by a staff member at your request" in row
    assert 'value="withdrawn"' in row
    assert 'value="given"' in page[page.index('id="c-newsletter"') :]
    assert reverse("people:my-consents") in client.get(reverse("people:my-page")).content.decode()


def test_giving_and_withdrawing_a_consent_is_recorded_as_the_residents_own(
    client: Client, resident: Person
) -> None:
    sign_in_resident(client, resident)
    client.post(reverse("web:language"), {"language": "en"})

    given = client.post(URL, {"purpose": "surveys", "answer": "given"})
    consent = Consent.objects.get(person=resident, purpose="surveys")
    assert given.status_code == 302
    assert (consent.granted, consent.recorded_by_user) == (True, None)

    client.post(URL, {"purpose": "surveys", "answer": "withdrawn"})
    consent.refresh_from_db()
    assert consent.granted is False
    page = client.get(URL).content.decode()
    assert "by you" in page


def test_an_unknown_purpose_writes_nothing_and_strangers_are_sent_to_sign_in(
    client: Client, resident: Person, municipality: Municipality
) -> None:
    neighbour = PersonFactory(municipality=municipality)
    sign_in_resident(client, resident)
    client.post(reverse("web:language"), {"language": "en"})

    client.post(URL, {"purpose": "everything", "answer": "given"})
    client.post(URL, {"purpose": "surveys", "answer": "maybe"})

    assert not Consent.objects.exists()
    anonymous = Client().get(URL)
    assert anonymous.status_code == 302
    assert not Consent.objects.filter(person=neighbour).exists()
