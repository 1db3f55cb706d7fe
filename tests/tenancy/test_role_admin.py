"""Role administration of a municipality: the municipal administrator lists the staff,
grants and revokes the municipality's roles and resets a second factor, each change in the
append-only audit trail; another municipality's staff, roles, departments and memberships
answer 404 and nothing is written."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from loket.accounts.models import User
from loket.identity.totp import recovery_codes_regenerate
from loket.tenancy.models import (
    Membership,
    Municipality,
    StaffAccessEvent,
    StaffAccessEventKind,
)
from loket.tenancy.permissions import Role
from tests.factories import DepartmentFactory, regional_staff_member, staff_member
from tests.two_factor import totp_enrol

pytestmark = pytest.mark.django_db


def _page(municipality: Municipality) -> str:
    return f"/backoffice/gemeenten/{municipality.pk}/medewerkers/"


def _writes() -> int:
    """Rows inserted, updated or deleted so far in this transaction, in every table."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)"
            " FROM pg_stat_xact_user_tables"
            " WHERE relname NOT IN ('django_session', 'reports_ratelimitcounter')"
        )
        return int(cursor.fetchone()[0])


@pytest.fixture
def admin(municipality: Municipality) -> User:
    return staff_member(municipality, Role.MUNICIPAL_ADMIN, first_name="Ann", last_name="Admin")


@pytest.fixture
def admin_client(client: Client, admin: User) -> Client:
    client.force_login(admin)
    return client


def test_the_page_lists_the_staff_of_the_municipality_only(
    admin_client: Client, municipality: Municipality, other_municipality: Municipality
) -> None:
    own = staff_member(municipality, Role.CLERK, first_name="Bart", last_name="Baert")
    foreign = staff_member(other_municipality, Role.CLERK, first_name="Fien", last_name="Vreemd")

    response = admin_client.get(_page(municipality))

    assert response.status_code == 200
    html = response.content.decode()
    assert own.username in html
    assert foreign.username not in html
    assert "Vreemd" not in html


def test_granting_a_role_writes_the_membership_and_the_audit_trail(
    admin_client: Client, admin: User, municipality: Municipality
) -> None:
    clerk = staff_member(municipality, Role.CLERK)
    department = DepartmentFactory(municipality=municipality)

    response = admin_client.post(
        _page(municipality),
        {"user_id": clerk.pk, "role": Role.DEPARTMENT_HEAD, "department_id": department.pk},
    )

    assert response.status_code == 302
    assert Membership.objects.filter(
        user=clerk, municipality=municipality, department=department, role=Role.DEPARTMENT_HEAD
    ).exists()
    event = StaffAccessEvent.objects.get()
    assert (event.actor, event.subject, event.kind, event.role, event.department) == (
        admin,
        clerk,
        StaffAccessEventKind.ROLE_GRANTED,
        Role.DEPARTMENT_HEAD,
        department,
    )
    assert event.municipality == municipality
    page = admin_client.get(_page(municipality)).content.decode()
    assert "Rol toegekend" in page or "Role granted" in page


def test_revoking_a_role_removes_it_and_is_in_the_audit_trail(
    admin_client: Client, admin: User, municipality: Municipality
) -> None:
    clerk = staff_member(municipality, Role.CLERK)
    membership = Membership.objects.get(user=clerk)

    response = admin_client.post(f"{_page(municipality)}rollen/{membership.pk}/intrekken/")

    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    event = StaffAccessEvent.objects.get()
    assert (event.actor, event.subject, event.kind, event.role) == (
        admin,
        clerk,
        StaffAccessEventKind.ROLE_REVOKED,
        Role.CLERK,
    )


def test_an_administrator_does_not_revoke_their_own_administrator_role(
    admin_client: Client, admin: User, municipality: Municipality
) -> None:
    membership = Membership.objects.get(user=admin)

    admin_client.post(f"{_page(municipality)}rollen/{membership.pk}/intrekken/")

    assert Membership.objects.filter(pk=membership.pk).exists()
    assert not StaffAccessEvent.objects.exists()


def test_only_the_roles_of_a_municipality_can_be_granted(
    admin_client: Client, municipality: Municipality
) -> None:
    clerk = staff_member(municipality, Role.CLERK)
    before = _writes()

    for role in (Role.REGIONAL_ADMIN, Role.DISPATCHER, Role.INTEGRATION):
        response = admin_client.post(_page(municipality), {"user_id": clerk.pk, "role": role})
        assert response.status_code == 400

    assert _writes() == before
    assert Membership.objects.filter(user=clerk).count() == 1


