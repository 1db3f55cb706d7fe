"""Activities in a real browser: a parent registers two children for a camp and pays with
the demo bank; when she cancels one place, the family on the waiting list gets it offered
and accepts it - with no WCAG 2.1 AA violation found by axe-core on the way."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone

from loket.activities.models import Registration
from loket.activities.services import (
    ActivityFields,
    activity_save,
    period_add,
    registration_create,
)
from loket.activities.workflow import RegistrationStatus
from loket.payments.models import MunicipalityPaymentSettings
from loket.people.models import HouseholdRelation
from loket.people.services import household_link_add
from loket.tenancy.access import actor_for_resident, actor_for_user
from loket.tenancy.permissions import Role
from loket.tenancy.services import municipality_create_from_nis, region_create
from tests.e2e.conftest import assert_no_axe_violations
from tests.factories import PersonFactory, staff_member

START = dt.date(2031, 7, 7)


@pytest.fixture
def kortrijk(transactional_db: None) -> Any:
    region = region_create(
        slug="zuid-west-vlaanderen",
        name_nl="Zuid-West-Vlaanderen",
        name_fr="Flandre occidentale du Sud-Ouest",
    )
    municipality = municipality_create_from_nis(region=region, nis_code="34022")
    MunicipalityPaymentSettings.objects.create(
        municipality=municipality,
        beneficiary_name="Stad Kortrijk",
        iban="BE68539007547034",
        bic="GEBABEBB",
        online_provider="demo",
        communication_prefix="1234",
    )
    return municipality


def _camp(municipality: Any) -> tuple[Any, Any]:
    actor = actor_for_user(staff_member(municipality, Role.MUNICIPAL_ADMIN))
    now = timezone.now()
    activity = activity_save(
        actor=actor,
        municipality=municipality,
        fields=ActivityFields(
            kind="camp",
            titles={"nl": "Sportkamp balsporten"},
            descriptions={"nl": "Voetbal en basketbal"},
            location="Sporthal Lange Munte",
            age_min=6,
            age_max=12,
            school_year_min=None,
            school_year_max=None,
            price_resident_cents=8000,
            price_non_resident_cents=12000,
            social_reduction_percent=50,
            sibling_reduction_percent=25,
            opens_residents_at=now - dt.timedelta(days=1),
            opens_everyone_at=now - dt.timedelta(hours=1),
            closes_at=now + dt.timedelta(days=30),
            offer_hours=48,
            is_published=True,
        ),
    )
    period = period_add(
        actor=actor,
        activity=activity,
        label="Week 1",
        starts_on=START,
        ends_on=START + dt.timedelta(days=4),
        capacity=2,
    )
    return activity, period


def _family(municipality: Any, first: str, last: str, children: list[str]) -> tuple[Any, list]:
    parent = PersonFactory(
        municipality=municipality, first_names=first, last_name=last, birth_date=dt.date(1984, 5, 5)
    )
    kids = []
    for index, name in enumerate(children):
        kid = PersonFactory(
            municipality=municipality,
            first_names=name,
            last_name=last,
            birth_date=dt.date(START.year - 8, 3, 1 + index),
        )
        household_link_add(person=parent, relative=kid, relation=HouseholdRelation.PARENT)
        kids.append(kid)
    return parent, kids


def _sign_in(page: Any, name: str, next_url: str) -> None:
    page.goto(f"/aanmelden/demo/?municipality=kortrijk&next={next_url}")
    page.get_by_role("button", name=re.compile(name)).click()
    page.wait_for_url(f"**{next_url}")


def test_register_two_children_pay_and_the_waiting_family_is_promoted(
    page: Any, browser: Any, live_server: Any, kortrijk: Any
) -> None:
    activity, period = _camp(kortrijk)
    _sofie, (lotte, wout) = _family(kortrijk, "Sofie", "Vandenbroucke", ["Lotte", "Wout"])
    jan, (mila,) = _family(kortrijk, "Jan", "Peeters", ["Mila"])

    _sign_in(
        page, "Sofie Vandenbroucke", f"/{activity.municipality.slug}/activiteiten/{activity.pk}/"
    )
    assert_no_axe_violations(page)
    page.get_by_label(re.compile("Lotte")).check()
    page.get_by_label(re.compile("Wout")).check()
    address = f"/{activity.municipality.slug}/activiteiten/{activity.pk}/"
    page.locator(f"form[action='{address}inschrijven/'] button").click()
    page.wait_for_url("**/mijn/activiteiten/")
    assert page.locator("tbody tr").count() == 2
    assert_no_axe_violations(page)

    # The camp is full: Jan's Mila goes on the waiting list.
    waiting = registration_create(
        actor=actor_for_resident(jan.pk),
        period_id=period.pk,
        child_id=mila.pk,
        idempotency_key="jan-1",
    ).registration
    assert waiting.status == RegistrationStatus.WAITING

    # Sofie pays Lotte's place online with the demo bank.
    lotte_row = page.locator("tbody tr", has_text="Lotte")
    lotte_row.get_by_role("link", name=re.compile("Betalen")).click()
    page.wait_for_url("**/betalingen/*/")
    assert_no_axe_violations(page)
    page.locator("form[action$='/online/'] button[type=submit]").click()
    page.wait_for_url("**/betalingen/demo-bank/**")
    page.locator("button[name=decision][value=approve]").click()
    page.wait_for_url("**/betalingen/*/")
    assert page.locator("[data-testid=payment-status]").get_attribute("data-status") == "paid"
    assert Registration.objects.get(child=lotte).paid_at is not None

    # Sofie cancels Wout's place: it is offered to Mila.
    page.goto("/mijn/activiteiten/")
    wout_row = page.locator("tbody tr", has_text="Wout")
    wout_row.get_by_role("button", name=re.compile("Annuleren")).click()
    page.wait_for_url("**/mijn/activiteiten/")
    assert Registration.objects.get(child=wout).status == RegistrationStatus.CANCELLED
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.OFFERED

    # Jan signs in (another browser) and accepts the place.
    context = browser.new_context(locale="nl-BE", base_url=live_server.url)
    jan_page = context.new_page()
    _sign_in(jan_page, "Jan Peeters", "/mijn/activiteiten/")
    assert_no_axe_violations(jan_page)
    jan_page.get_by_role("button", name=re.compile("De plaats aanvaarden")).click()
    jan_page.wait_for_url("**/mijn/activiteiten/")
    assert jan_page.locator(".status--confirmed").count() == 1
    assert_no_axe_violations(jan_page)
    context.close()
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
