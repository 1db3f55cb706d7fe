"""The quick-capture form: the numbers staff know become ids through the actor's
selectors (another municipality's number is refused like an unknown one), and the subject
becomes a product of the catalogue or a free topic."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.utils import translation

from loket.crm.forms import ContactMomentForm
from loket.people.services import organisation_register
from loket.people.validators import enterprise_number_build
from loket.tenancy.access import actor_for_user
from tests.crm.helpers import Resident, resident_build

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture(scope="module")
def sofie(django_db_setup: object, django_db_blocker: object) -> Iterator[Resident]:
    with django_db_blocker.unblock(), transaction.atomic():  # type: ignore[attr-defined]
        yield resident_build()
        transaction.set_rollback(True)


def _form(sofie: Resident, **data: str) -> ContactMomentForm:
    values = {
        "channel": "phone",
        "subject": "Openingsuren",
        "summary": "Vroeg naar de openingsuren.",
        "direction": "inbound",
        "outcome": "answered",
        **data,
    }
    return ContactMomentForm(
        values,
        actor=actor_for_user(sofie.clerk),
        municipality_choices=[(sofie.place.kortrijk.pk, "Kortrijk")],
    )


def test_three_fields_are_enough(sofie: Resident) -> None:
    form = _form(sofie)

    assert form.is_valid(), form.errors
    contact = form.contact_input()
    assert (contact.channel, contact.topic, contact.product_code) == ("phone", "Openingsuren", "")
    assert contact.person_id is None
    assert [field.name for field in form.quick_fields()] == ["channel", "subject", "summary"]


@pytest.mark.parametrize("typed", ["Resident parking permit", "bewonerskaart (parkeren)"])
def test_a_product_name_in_any_language_becomes_the_product(sofie: Resident, typed: str) -> None:
    form = _form(sofie, subject=typed)

    assert form.is_valid(), form.errors
    assert (form.contact_input().product_code, form.contact_input().topic) == (
        "resident-parking-card",
        "",
    )


def test_the_numbers_staff_know_become_ids(sofie: Resident) -> None:
    company = organisation_register(
        municipality=sofie.place.kortrijk,
        enterprise_number=enterprise_number_build(4777777),
        name="Drukkerij Desmet",
    )
    digits = sofie.payment.structured_communication
    form = _form(
        sofie,
        organisation_number=f"{company.enterprise_number[:4]}.{company.enterprise_number[4:7]}"
        f".{company.enterprise_number[7:]}",
        case_number=sofie.case.number.lower(),
        report_number=f"#{sofie.report.pk}",
        appointment_reference=sofie.appointment.reference.lower(),
        payment_reference=f"+++{digits[:3]}/{digits[3:7]}/{digits[7:]}+++",
    )

    assert form.is_valid(), form.errors
    contact = form.contact_input()
    assert (
        contact.organisation_id,
        contact.case_id,
        contact.report_id,
        contact.appointment_id,
        contact.payment_request_id,
    ) == (company.pk, sofie.case.pk, sofie.report.pk, sofie.appointment.pk, sofie.payment.pk)


@pytest.mark.parametrize(
    ("field", "foreign", "unknown", "message"),
    [
        (
            "case_number",
            lambda s: s.menen_case.number,
            "KORTRIJK-2099-999999",
            "There is no such request in this municipality.",
        ),
        (
            "payment_reference",
            lambda s: s.menen_payment.structured_communication,
            "000000000097",
            "There is no such payment request in this municipality.",
        ),
        (
            "organisation_number",
            lambda s: enterprise_number_build(4888888),
            enterprise_number_build(4999999),
            "There is no such organisation among those you may see.",
        ),
        (
            "report_number",
            lambda s: "12a",
            "99999999999999999999",
            "There is no such report in this municipality.",
        ),
    ],
)
def test_another_municipalitys_number_is_refused_like_an_unknown_one(
    sofie: Resident, field: str, foreign: Any, unknown: str, message: str
) -> None:
    organisation_register(
        municipality=sofie.place.menen,
        enterprise_number=enterprise_number_build(4888888),
        name="Menen Bouw",
    )

    with_foreign = _form(sofie, **{field: foreign(sofie)})
    with_unknown = _form(sofie, **{field: unknown})

    assert not with_foreign.is_valid()
    assert not with_unknown.is_valid()
    assert with_foreign.errors == with_unknown.errors == {field: [message]}


def test_a_missing_subject_and_summary_are_named(sofie: Resident) -> None:
    form = _form(sofie, subject="", summary="")

    assert not form.is_valid()
    assert set(form.errors) == {"subject", "summary"}
