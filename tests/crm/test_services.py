"""Recording contact moments: what is written, every refusal (with its message, nothing
written), and another municipality's objects refused exactly like unknown ones."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation

from loket.accounts.services import api_client_create
from loket.crm.models import (
    ContactChannel,
    ContactDirection,
    ContactMoment,
    ContactOutcome,
)
from loket.crm.services import ContactInput, contact_moment_record
from loket.people.services import organisation_register
from loket.people.validators import enterprise_number_build
from loket.tenancy.access import actor_for_api_client, actor_for_resident, actor_for_user
from loket.tenancy.permissions import Role
from tests.crm.helpers import Resident, payment_for, resident_build
from tests.factories import PersonFactory, regional_staff_member, staff_member

pytestmark = pytest.mark.django_db

MISSING = 987_654_321


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture(scope="module")
def sofie(django_db_setup: object, django_db_blocker: object) -> Iterator[Resident]:
    """Built once for the module, inside a transaction rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():  # type: ignore[attr-defined]
        yield resident_build()
        transaction.set_rollback(True)


def _phone(**changes: object) -> ContactInput:
    values: dict[str, object] = {
        "channel": ContactChannel.PHONE,
        "summary": "Vroeg naar de openingsuren.",
        "topic": "Openingsuren",
    }
    values.update(changes)
    return ContactInput(**values)  # type: ignore[arg-type]


def _refusal(sofie: Resident, contact: ContactInput, **kwargs: object) -> dict[str, list[str]]:
    before = ContactMoment.objects.count()
    with pytest.raises(ValidationError) as refused:
        contact_moment_record(
            actor=actor_for_user(sofie.clerk),
            contact=contact,
            **kwargs,  # type: ignore[arg-type]
        )
    assert ContactMoment.objects.count() == before
    return dict(refused.value.message_dict)


def test_a_phone_call_is_recorded_with_everything_it_names(sofie: Resident) -> None:
    clerk = actor_for_user(sofie.clerk)

    contact = contact_moment_record(
        actor=clerk,
        contact=_phone(
            person_id=sofie.person.pk,
            product_code="resident-parking-card",
            topic="",
            summary="  Vroeg of de bewonerskaart online kan.  ",
            direction=ContactDirection.OUTBOUND,
            outcome=ContactOutcome.CALL_BACK,
            duration_minutes=7,
            case_id=sofie.case.pk,
            report_id=sofie.report.pk,
            appointment_id=sofie.appointment.pk,
            payment_request_id=sofie.payment.pk,
        ),
    )

    contact.refresh_from_db()
    assert contact.municipality == sofie.place.kortrijk
    assert contact.person == sofie.person
    assert contact.product is not None
    assert contact.product.code == "resident-parking-card"
    assert contact.subject == contact.product.name
    assert contact.summary == "Vroeg of de bewonerskaart online kan."
    assert (contact.channel, contact.direction, contact.outcome) == (
        "phone",
        "outbound",
        "call_back",
    )
    assert contact.duration_minutes == 7
    assert contact.staff_user == sofie.clerk
    assert contact.api_client is None
    assert (contact.case, contact.report, contact.appointment, contact.payment_request) == (
        sofie.case,
        sofie.report,
        sofie.appointment,
        sofie.payment,
    )
    assert abs((contact.occurred_at - timezone.now()).total_seconds()) < 60


def test_an_unknown_caller_is_recorded_without_a_resident(sofie: Resident) -> None:
    contact = contact_moment_record(actor=actor_for_user(sofie.clerk), contact=_phone())

    assert contact.person is None
    assert contact.organisation is None
    assert contact.municipality == sofie.place.kortrijk
    assert contact.subject == "Openingsuren"


def test_a_contact_with_an_organisation(sofie: Resident) -> None:
    company = organisation_register(
        municipality=sofie.place.kortrijk,
        enterprise_number=enterprise_number_build(4555555),
        name="Bakkerij Vandenbroucke",
    )

    contact = contact_moment_record(
        actor=actor_for_user(sofie.clerk),
        contact=_phone(organisation_id=company.pk, channel=ContactChannel.EMAIL),
    )

    assert contact.organisation == company


