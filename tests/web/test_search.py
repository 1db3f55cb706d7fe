"""The back office's one search box: every kind of query, and nothing of another
municipality (its references answer exactly like unknown ones)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from loket.cases.models import Case
from loket.payments.models import MunicipalityPaymentSettings, PaymentRequest
from loket.payments.services import payment_request_create
from loket.people.models import Organisation, Person
from loket.people.services import organisation_register
from loket.people.validators import enterprise_number_build
from loket.reports.demo import _mappings_load, category_tree_load
from loket.reports.models import Category, Report, ReportSource
from loket.reports.services.intake import ReportIntake, report_create
from loket.tenancy.access import actor_for_resident, actor_for_user
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from loket.tenancy.services import department_create, municipality_create_from_nis, region_create
from tests.cases.helpers import certificate_request
from tests.catalog.helpers import catalog_product
from tests.factories import PersonFactory, regional_staff_member, staff_member

POINTS = {"34022": (50.82803, 3.26487), "34027": (50.79622, 3.12296)}
PARTIAL = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "search-results"}


@dataclass
class Town:
    municipality: Municipality
    resident: Person
    organisation: Organisation
    case_number: str
    report: Report
    payment: PaymentRequest


def _municipality(region: Any, nis_code: str) -> Municipality:
    municipality = municipality_create_from_nis(region=region, nis_code=nis_code)
    for code, nl, fr, en in (
        ("public-works", "Openbare werken", "Travaux publics", "Public works"),
        ("cleanliness", "Netheid", "Propreté", "Cleanliness"),
    ):
        department_create(
            municipality=municipality, region=region, code=code, name_nl=nl, name_fr=fr, name_en=en
        )
    MunicipalityPaymentSettings.objects.create(
        municipality=municipality,
        beneficiary_name=f"Gemeente {municipality.name_nl}",
        iban="BE68539007547034",
        bic="GEBABEBB",
        online_provider="demo",
        communication_prefix=nis_code[:2] + nis_code[3:],
    )
    return municipality


def _town(region: Any, municipality: Municipality, index: int, category: Category) -> Town:
    resident = PersonFactory(
        municipality=municipality,
        first_names="Sofie",
        last_name=f"Van den Broucke{'' if index == 0 else 'n'}",
        email=f"sofie{index}@example.test",
        phone=f"+3247012345{index}",
    )
    admin = actor_for_user(staff_member(municipality, Role.MUNICIPAL_ADMIN))
    return Town(
        municipality=municipality,
        resident=resident,
        organisation=organisation_register(
            municipality=municipality,
            enterprise_number=enterprise_number_build(4123450 + index),
            name=f"Bakkerij Lefèvre {municipality.name_nl}",
        ),
        case_number=certificate_request(
            actor=actor_for_resident(resident.pk), municipality=municipality, applicant=resident
        ).number,
        report=report_create(
            actor=admin,
            intake=ReportIntake(
                region=region,
                category=category,
                source=ReportSource.BACKOFFICE,
                description="Pothole",
                latitude=POINTS[municipality.nis_code][0],
                longitude=POINTS[municipality.nis_code][1],
            ),
        ),
        payment=payment_request_create(
            actor=admin,
            municipality=municipality,
            payer=resident,
            subject_type="case",
            subject_id=1,
            description="Attest",
            amount_cents=500,
            due_date=dt.date(2030, 1, 31),
        ),
    )


@pytest.fixture
def towns(db: None, settings: Any, tmp_path: Any) -> tuple[Town, Town]:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.LOKET_DOCUMENT_STORAGE = "local"
    settings.LOKET_DOCUMENT_ROOT = str(tmp_path / "documents")
    region = region_create(slug="zwvl", name_nl="Zuid-West-Vlaanderen", name_fr="Flandre SO")
    catalog_product("residence-certificate")
    kortrijk = _municipality(region, "34022")
    menen = _municipality(region, "34027")
    _mappings_load(region, category_tree_load(region=region))
    leaf = Category.objects.filter(region=region, children__isnull=True).order_by("pk")[0]
    return _town(region, kortrijk, 0, leaf), _town(region, menen, 1, leaf)


def _signed_in(municipality: Municipality, language: str = "en") -> Client:
    client = Client()
    client.force_login(
        staff_member(municipality, Role.MUNICIPAL_ADMIN, preferred_language=language)
    )
    return client


def _search(client: Client, query: str, **headers: str) -> Any:
    return client.get(reverse("web:search"), {"q": query}, **headers)


@pytest.mark.django_db
def test_residents_are_found_by_name_number_e_mail_and_phone(towns: tuple[Town, Town]) -> None:
    kortrijk, _menen = towns
    client = _signed_in(kortrijk.municipality)
    person = kortrijk.resident

    for query in ("vandenbrouke", "Sofie Van den Broucke", person.national_number,
                  person.email.upper(), "0470 12 34 50"):  # fmt: skip
        response = _search(client, query)
        assert response.status_code == 200
        assert response.context["results"].residents == [person], query
        assert reverse("people:resident-detail", args=[person.pk]) in response.content.decode()


@pytest.mark.django_db
def test_a_resident_is_found_by_address(towns: tuple[Town, Town]) -> None:
    kortrijk, _menen = towns
    address = kortrijk.resident.addresses.get()

    response = _search(_signed_in(kortrijk.municipality), f"{address.street} {address.number}")

    assert response.context["results"].residents == [kortrijk.resident]


@pytest.mark.django_db
def test_organisations_are_found_by_name_and_enterprise_number(towns: tuple[Town, Town]) -> None:
    kortrijk, _menen = towns
    client = _signed_in(kortrijk.municipality)
    number = kortrijk.organisation.enterprise_number

    for query in ("bakkerij lefevre", f"BE {number[:4]}.{number[4:7]}.{number[7:]}"):
        assert _search(client, query).context["results"].organisations == [kortrijk.organisation], (
            query
        )


@pytest.mark.django_db
def test_a_case_report_or_payment_number_opens_it(towns: tuple[Town, Town]) -> None:
    kortrijk, _menen = towns
    client = _signed_in(kortrijk.municipality)
    communication = kortrijk.payment.structured_communication
    formatted = f"+++{communication[:3]}/{communication[3:7]}/{communication[7:]}+++"

    expected = {
        kortrijk.case_number: reverse("cases:detail", args=[_case_pk(kortrijk)]),
        kortrijk.report.token: reverse("reports:staff-detail", args=[kortrijk.report.pk]),
        formatted: reverse("payments:backoffice-detail", args=[kortrijk.payment.pk]),
    }  # fmt: skip
    for query, url in expected.items():
        response = _search(client, query)
        assert response.status_code == 302, query
        assert response["Location"] == url
        live = _search(client, query, **PARTIAL)  # while typing: a link, not a jump
        assert live.status_code == 200
        assert url in live.content.decode()


def _case_pk(town: Town) -> int:
    return Case.objects.get(number=town.case_number).pk


@pytest.mark.django_db
def test_another_municipality_s_references_answer_like_unknown_ones(
    towns: tuple[Town, Town],
) -> None:
    kortrijk, menen = towns
    client = _signed_in(kortrijk.municipality)
    number = menen.organisation.enterprise_number
    foreign = [
        menen.case_number,
        menen.report.token,
        menen.payment.structured_communication,
        menen.resident.national_number,
        menen.resident.email,
        f"BE{number}",
        f"Bakkerij Lefèvre {menen.municipality.name_nl}",
    ]
    unknown = "ZZZ-0000-000000"
    nothing = _search(client, unknown, **PARTIAL).content.decode().replace(unknown, "QUERY")

    for query in foreign:
        response = _search(client, query)
        assert response.status_code == 200, query
        assert not response.context["results"].found, query
        partial = _search(client, query, **PARTIAL).content.decode()
        assert partial.replace(query, "QUERY") == nothing, query


@pytest.mark.django_db
def test_a_regional_administrator_finds_both_municipalities_residents(
    towns: tuple[Town, Town],
) -> None:
    kortrijk, menen = towns
    client = Client()
    client.force_login(regional_staff_member(kortrijk.municipality.region, Role.REGIONAL_ADMIN))

    found = _search(client, "sofie vandenbroucke").context["results"].residents

    assert {person.pk for person in found} == {kortrijk.resident.pk, menen.resident.pk}


@pytest.mark.django_db
def test_the_page_is_translated_and_says_nothing_found(db: None) -> None:
    municipality = municipality_create_from_nis(
        region=region_create(slug="r", name_nl="R", name_fr="R"), nis_code="34022"
    )
    client = _signed_in(municipality, language="fr")

    page = client.get(reverse("web:search"), {"q": "onbekend"})

    assert page.status_code == 200
    assert "Rien trouvé pour « onbekend »." in page.content.decode()


@pytest.mark.django_db
def test_the_api_answers_every_kind_in_one_response(towns: tuple[Town, Town]) -> None:
    kortrijk, _menen = towns
    client = _signed_in(kortrijk.municipality)

    def search(query: str) -> dict[str, Any]:
        response = client.get("/api/v1/search", {"q": query})
        assert response.status_code == 200, response.content
        answer: dict[str, Any] = response.json()
        return answer

    assert [r["id"] for r in search("Vandenbrouke")["residents"]] == [kortrijk.resident.pk]
    assert [c["number"] for c in search(kortrijk.case_number)["cases"]] == [kortrijk.case_number]
    assert [r["id"] for r in search(kortrijk.report.token)["reports"]] == [kortrijk.report.pk]
    payments = search(kortrijk.payment.structured_communication)["payments"]
    assert [p["id"] for p in payments] == [kortrijk.payment.pk]
    organisations = search(kortrijk.organisation.enterprise_number)["organisations"]
    assert [o["id"] for o in organisations] == [kortrijk.organisation.pk]


@pytest.mark.django_db
def test_the_api_answers_another_municipality_s_references_like_unknown_ones(
    towns: tuple[Town, Town],
) -> None:
    kortrijk, menen = towns
    client = _signed_in(kortrijk.municipality)
    empty = {"residents": [], "organisations": [], "cases": [], "reports": [], "payments": []}

    for query in (
        menen.case_number,
        menen.report.token,
        menen.payment.structured_communication,
        menen.organisation.enterprise_number,
        menen.resident.national_number,
        "ZZZ-0000-000000",
    ):
        response = client.get("/api/v1/search", {"q": query})
        assert response.status_code == 200
        assert response.json() == empty, query
