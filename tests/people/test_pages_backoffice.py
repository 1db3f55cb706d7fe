"""Back-office pages of the resident register: the resident search and the resident's
record, opened for a purpose."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from loket.accounts.models import User
from loket.audit.models import AccessChannel, AccessLogEntry
from loket.people.models import Person
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.factories import PersonFactory, staff_member

pytestmark = pytest.mark.django_db

# session, user, memberships (actor; the navigation's staff roles reuse them); the search
# in passes (persons_search): which of the query's surnames are listed, the exact pass, the
# first-names pass, the nearest surnames, savepoint, the threshold, the word-similarity
# pass, release. A common surname that fills the page stops after the exact pass.
QUERIES_PER_SEARCH_PAGE = 11


def test_anonymous_search_goes_to_the_staff_sign_in(client: Client) -> None:
    response = client.get("/backoffice/inwoners/?q=jan")

    assert response.status_code == 302
    assert response["Location"] == "/backoffice/aanmelden/?next=/backoffice/inwoners/%3Fq%3Djan"


def test_a_resident_cannot_use_the_back_office(client: Client, resident: Person) -> None:
    from tests.web.helpers import sign_in_resident

    sign_in_resident(client, resident)

    assert client.get("/backoffice/inwoners/?q=jan").status_code == 302
    assert client.get(f"/backoffice/inwoners/{resident.pk}/?purpose=phone_call").status_code == 302
    assert not AccessLogEntry.objects.exists()


def test_search_is_typo_and_accent_tolerant(
    client: Client, clerk: User, municipality: Municipality
) -> None:
    wanted = PersonFactory(
        municipality=municipality, first_names="Élodie", last_name="Vandenbroucke"
    )
    PersonFactory(municipality=municipality, first_names="Pieter", last_name="Peeters")
    client.force_login(clerk)

    for query in ["elodie vandenbruke", "Vandenbroucke", "ELODIE"]:
        html = client.get("/backoffice/inwoners/", {"q": query}).content.decode()
        assert f'href="/backoffice/inwoners/{wanted.pk}/"' in html, query
        assert "Peeters" not in html, query


def test_search_by_national_number_is_exact(
    client: Client, clerk: User, municipality: Municipality
) -> None:
    wanted = PersonFactory(municipality=municipality)
    other = PersonFactory(municipality=municipality)
    client.force_login(clerk)
    digits = wanted.national_number
    formatted = f"{digits[0:2]}.{digits[2:4]}.{digits[4:6]}-{digits[6:9]}.{digits[9:11]}"

    html = client.get("/backoffice/inwoners/", {"q": formatted}).content.decode()

    assert f'href="/backoffice/inwoners/{wanted.pk}/"' in html
    assert f'href="/backoffice/inwoners/{other.pk}/"' not in html


def test_search_leaves_out_other_municipalities(
    client: Client, clerk: User, municipality: Municipality, other_municipality: Municipality
) -> None:
    PersonFactory(municipality=other_municipality, first_names="Jan", last_name="Janssens")
    client.force_login(clerk)

    html = client.get("/backoffice/inwoners/", {"q": "Janssens"}).content.decode()

    assert "Janssens, Jan" not in html
    assert "Geen inwoners gevonden" in html


def test_live_search_answers_only_the_results(
    client: Client, clerk: User, resident: Person
) -> None:
    client.force_login(clerk)

    response = client.get(
        "/backoffice/inwoners/", {"q": resident.last_name}, headers={"HX-Request": "true"}
    )

    html = response.content.decode()
    assert "<html" not in html
    assert f'href="/backoffice/inwoners/{resident.pk}/"' in html
    assert "HX-Request" in response["Vary"]


def test_search_needs_the_search_permission(client: Client, municipality: Municipality) -> None:
    dispatcher = staff_member(municipality, Role.DISPATCHER)
    client.force_login(dispatcher)

    assert client.get("/backoffice/inwoners/?q=jan").status_code == 403


def test_resident_detail_asks_the_purpose_first(
    client: Client, clerk: User, resident: Person
) -> None:
    client.force_login(clerk)

    response = client.get(f"/backoffice/inwoners/{resident.pk}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="purpose"' in html
    assert 'value="counter_visit"' in html
    assert resident.last_name not in html
    assert not AccessLogEntry.objects.exists()


@pytest.mark.parametrize("purpose", ["curiosity", "integration"])
def test_an_unknown_purpose_shows_the_form_again(
    client: Client, clerk: User, resident: Person, purpose: str
) -> None:
    client.force_login(clerk)

    response = client.get(f"/backoffice/inwoners/{resident.pk}/", {"purpose": purpose})

    html = response.content.decode()
    assert 'id="purpose-error"' in html
    assert resident.last_name not in html
    assert not AccessLogEntry.objects.exists()


def test_resident_detail_with_a_purpose_writes_one_access_log_row(
    client: Client, clerk: User, resident: Person, municipality: Municipality
) -> None:
    client.force_login(clerk)

    response = client.get(f"/backoffice/inwoners/{resident.pk}/", {"purpose": "phone_call"})

    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{resident.full_name}</h1>" in html
    assert "Kerkstraat 1, 8500" in html
    assert list(
        AccessLogEntry.objects.values_list(
            "person_id", "user_id", "municipality_id", "purpose", "what", "channel"
        )
    ) == [
        (resident.pk, clerk.pk, municipality.pk, "phone_call", "resident detail", AccessChannel.WEB)
    ]


def test_staff_of_another_municipality_get_404_and_nothing_is_logged(
    client: Client, resident: Person, other_municipality: Municipality
) -> None:
    outsider = staff_member(other_municipality, Role.CLERK)
    client.force_login(outsider)

    for params in [{}, {"purpose": "phone_call"}]:
        response = client.get(f"/backoffice/inwoners/{resident.pk}/", params)
        assert response.status_code == 404
        assert resident.last_name not in response.content.decode()
    assert not AccessLogEntry.objects.exists()


def test_a_handler_sees_identity_but_not_the_360_view(
    client: Client, resident: Person, municipality: Municipality
) -> None:
    handler = staff_member(municipality, Role.HANDLER)
    client.force_login(handler)

    html = client.get(
        f"/backoffice/inwoners/{resident.pk}/", {"purpose": "case_handling"}
    ).content.decode()

    assert f"<h1>{resident.full_name}</h1>" in html
    assert 'id="contact-heading"' not in html
    assert 'id="household-heading"' not in html
    assert AccessLogEntry.objects.count() == 1


def test_search_queries_do_not_grow_with_the_results(
    client: Client, clerk: User, municipality: Municipality, django_assert_num_queries: Any
) -> None:
    client.force_login(clerk)
    PersonFactory(municipality=municipality, last_name="Wouters")
    client.get("/backoffice/inwoners/", {"q": "Wouters"})
    with django_assert_num_queries(QUERIES_PER_SEARCH_PAGE) as one:
        client.get("/backoffice/inwoners/", {"q": "Wouters"})
    for _ in range(4):
        PersonFactory(municipality=municipality, last_name="Wouters")

    with django_assert_num_queries(QUERIES_PER_SEARCH_PAGE) as five:
        html = client.get("/backoffice/inwoners/", {"q": "Wouters"}).content.decode()

    assert len(re.findall(r'href="/backoffice/inwoners/\d+/"', html)) == 5
    assert len(one.captured_queries) == len(five.captured_queries)
