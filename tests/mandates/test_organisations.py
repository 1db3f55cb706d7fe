"""Representing an organisation: staff of the organisation's municipality keep the register
of its representatives (another municipality's staff get 404, nothing written); a
representative makes a request in the organisation's name for a product open to
organisations, which every representative then sees; a resident who is no representative,
or a product that is not open to organisations, is refused with nothing written."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from loket.cases.models import Case, CaseEvent, CaseEventKind
from loket.cases.selectors import cases_visible_to
from loket.cases.services import case_submit
from loket.mandates.models import RepresentativeAction, RepresentativeChange
from loket.mandates.selectors import ACTING_FOR_KEY, representations_of
from loket.people.models import Organisation, Person
from loket.people.services import organisation_register
from loket.people.validators import enterprise_number_build
from loket.tenancy.access import actor_for_resident
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.cases.helpers import CERTIFICATE_ANSWERS
from tests.catalog.helpers import catalog_product
from tests.crm.helpers import Place, place_build
from tests.factories import PersonFactory, staff_member
from tests.web.helpers import sign_in_resident

pytestmark = pytest.mark.django_db

COMPLAINT = {"details": "De factuur van de zaalhuur klopt niet.", "declaration": "on"}


@pytest.fixture
def place(db: None) -> Place:
    built = place_build()
    catalog_product("complaint")  # open to organisations (products.csv)
    return built


@pytest.fixture
def owner(place: Place) -> Person:
    return PersonFactory(
        municipality=place.kortrijk, first_names="Jan", last_name="Desmet", preferred_language="en"
    )


@pytest.fixture
def bakery(place: Place, owner: Person) -> Organisation:
    return organisation_register(
        municipality=place.kortrijk,
        enterprise_number=enterprise_number_build(4555001),
        name="Bakkerij Desmet",
        representatives=[owner],
    )


@pytest.fixture
def menen_shop(place: Place) -> Organisation:
    return organisation_register(
        municipality=place.menen,
        enterprise_number=enterprise_number_build(4555002),
        name="Fietsen Menen",
    )


def _written() -> tuple[int, int, int]:
    return (
        Case.objects.count(),
        RepresentativeChange.objects.count(),
        Organisation.representatives.through.objects.count(),
    )


def _staff(client: Client, municipality: Municipality, role: Role = Role.CLERK) -> Any:
    user = staff_member(municipality, role, preferred_language="en")
    client.force_login(user)
    return user


def test_the_catalogue_says_which_products_are_open_to_organisations(place: Place) -> None:
    assert catalog_product("complaint").open_to_organisations
    assert not catalog_product("residence-certificate").open_to_organisations


def test_staff_list_only_their_municipalitys_organisations_and_search_them(
    client: Client, place: Place, bakery: Organisation, menen_shop: Organisation
) -> None:
    _staff(client, place.kortrijk)
    url = reverse("mandates:backoffice-organisations")
    page = client.get(url).content.decode()
    assert bakery.name in page
    assert menen_shop.name not in page
    assert bakery.name in client.get(url, {"q": "bakker"}).content.decode()
    assert bakery.name in client.get(url, {"q": bakery.enterprise_number[:6]}).content.decode()
    assert bakery.name not in client.get(url, {"q": "fietsen"}).content.decode()
    assert menen_shop.name not in client.get(url, {"q": "fietsen"}).content.decode()


def test_a_clerk_records_and_ends_a_representative_with_a_trail(
    client: Client, place: Place, bakery: Organisation, owner: Person
) -> None:
    clerk = _staff(client, place.kortrijk)
    partner = PersonFactory(municipality=place.kortrijk, first_names="An", last_name="Peeters")
    url = reverse("mandates:backoffice-organisation", args=[bakery.pk])
    response = client.post(url, {"national_number": partner.national_number})
    assert response.status_code == 302
    assert set(bakery.representatives.all()) == {owner, partner}
    added = RepresentativeChange.objects.get()
    assert (added.person, added.action, added.recorded_by) == (
        partner,
        RepresentativeAction.ADDED,
        clerk,
    )
    page = client.get(url).content.decode()
    assert partner.full_name in page
    assert (clerk.get_full_name() or clerk.username) in page

    end = reverse("mandates:backoffice-representative-end", args=[bakery.pk, partner.pk])
    assert client.post(end).status_code == 302
    assert set(bakery.representatives.all()) == {owner}
    assert RepresentativeChange.objects.filter(action=RepresentativeAction.REMOVED).count() == 1
    # Ending it again: they are no representative any more.
    before = _written()
    assert client.post(end).status_code == 404
    assert _written() == before


def test_bad_input_keeps_what_was_typed_and_writes_nothing(
    client: Client, place: Place, bakery: Organisation, owner: Person
) -> None:
    _staff(client, place.kortrijk)
    url = reverse("mandates:backoffice-organisation", args=[bakery.pk])
    menen_resident = PersonFactory(municipality=place.menen)
    before = _written()
    for number, message in (
        ("12345", "No resident you may look up"),
        (menen_resident.national_number, "No resident you may look up"),
        (owner.national_number, "already represents"),
    ):
        response = client.post(url, {"national_number": number}, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 400
        page = response.content.decode()
        assert message in page
        assert f'value="{number}"' in page
    assert _written() == before


def test_another_municipalitys_staff_get_404_and_write_nothing(
    client: Client, place: Place, bakery: Organisation, owner: Person
) -> None:
    _staff(client, place.menen)
    stranger = PersonFactory(municipality=place.menen)
    before = _written()
    url = reverse("mandates:backoffice-organisation", args=[bakery.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"national_number": stranger.national_number}).status_code == 404
    end = reverse("mandates:backoffice-representative-end", args=[bakery.pk, owner.pk])
    assert client.post(end).status_code == 404
    assert _written() == before
    assert (
        bakery.name not in client.get(reverse("mandates:backoffice-organisations")).content.decode()
    )


def test_staff_who_may_only_read_residents_see_the_register_but_cannot_change_it(
    client: Client, place: Place, bakery: Organisation, owner: Person
) -> None:
    _staff(client, place.kortrijk, Role.HANDLER)
    url = reverse("mandates:backoffice-organisation", args=[bakery.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert owner.full_name in page.content.decode()
    assert "Record as representative" not in page.content.decode()
    partner = PersonFactory(municipality=place.kortrijk)
    before = _written()
    assert client.post(url, {"national_number": partner.national_number}).status_code == 403
    end = reverse("mandates:backoffice-representative-end", args=[bakery.pk, owner.pk])
    assert client.post(end).status_code == 403
    assert _written() == before


def test_a_representative_requests_in_the_organisations_name(
    client: Client, place: Place, bakery: Organisation, owner: Person
) -> None:
    partner = PersonFactory(municipality=place.menen)
    bakery.representatives.add(partner)
    sign_in_resident(client, owner)
    switch = reverse("mandates:acting-as")
    assert client.post(switch, {"subject": f"o{bakery.pk}"}).status_code == 302
    assert client.session[ACTING_FOR_KEY] == f"o{bakery.pk}"

    form_url = reverse("cases:request", args=[place.kortrijk.slug, "complaint"])
    page = client.get(form_url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "in the name of Bakkerij Desmet" in page
    response = client.post(form_url, {**COMPLAINT, "token": "org-1"})
    case = Case.objects.get()
    assert response["Location"] == reverse("cases:my-request", args=[case.number])
    assert (case.applicant, case.organisation, case.submitted_by_person) == (owner, bakery, None)
    submitted = CaseEvent.objects.get(case=case, kind=CaseEventKind.SUBMITTED)
    assert submitted.data["for_organisation"] == f"Bakkerij Desmet ({bakery.enterprise_number})"
    mine = client.get(reverse("cases:my-request", args=[case.number]), HTTP_ACCEPT_LANGUAGE="en")
    assert "In the name of" in mine.content.decode()

    # Every representative follows the organisation's request (the one who made it
    # answers it); ended, they no longer see it.
    as_partner = actor_for_resident(partner.pk)
    assert cases_visible_to(actor=as_partner).filter(pk=case.pk).exists()
    other = Client()
    sign_in_resident(other, partner)
    followed = other.get(reverse("cases:my-request", args=[case.number]))
    assert followed.status_code == 200
    assert 'name="body"' not in followed.content.decode()  # no reply form
    assert 'name="body"' in mine.content.decode()
    bakery.representatives.remove(partner)
    assert not cases_visible_to(actor=as_partner).filter(pk=case.pk).exists()
    assert other.get(reverse("cases:my-request", args=[case.number])).status_code == 404

    # A product not open to organisations is refused before anything is read or written.
    catalog_product("residence-certificate")
    refused = reverse("cases:request", args=[place.kortrijk.slug, "residence-certificate"])
    assert client.get(refused).status_code == 403
    assert client.post(refused, {**CERTIFICATE_ANSWERS, "token": "org-2"}).status_code == 403
    assert Case.objects.count() == 1

    # Even the representative who made it no longer sees it once the representation ends.
    bakery.representatives.remove(owner)
    assert not cases_visible_to(actor=actor_for_resident(owner.pk)).filter(pk=case.pk).exists()
    assert client.get(reverse("cases:my-request", args=[case.number])).status_code == 404


def test_only_a_representative_can_choose_the_organisation_or_submit_in_its_name(
    client: Client, place: Place, bakery: Organisation, owner: Person
) -> None:
    stranger = PersonFactory(municipality=place.kortrijk)
    assert not any(
        r.organisation
        for r in representations_of(person_id=stranger.pk, today=timezone.localdate())
    )
    sign_in_resident(client, stranger)
    assert (
        client.post(reverse("mandates:acting-as"), {"subject": f"o{bakery.pk}"}).status_code == 404
    )
    assert ACTING_FOR_KEY not in client.session
    for forged in ("o²", "²", "o", "o-1", "1e3"):  # never a server error
        response = client.post(reverse("mandates:acting-as"), {"subject": forged})
        assert response.status_code == 404
    # A forged session value names nobody: the stranger acts for themselves.
    session = client.session
    session[ACTING_FOR_KEY] = f"o{bakery.pk}"
    session.save()
    form_url = reverse("cases:request", args=[place.kortrijk.slug, "complaint"])
    client.post(form_url, {**COMPLAINT, "token": "forged"})
    assert not Case.objects.filter(organisation=bakery).exists()

    before = _written()
    with pytest.raises(Http404):
        case_submit(
            actor=actor_for_resident(stranger.pk),
            municipality=place.kortrijk,
            product_code="complaint",
            applicant=stranger,
            answers=COMPLAINT,
            idempotency_key="not-a-representative",
            organisation=bakery,
        )
    with pytest.raises(PermissionDenied):  # the representative, for another applicant
        case_submit(
            actor=actor_for_resident(owner.pk),
            municipality=place.kortrijk,
            product_code="complaint",
            applicant=stranger,
            answers=COMPLAINT,
            idempotency_key="someone-else",
            organisation=bakery,
        )
    catalog_product("residence-certificate")
    with pytest.raises(PermissionDenied):  # a product not open to organisations
        case_submit(
            actor=actor_for_resident(owner.pk),
            municipality=place.kortrijk,
            product_code="residence-certificate",
            applicant=owner,
            answers=CERTIFICATE_ANSWERS,
            idempotency_key="not-open",
            organisation=bakery,
        )
    assert _written() == before


def test_a_clerk_registers_a_request_in_the_organisations_name_at_the_counter(
    client: Client,
    place: Place,
    bakery: Organisation,
    menen_shop: Organisation,
    owner: Person,
) -> None:
    _staff(client, place.kortrijk)
    url = reverse("cases:counter-form", args=[owner.pk, "complaint"])
    base = {"municipality": place.kortrijk.pk, "channel": "counter", "consent": "yes"}
    page = client.get(url, {"municipality": place.kortrijk.pk}).content.decode()
    assert 'name="organisation"' in page
    assert bakery.name in page
    assert menen_shop.name not in page

    before = _written()
    for forged in (str(menen_shop.pk), "²", "o1"):  # not represented by the applicant
        response = client.post(
            url, {**base, **COMPLAINT, "token": f"x{forged}", "organisation": forged}
        )
        assert response.status_code == 404
    catalog_product("residence-certificate")
    not_open = reverse("cases:counter-form", args=[owner.pk, "residence-certificate"])
    assert (
        "organisation"
        not in client.get(not_open, {"municipality": place.kortrijk.pk}).content.decode()
    )
    response = client.post(
        not_open, {**base, **CERTIFICATE_ANSWERS, "token": "c1", "organisation": bakery.pk}
    )
    assert response.status_code == 403
    assert _written() == before

    response = client.post(url, {**base, **COMPLAINT, "token": "c2", "organisation": bakery.pk})
    assert response.status_code == 302
    case = Case.objects.get()
    assert (case.applicant, case.organisation, case.channel) == (owner, bakery, "counter")
    detail = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "In the name of" in detail
    assert bakery.enterprise_number in detail