def test_a_contact_earlier_today_keeps_its_time(sofie: Resident) -> None:
    earlier = timezone.now() - dt.timedelta(hours=3)
    naive = timezone.localtime(earlier).replace(tzinfo=None)

    contact = contact_moment_record(
        actor=actor_for_user(sofie.clerk), contact=_phone(occurred_at=earlier)
    )
    local = contact_moment_record(
        actor=actor_for_user(sofie.clerk), contact=_phone(occurred_at=naive)
    )

    assert contact.occurred_at == earlier
    assert local.occurred_at == earlier


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"topic": ""}, "topic", "Say what the contact was about: a product or a topic."),
        ({"summary": "   "}, "summary", "Write a short summary of the contact."),
        ({"summary": "x" * 4001}, "summary", "Keep the summary under 4000 characters."),
        ({"topic": "x" * 201}, "topic", "Keep the topic under 200 characters."),
        ({"channel": "pigeon"}, "channel", "Choose one of the channels."),
        ({"direction": "sideways"}, "direction", "Choose who contacted whom."),
        ({"outcome": "maybe"}, "outcome", "Choose one of the outcomes."),
        ({"duration_minutes": 0}, "duration_minutes", "The duration is between 1 and 600 minutes."),
        (
            {"duration_minutes": 601},
            "duration_minutes",
            "The duration is between 1 and 600 minutes.",
        ),
        ({"product_code": "unicorn"}, "product_code", "There is no such product in the catalogue."),
        (
            {"occurred_at": dt.datetime(2099, 1, 1, tzinfo=dt.UTC)},
            "occurred_at",
            "A contact cannot be recorded ahead of time.",
        ),
        (
            {"occurred_at": dt.datetime(9999, 12, 31, 23, 59, tzinfo=dt.UTC)},
            "occurred_at",
            "A contact cannot be recorded ahead of time.",
        ),
        (
            {"occurred_at": dt.datetime(1, 1, 1, tzinfo=dt.UTC)},
            "occurred_at",
            "A contact is recorded within a year of when it happened.",
        ),
        (
            {"occurred_at": timezone.now() - dt.timedelta(days=400)},
            "occurred_at",
            "A contact is recorded within a year of when it happened.",
        ),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_is_written(
    sofie: Resident, changes: dict[str, object], field: str, message: str
) -> None:
    errors = _refusal(sofie, _phone(**changes))

    assert errors == {field: [message]}


def test_a_resident_and_an_organisation_at_once_is_refused(sofie: Resident) -> None:
    company = organisation_register(
        municipality=sofie.place.kortrijk,
        enterprise_number=enterprise_number_build(4666666),
        name="Garage Desmet",
    )

    errors = _refusal(sofie, _phone(person_id=sofie.person.pk, organisation_id=company.pk))

    assert errors == {
        "organisation_id": ["A contact is with a resident or with an organisation, not both."]
    }


@pytest.mark.parametrize(
    ("field", "foreign", "message"),
    [
        ("case_id", "menen_case", "There is no such request in this municipality."),
        (
            "payment_request_id",
            "menen_payment",
            "There is no such payment request in this municipality.",
        ),
    ],
)
def test_another_municipalitys_object_is_refused_like_an_unknown_one(
    sofie: Resident, field: str, foreign: str, message: str
) -> None:
    foreign_id = getattr(sofie, foreign).pk

    with_foreign = _refusal(sofie, _phone(**{field: foreign_id}))
    with_unknown = _refusal(sofie, _phone(**{field: MISSING}))

    assert with_foreign == with_unknown == {field: [message]}


def test_a_resident_of_another_municipality_is_refused_like_an_unknown_one(
    sofie: Resident,
) -> None:
    stranger = PersonFactory(municipality=sofie.place.menen)

    with_foreign = _refusal(sofie, _phone(person_id=stranger.pk))
    with_unknown = _refusal(sofie, _phone(person_id=MISSING))

    message = "There is no such resident among those you may see."
    assert with_foreign == with_unknown == {"person_id": [message]}


