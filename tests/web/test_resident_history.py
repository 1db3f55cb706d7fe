"""The back office's 360° view shows the resident's history across domains, scoped."""

import datetime as dt
import re

import pytest
from django.test import Client

from loket.payments.services import payment_request_create
from loket.tenancy.access import actor_for_user
from loket.tenancy.permissions import Role
from tests.factories import PersonFactory, staff_member


@pytest.mark.django_db
def test_the_360_view_lists_the_residents_payments_and_sections(municipality, other_municipality):
    clerk = staff_member(municipality, Role.CLERK)
    person = PersonFactory(municipality=municipality)
    stranger = PersonFactory(municipality=municipality)
    payment = payment_request_create(
        actor=actor_for_user(clerk),
        municipality=municipality,
        payer=person,
        subject_type="test",
        subject_id=1,
        description="Parkeerkaart",
        amount_cents=2500,
        due_date=dt.date(2026, 12, 31),
    )
    payment_request_create(
        actor=actor_for_user(clerk),
        municipality=municipality,
        payer=stranger,
        subject_type="test",
        subject_id=2,
        description="Andere",
        amount_cents=100,
        due_date=dt.date(2026, 12, 31),
    )
    client = Client()
    client.force_login(clerk)

    html = client.get(f"/backoffice/inwoners/{person.pk}/?purpose=counter_visit").content.decode()

    assert 'id="history-heading"' in html
    assert f"/backoffice/betalingen/{payment.pk}/" in html
    assert re.findall(r"/backoffice/betalingen/(\d+)/", html) == [str(payment.pk)]
    assert 'id="history-cases"' in html
    assert 'id="history-messages"' in html


@pytest.mark.django_db
def test_staff_without_the_360_permission_see_no_history(municipality):
    handler = staff_member(municipality, Role.HANDLER)
    person = PersonFactory(municipality=municipality)
    client = Client()
    client.force_login(handler)

    html = client.get(f"/backoffice/inwoners/{person.pk}/?purpose=case_handling").content.decode()

    assert 'id="history-heading"' not in html


@pytest.mark.django_db
def test_the_360_view_names_a_payment_as_the_bank_and_the_resident_see_it(municipality):
    clerk = staff_member(municipality, Role.CLERK)
    person = PersonFactory(municipality=municipality)
    payment = payment_request_create(
        actor=actor_for_user(clerk),
        municipality=municipality,
        payer=person,
        subject_type="test",
        subject_id=1,
        description="Parkeerkaart",
        amount_cents=2500,
        due_date=dt.date(2026, 12, 31),
    )
    digits = payment.structured_communication
    written = f"+++{digits[:3]}/{digits[3:7]}/{digits[7:]}+++"
    client = Client()
    client.force_login(clerk)

    html = client.get(f"/backoffice/inwoners/{person.pk}/?purpose=counter_visit").content.decode()

    assert (
        f'<a href="/backoffice/betalingen/{payment.pk}/">Parkeerkaart</a> · '
        f'<span class="mono">{written}</span> · Open'
    ) in html
    assert digits not in html.replace(written, "")
