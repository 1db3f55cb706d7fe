"""Reads of contact moments: each actor sees what it may and nothing else; a read for a
purpose goes to the resident's access log."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import transaction
from django.http import Http404

from loket.audit.models import AccessChannel, AccessLogEntry, AccessPurpose
from loket.crm.models import ContactChannel
from loket.crm.selectors import (
    contact_channel_last_used,
    contact_moment_get_visible,
    contact_moment_read_for_purpose,
    contact_moments_of_person,
    contact_moments_visible_to,
    recording_municipalities,
)
from loket.crm.services import ContactInput, contact_moment_record
from loket.tenancy.access import ANONYMOUS, actor_for_resident, actor_for_user
from loket.tenancy.permissions import Role
from tests.crm.helpers import Resident, resident_build
from tests.factories import regional_staff_member, staff_member

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def sofie(django_db_setup: object, django_db_blocker: object) -> Iterator[Resident]:
    with django_db_blocker.unblock(), transaction.atomic():  # type: ignore[attr-defined]
        yield resident_build()
        transaction.set_rollback(True)


def test_staff_see_the_contact_moments_of_their_municipalities(sofie: Resident) -> None:
    clerk = actor_for_user(sofie.clerk)
    regional = actor_for_user(regional_staff_member(sofie.place.region, Role.REGIONAL_ADMIN))

    assert list(contact_moments_visible_to(actor=clerk)) == [sofie.contact]
    assert set(contact_moments_visible_to(actor=regional)) == {sofie.contact, sofie.menen_contact}


@pytest.mark.parametrize("role", [Role.PRIVACY_OFFICER, Role.DISPATCHER])
def test_roles_without_crm_view_see_none(sofie: Resident, role: Role) -> None:
    actor = actor_for_user(staff_member(sofie.place.kortrijk, role))

    assert not contact_moments_visible_to(actor=actor).exists()


def test_residents_and_anonymous_visitors_see_none(sofie: Resident) -> None:
    assert not contact_moments_visible_to(actor=actor_for_resident(sofie.person.pk)).exists()
    assert not contact_moments_visible_to(actor=ANONYMOUS).exists()


def test_another_municipalitys_contact_answers_404_like_a_missing_one(sofie: Resident) -> None:
    clerk = actor_for_user(sofie.clerk)

    assert contact_moment_get_visible(actor=clerk, contact_moment_id=sofie.contact.pk).pk == (
        sofie.contact.pk
    )
    for contact_moment_id in (sofie.menen_contact.pk, 987_654_321):
        with pytest.raises(Http404):
            contact_moment_get_visible(actor=clerk, contact_moment_id=contact_moment_id)


def test_a_read_for_a_purpose_is_logged_for_the_resident(sofie: Resident) -> None:
    clerk = actor_for_user(sofie.clerk)

    contact_moment_read_for_purpose(
        actor=clerk,
        contact_moment_id=sofie.contact.pk,
        purpose=AccessPurpose.PHONE_CALL,
        what="contact moment",
        channel=AccessChannel.WEB,
    )

    assert list(
        AccessLogEntry.objects.filter(person=sofie.person).values_list(
            "user_id", "municipality_id", "purpose", "what"
        )
    ) == [(sofie.clerk.pk, sofie.place.kortrijk.pk, "phone_call", "contact moment")]


def test_a_refused_read_logs_nothing(sofie: Resident) -> None:
    before = AccessLogEntry.objects.count()

    with pytest.raises(Http404):
        contact_moment_read_for_purpose(
            actor=actor_for_user(sofie.clerk),
            contact_moment_id=sofie.menen_contact.pk,
            purpose=AccessPurpose.PHONE_CALL,
            what="contact moment",
            channel=AccessChannel.WEB,
        )

    assert AccessLogEntry.objects.count() == before


def test_the_contacts_of_a_resident_are_those_of_the_readers_municipalities(
    sofie: Resident,
) -> None:
    clerk = actor_for_user(sofie.clerk)

    assert list(contact_moments_of_person(actor=clerk, person=sofie.person)) == [sofie.contact]


def test_the_last_channel_a_staff_member_used(sofie: Resident) -> None:
    clerk = actor_for_user(sofie.clerk)
    newcomer = actor_for_user(staff_member(sofie.place.kortrijk, Role.CLERK))
    assert contact_channel_last_used(actor=clerk) == ContactChannel.PHONE
    assert contact_channel_last_used(actor=newcomer) == ""

    contact_moment_record(
        actor=clerk,
        contact=ContactInput(channel=ContactChannel.COUNTER, summary="Vraag", topic="Vraag"),
    )

    assert contact_channel_last_used(actor=clerk) == ContactChannel.COUNTER
    assert contact_channel_last_used(actor=ANONYMOUS) == ""


def test_the_municipalities_a_staff_member_records_for(sofie: Resident) -> None:
    regional = actor_for_user(regional_staff_member(sofie.place.region, Role.REGIONAL_ADMIN))
    admin = actor_for_user(staff_member(sofie.place.kortrijk, Role.MUNICIPAL_ADMIN))

    assert recording_municipalities(actor=actor_for_user(sofie.clerk)) == [sofie.place.kortrijk]
    assert recording_municipalities(actor=regional) == [sofie.place.kortrijk, sofie.place.menen]
    assert recording_municipalities(actor=admin) == []