def test_a_link_must_be_of_the_contacts_own_municipality(sofie: Resident) -> None:
    """A regional administrator sees Menen's request too, but a Kortrijk contact points at
    Kortrijk's objects only."""
    regional = actor_for_user(regional_staff_member(sofie.place.region, Role.REGIONAL_ADMIN))

    with pytest.raises(ValidationError) as refused:
        contact_moment_record(
            actor=regional,
            contact=_phone(case_id=sofie.menen_case.pk),
            municipality_id=sofie.place.kortrijk.pk,
        )

    assert refused.value.message_dict == {
        "case_id": ["There is no such request in this municipality."]
    }


def test_a_municipality_the_clerk_does_not_record_for_is_refused(sofie: Resident) -> None:
    errors = _refusal(sofie, _phone(), municipality_id=sofie.place.menen.pk)

    assert errors == {"municipality": ["Choose one of the municipalities you record contacts for."]}


def test_every_problem_is_named_at_once(sofie: Resident) -> None:
    errors = _refusal(sofie, _phone(topic="", summary="", person_id=MISSING, report_id=MISSING))

    assert sorted(errors) == ["person_id", "report_id", "summary", "topic"]


@pytest.mark.parametrize("role", [Role.PRIVACY_OFFICER, Role.DISPATCHER, Role.MUNICIPAL_ADMIN])
def test_roles_without_crm_record_are_refused(sofie: Resident, role: Role) -> None:
    user = staff_member(sofie.place.kortrijk, role)

    with pytest.raises(PermissionDenied):
        contact_moment_record(actor=actor_for_user(user), contact=_phone())

    assert not ContactMoment.objects.filter(staff_user=user).exists()


def test_a_resident_records_nothing(sofie: Resident) -> None:
    with pytest.raises(PermissionDenied):
        contact_moment_record(actor=actor_for_resident(sofie.person.pk), contact=_phone())


def test_an_integration_records_in_its_municipality(sofie: Resident) -> None:
    client, _token = api_client_create(
        name="Contact centre", region=sofie.place.region, municipality=sofie.place.kortrijk
    )
    actor = actor_for_api_client(
        client_id=client.pk,
        role=client.role,
        region_id=sofie.place.region.pk,
        municipality_id=sofie.place.kortrijk.pk,
    )

    contact = contact_moment_record(
        actor=actor, contact=_phone(channel=ContactChannel.CHAT, person_id=sofie.person.pk)
    )

    assert contact.api_client == client
    assert contact.staff_user is None


def test_a_staff_member_of_several_municipalities_names_one(sofie: Resident) -> None:
    regional_actor = actor_for_user(regional_staff_member(sofie.place.region, Role.REGIONAL_ADMIN))

    with pytest.raises(ValidationError) as refused:
        contact_moment_record(actor=regional_actor, contact=_phone())
    by_resident = contact_moment_record(
        actor=regional_actor, contact=_phone(person_id=sofie.person.pk)
    )
    named = contact_moment_record(
        actor=regional_actor, contact=_phone(), municipality_id=sofie.place.menen.pk
    )

    assert refused.value.message_dict == {
        "municipality": ["Choose the municipality this contact is for."]
    }
    assert by_resident.municipality == sofie.place.kortrijk
    assert named.municipality == sofie.place.menen


def test_contact_moments_cannot_be_changed_or_deleted(sofie: Resident) -> None:
    contact = contact_moment_record(actor=actor_for_user(sofie.clerk), contact=_phone())

    for statement in (
        "UPDATE crm_contactmoment SET summary = 'changed' WHERE id = %s",
        "DELETE FROM crm_contactmoment WHERE id = %s",
    ):
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, [contact.pk])

    contact.refresh_from_db()
    assert contact.summary == "Vroeg naar de openingsuren."


def test_a_payment_the_clerk_may_see_in_her_municipality_is_linked(sofie: Resident) -> None:
    payment = payment_for(actor_for_user(sofie.clerk), sofie.place.kortrijk, sofie.person, "Kopie")

    contact = contact_moment_record(
        actor=actor_for_user(sofie.clerk), contact=_phone(payment_request_id=payment.pk)
    )

    assert contact.payment_request == payment
