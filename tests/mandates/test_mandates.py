"""Acting for others: a parent for a minor child (from the register, ending at 18), a
mandatee within the mandate's products and end date (refused outside it, nothing written),
the mandator revoking it at once; every case and access-log row names both people."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from loket.audit.models import AccessLogEntry, AccessPurpose
from loket.cases.models import Case, CaseEvent
from loket.cases.selectors import cases_visible_to
from loket.cases.services import case_submit
from loket.catalog.models import Product
from loket.mandates.models import Mandate
from loket.mandates.selectors import (
    ACTING_FOR_KEY,
    adult_birth_date,
    minor_children_of,
    representations_of,
)
from loket.mandates.services import mandate_create, mandate_revoke
from loket.people.models import HouseholdRelation, Person
from loket.people.services import household_link_add
from loket.tenancy.access import actor_for_resident
from loket.tenancy.models import Municipality
from tests.cases.helpers import CERTIFICATE_ANSWERS, certificate_request
from tests.catalog.helpers import catalog_product
from tests.factories import PersonFactory
from tests.web.helpers import sign_in_resident

pytestmark = pytest.mark.django_db


@pytest.fixture
def products(db: None) -> list[Product]:
    return [catalog_product("residence-certificate"), catalog_product("resident-parking-card")]


@pytest.fixture
def parent(municipality: Municipality) -> Person:
    return PersonFactory(municipality=municipality, birth_date=dt.date(1985, 1, 1))


@pytest.fixture
def child(municipality: Municipality, parent: Person) -> Person:
    child = PersonFactory(
        municipality=municipality, birth_date=timezone.localdate().replace(year=2016)
    )
    household_link_add(person=parent, relative=child, relation=HouseholdRelation.PARENT)
    return child


@pytest.fixture
def neighbour(municipality: Municipality) -> Person:
    return PersonFactory(municipality=municipality, birth_date=dt.date(1970, 5, 5))


def _mandate(mandator: Person, mandatee: Person, codes: tuple[str, ...]) -> Mandate:
    return mandate_create(
        actor=actor_for_resident(mandator.pk),
        mandatee_national_number=mandatee.national_number,
        product_codes=codes,
        valid_until=timezone.localdate() + dt.timedelta(days=30),
    )


def test_a_child_is_a_minor_until_the_eighteenth_birthday(parent: Person, child: Person) -> None:
    born = child.birth_date
    assert born is not None
    assert list(minor_children_of(person_id=parent.pk, today=born.replace(year=born.year + 17)))
    eighteenth = born.replace(year=born.year + 18)
    assert not minor_children_of(person_id=parent.pk, today=eighteenth).exists()
    assert adult_birth_date(dt.date(2028, 2, 29)) == dt.date(2010, 3, 1)


def test_a_parent_submits_for_a_minor_child_and_both_are_recorded(
    products: list[Product], municipality: Municipality, parent: Person, child: Person
) -> None:
    case = certificate_request(
        actor=actor_for_resident(parent.pk), municipality=municipality, applicant=child
    )
    assert (case.applicant, case.submitted_by_person) == (child, parent)
    event = CaseEvent.objects.get(case=case)
    assert (event.actor_person_id, event.data["acted_by"]) == (parent.pk, parent.full_name)


def test_a_grown_up_child_or_a_stranger_cannot_be_acted_for(
    products: list[Product], municipality: Municipality, parent: Person, neighbour: Person
) -> None:
    adult = PersonFactory(municipality=municipality, birth_date=dt.date(2000, 1, 1))
    household_link_add(person=parent, relative=adult, relation=HouseholdRelation.PARENT)
    for applicant in (adult, neighbour):
        with pytest.raises(Http404):
            certificate_request(
                actor=actor_for_resident(parent.pk), municipality=municipality, applicant=applicant
            )
    assert Case.objects.count() == 0


def test_a_mandatee_acts_within_the_mandate_and_is_refused_outside_it(
    products: list[Product], municipality: Municipality, parent: Person, neighbour: Person
) -> None:
    _mandate(neighbour, parent, ("residence-certificate",))
    actor = actor_for_resident(parent.pk)
    case = certificate_request(actor=actor, municipality=municipality, applicant=neighbour)
    assert case.submitted_by_person == parent
    with pytest.raises(PermissionDenied):
        case_submit(
            actor=actor,
            municipality=municipality,
            product_code="resident-parking-card",
            applicant=neighbour,
            answers={},
            idempotency_key="outside-the-mandate",
        )
    assert list(Case.objects.all()) == [case]


def test_outside_the_scope_nothing_is_written(
    products: list[Product], municipality: Municipality, parent: Person, neighbour: Person
) -> None:
    _mandate(neighbour, parent, ("resident-parking-card",))
    with pytest.raises(PermissionDenied):
        certificate_request(
            actor=actor_for_resident(parent.pk), municipality=municipality, applicant=neighbour
        )
    assert Case.objects.count() == 0


def test_revocation_is_immediate_and_only_the_mandators(
    products: list[Product], municipality: Municipality, parent: Person, neighbour: Person
) -> None:
    mandate = _mandate(neighbour, parent, ("residence-certificate",))
    made = certificate_request(
        actor=actor_for_resident(parent.pk), municipality=municipality, applicant=neighbour
    )
    assert list(cases_visible_to(actor=actor_for_resident(parent.pk))) == [made]
    with pytest.raises(Http404):
        mandate_revoke(actor=actor_for_resident(parent.pk), mandate_id=mandate.pk)
    mandate_revoke(actor=actor_for_resident(neighbour.pk), mandate_id=mandate.pk)
    assert representations_of(person_id=parent.pk, today=timezone.localdate()) == []
    assert not cases_visible_to(actor=actor_for_resident(parent.pk)).exists()
    assert list(cases_visible_to(actor=actor_for_resident(neighbour.pk))) == [made]
    with pytest.raises(Http404):
        certificate_request(
            actor=actor_for_resident(parent.pk), municipality=municipality, applicant=neighbour
        )


def test_the_mandatee_is_an_adult_of_the_same_municipality(
    products: list[Product],
    municipality: Municipality,
    other_municipality: Municipality,
    neighbour: Person,
    child: Person,
) -> None:
    elsewhere = PersonFactory(municipality=other_municipality, birth_date=dt.date(1980, 1, 1))
    for mandatee in (elsewhere, child, neighbour):
        with pytest.raises(ValidationError) as error:
            _mandate(neighbour, mandatee, ("residence-certificate",))
        assert "mandatee_national_number" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _mandate(neighbour, PersonFactory(municipality=municipality), ("no-such-product",))
    assert "products" in error.value.message_dict
    assert Mandate.objects.count() == 0


def test_pages_switch_acting_as_and_log_both_people(
    client: Client,
    products: list[Product],
    municipality: Municipality,
    parent: Person,
    neighbour: Person,
) -> None:
    _mandate(neighbour, parent, ("residence-certificate",))
    stranger = PersonFactory(municipality=municipality)
    sign_in_resident(client, parent)
    switch = reverse("mandates:acting-as")
    assert client.post(switch, {"subject": stranger.pk}).status_code == 404
    assert ACTING_FOR_KEY not in client.session
    assert client.post(switch, {"subject": neighbour.pk}).status_code == 302
    assert client.session[ACTING_FOR_KEY] == neighbour.pk

    allowed = reverse("cases:request", args=[municipality.slug, "residence-certificate"])
    page = client.get(allowed)
    assert page.status_code == 200
    assert neighbour.full_name in page.content.decode()
    entry = AccessLogEntry.objects.get(person=neighbour)
    assert (entry.acted_by_person, entry.purpose) == (parent, AccessPurpose.ON_BEHALF)

    refused = reverse("cases:request", args=[municipality.slug, "resident-parking-card"])
    assert client.get(refused).status_code == 403
    before = AccessLogEntry.objects.count()
    assert client.post(refused, {"token": "x"}).status_code == 403
    assert (Case.objects.count(), AccessLogEntry.objects.count()) == (0, before)

    response = client.post(allowed, {**CERTIFICATE_ANSWERS, "token": "on-behalf-1"})
    case = Case.objects.get()
    assert (case.applicant, case.submitted_by_person) == (neighbour, parent)
    assert response["Location"] == reverse("cases:my-request", args=[case.number])

    # The mandator sees who read their data for them, and the mandate on their page.
    client.post(switch, {"subject": ""})
    assert ACTING_FOR_KEY not in client.session
    mine = Client()
    sign_in_resident(mine, neighbour)
    mandates_page = mine.get(reverse("mandates:my-mandates")).content.decode()
    assert parent.full_name in mandates_page
    my_page = mine.get(reverse("people:my-page")).content.decode()
    assert parent.full_name in my_page


def test_the_childs_page_shows_the_request_made_for_them(
    client: Client,
    products: list[Product],
    municipality: Municipality,
    parent: Person,
    child: Person,
) -> None:
    case = certificate_request(
        actor=actor_for_resident(parent.pk), municipality=municipality, applicant=child
    )
    sign_in_resident(client, parent)
    page = client.get(reverse("people:my-child", args=[child.pk])).content.decode()
    section = page[page.index('id="requests"') :]
    assert case.number in section
    assert parent.full_name in section  # "requested on their behalf by"


def test_the_mandator_gives_and_revokes_on_the_page(
    client: Client, products: list[Product], parent: Person, neighbour: Person
) -> None:
    sign_in_resident(client, neighbour)
    url = reverse("mandates:my-mandates")
    until = (timezone.localdate() + dt.timedelta(days=10)).isoformat()
    form: dict[str, Any] = {
        "mandatee_national_number": parent.national_number,
        "products": ["residence-certificate"],
        "valid_until": until,
    }
    assert client.post(url, form).status_code == 302
    mandate = Mandate.objects.get()
    assert (mandate.mandator, mandate.mandatee) == (neighbour, parent)
    revoke = reverse("mandates:my-mandate-revoke", args=[mandate.pk])
    other = Client()
    sign_in_resident(other, parent)
    assert other.post(revoke).status_code == 404
    assert client.post(revoke).status_code == 302
    mandate.refresh_from_db()
    assert mandate.revoked_at is not None