@pytest.mark.parametrize("target", ["user", "department", "unknown_user", "unknown_department"])
def test_another_municipalitys_staff_or_department_answers_404_and_nothing_is_written(
    admin_client: Client,
    municipality: Municipality,
    other_municipality: Municipality,
    target: str,
) -> None:
    own = staff_member(municipality, Role.CLERK)
    foreign = staff_member(other_municipality, Role.CLERK)
    foreign_department = DepartmentFactory(municipality=other_municipality)
    body: dict[str, Any] = {"user_id": own.pk, "role": Role.HANDLER}
    if target == "user":
        body["user_id"] = foreign.pk
    elif target == "unknown_user":
        body["user_id"] = 9_999_999
    elif target == "department":
        body["department_id"] = foreign_department.pk
    else:
        body["department_id"] = 9_999_999
    before = _writes()

    response = admin_client.post(_page(municipality), body)

    assert response.status_code == 404
    assert _writes() == before


def test_another_municipalitys_page_membership_and_reset_answer_404_and_write_nothing(
    client: Client, municipality: Municipality, other_municipality: Municipality
) -> None:
    """A Menen administrator against Kortrijk: by path, by membership id in their own
    municipality's path, and by user id for the second-factor reset."""
    client.force_login(staff_member(other_municipality, Role.MUNICIPAL_ADMIN))
    victim = staff_member(municipality, Role.CLERK)
    totp_enrol(victim)
    membership = Membership.objects.get(user=victim)
    before = _writes()

    answers = [
        client.get(_page(municipality)).status_code,
        client.post(_page(municipality), {"user_id": victim.pk, "role": Role.CLERK}).status_code,
        client.post(f"{_page(other_municipality)}rollen/{membership.pk}/intrekken/").status_code,
        client.post(f"{_page(municipality)}rollen/{membership.pk}/intrekken/").status_code,
        client.post(
            f"{_page(other_municipality)}{victim.pk}/tweestapsverificatie/herstellen/"
        ).status_code,
        client.post(
            f"{_page(other_municipality)}9999999/tweestapsverificatie/herstellen/"
        ).status_code,
    ]

    assert answers == [404] * 6
    assert _writes() == before
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert TOTPDevice.objects.filter(user=victim).exists()


def test_a_clerk_cannot_open_the_role_administration(
    client: Client, clerk: User, municipality: Municipality
) -> None:
    client.force_login(clerk)

    assert client.get(_page(municipality)).status_code == 403


def test_the_administrator_resets_a_staff_members_second_factor_and_it_is_logged(
    admin_client: Client, admin: User, municipality: Municipality
) -> None:
    clerk = staff_member(municipality, Role.CLERK)
    totp_enrol(clerk)
    totp_enrol(admin)
    recovery_codes_regenerate(user=clerk)
    page = admin_client.get(_page(municipality)).content.decode()
    assert f"{_page(municipality)}{clerk.pk}/tweestapsverificatie/herstellen/" in page
    assert f"{_page(municipality)}{admin.pk}/tweestapsverificatie/herstellen/" not in page

    response = admin_client.post(
        f"{_page(municipality)}{clerk.pk}/tweestapsverificatie/herstellen/"
    )

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=clerk).exists()
    assert not StaticDevice.objects.filter(user=clerk).exists()
    event = StaffAccessEvent.objects.get()
    assert (event.actor, event.subject, event.kind) == (
        admin,
        clerk,
        StaffAccessEventKind.TWO_FACTOR_RESET,
    )


def test_no_reset_for_staff_who_also_work_beyond_the_administrators_municipalities(
    admin_client: Client, municipality: Municipality, other_municipality: Municipality
) -> None:
    shared = staff_member(municipality, Role.CLERK)
    staff_member_role_elsewhere = Membership.objects.create(
        user=shared, region=other_municipality.region, municipality=other_municipality, role="clerk"
    )
    regional = regional_staff_member(municipality.region, Role.REGIONAL_ADMIN)
    Membership.objects.create(
        user=regional, region=municipality.region, municipality=municipality, role="clerk"
    )
    for user in (shared, regional):
        totp_enrol(user)
    before = _writes()

    for user in (shared, regional):
        admin_client.post(f"{_page(municipality)}{user.pk}/tweestapsverificatie/herstellen/")

    assert _writes() == before
    assert TOTPDevice.objects.filter(user__in=[shared, regional]).count() == 2
    assert staff_member_role_elsewhere.pk


def test_the_audit_trail_is_append_only(admin_client: Client, municipality: Municipality) -> None:
    clerk = staff_member(municipality, Role.CLERK)
    admin_client.post(_page(municipality), {"user_id": clerk.pk, "role": Role.HANDLER})
    event = StaffAccessEvent.objects.get()

    with pytest.raises(IntegrityError), transaction.atomic():
        StaffAccessEvent.objects.filter(pk=event.pk).update(role=Role.MUNICIPAL_ADMIN)
    with pytest.raises(IntegrityError), transaction.atomic():
        StaffAccessEvent.objects.filter(pk=event.pk).delete()
