"""The portal report form: typed addresses in every region, links to the municipality's own
region, and the category's questions asked (without JavaScript and with htmx)."""

from __future__ import annotations

import pytest
from django.test import Client

from loket.reports.demo import _mappings_load, category_tree_load
from loket.reports.models import AttributeDatatype, CategoryAttribute, Report
from loket.tenancy.access import actor_for_user
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from loket.tenancy.services import department_create, municipality_create_from_nis, region_create
from tests.factories import MembershipFactory, UserFactory
from tests.reports.conftest import MENEN_POINT, ReportsRegion

NEW = "/meldingen/nieuw/"


@pytest.fixture
def ixelles(zwvl: ReportsRegion) -> Municipality:
    region = region_create(
        slug="brussel",
        name_nl="Brussels Hoofdstedelijk Gewest",
        name_fr="Région de Bruxelles-Capitale",
        name_en="Brussels-Capital Region",
    )
    ixelles = municipality_create_from_nis(region=region, nis_code="21009", slug="elsene")
    for code in ("public-works", "cleanliness"):
        department_create(
            municipality=ixelles, region=region, code=code, name_nl=code, name_fr=code
        )
    _mappings_load(region, category_tree_load(region=region))
    return ixelles


def test_a_municipality_page_links_to_its_own_regions_form(
    client: Client, ixelles: Municipality
) -> None:
    page = client.get("/elsene/").content.decode()
    assert 'href="/meldingen/nieuw/?municipality=elsene"' in page
    form = client.get("/meldingen/nieuw/?municipality=elsene").content.decode()
    assert '<input type="hidden" name="region" value="brussel">' in form
    assert "anywhere in Brussels-Capital Region" in form
    assert '<a href="/meldingen/nieuw/?region=zwvl">South-West Flanders</a>' in form


def test_a_french_address_in_ixelles_is_placed(client: Client, ixelles: Municipality) -> None:
    response = client.post(
        NEW + "?region=brussel",
        {
            "region": "brussel",
            "category": "pothole",
            "questions_for": "pothole",
            "address": "Place Flagey 1, 1050 Ixelles",
        },
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    report = Report.objects.get()
    assert response.status_code == 302
    assert (report.municipality, report.postal_code, report.address) == (
        ixelles,
        "1050",
        "Place Flagey 1, 1050 Ixelles",
    )
    assert report.department.code == "public-works"  # type: ignore[union-attr]


def test_a_dutch_address_in_kortrijk_is_placed(client: Client, zwvl: ReportsRegion) -> None:
    response = client.post(
        NEW,
        {
            "category": "pothole",
            "questions_for": "pothole",
            "address": "doorniksestraat 12 bus 3 8500 kortrijk",
        },
    )
    report = Report.objects.get()
    assert response.status_code == 302
    assert (report.municipality, report.address) == (
        zwvl.kortrijk,
        "Doorniksestraat 12 bus 3, 8500 Kortrijk",
    )


def test_a_brussels_address_on_the_flemish_form_is_explained(
    client: Client, ixelles: Municipality
) -> None:
    response = client.post(
        NEW + "?region=zwvl",
        {
            "region": "zwvl",
            "category": "pothole",
            "questions_for": "pothole",
            "address": "Place Flagey 1, 1050 Ixelles",
        },
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert response.status_code == 200
    assert (
        "1050 is een postcode van Elsene, in Brussels Hoofdstedelijk Gewest, niet in "
        "Zuid-West-Vlaanderen." in response.content.decode()
    )
    assert Report.objects.count() == 0


@pytest.fixture
def required_question(zwvl: ReportsRegion) -> CategoryAttribute:
    return CategoryAttribute.objects.create(
        category=zwvl.categories["illegal-dumping"],
        code="amount",
        datatype=AttributeDatatype.SINGLE_VALUE_LIST,
        required=True,
        position=2,
        description_nl="Hoeveel?",
        description_fr="Combien ?",
        description_en="How much?",
        values=[
            {"key": "little", "name_nl": "Weinig", "name_fr": "Peu", "name_en": "A little"},
            {"key": "lots", "name_nl": "Veel", "name_fr": "Beaucoup", "name_en": "A lot"},
        ],
    )


def test_choosing_a_category_without_javascript_asks_its_questions(
    client: Client, zwvl: ReportsRegion, required_question: CategoryAttribute
) -> None:
    typed = {
        "category": "illegal-dumping",
        "description": "Matras op de stoep",
        "latitude": MENEN_POINT[0],
        "longitude": MENEN_POINT[1],
        "email": "melder@example.test",
    }
    response = client.post(NEW, {**typed, "show_questions": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert Report.objects.count() == 0
    assert 'name="attribute_waste_type"' in html
    assert 'name="attribute_amount"' in html
    assert '<input type="hidden" name="questions_for" value="illegal-dumping">' in html
    assert "Matras op de stoep" in html
    assert 'value="melder@example.test"' in html
    assert "field-error" not in html

    # Sent without the required answer: a translated error, nothing stored.
    missing = client.post(NEW, {**typed, "questions_for": "illegal-dumping"})
    assert missing.status_code == 200
    assert "This field is required." in missing.content.decode()
    wrong = client.post(
        NEW, {**typed, "questions_for": "illegal-dumping", "attribute_amount": "tons"}
    )
    assert "Select a valid choice. tons is not one of the available choices." in (
        wrong.content.decode()
    )
    assert Report.objects.count() == 0

    sent = client.post(
        NEW,
        {
            **typed,
            "questions_for": "illegal-dumping",
            "attribute_amount": "lots",
            "attribute_waste_type": "bulky",
        },
    )
    report = Report.objects.get()
    assert sent.status_code == 302
    assert report.attributes == {"waste_type": "bulky", "amount": "lots"}

    staff = UserFactory(preferred_language="en")
    MembershipFactory(user=staff, municipality=zwvl.menen, region=zwvl.region, role=Role.CLERK)
    assert actor_for_user(staff).is_staff
    client.force_login(staff)
    detail = client.get(f"/backoffice/meldingen/{report.pk}/").content.decode()
    assert "<dt>What kind of waste?</dt><dd>Bulky waste (furniture, mattresses)</dd>" in detail
    assert "<dt>How much?</dt><dd>A lot</dd>" in detail


def test_the_questions_partial_for_htmx(client: Client, zwvl: ReportsRegion) -> None:
    form = client.get(NEW).content.decode()
    assert 'hx-get="/meldingen/vragen/?region=zwvl"' in form
    response = client.get(
        "/meldingen/vragen/?region=zwvl&category=illegal-dumping", HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert html.startswith('<div id="report-questions"')
    assert '<option value="bulky">Bulky waste (furniture, mattresses)</option>' in html
