"""Reads for the demo: the accounts and well-known residents to show after loading."""

from __future__ import annotations

from dataclasses import dataclass

from loket.accounts.models import User
from loket.demo.data.featured import FEATURED_HOUSEHOLDS
from loket.demo.data.tenants import DEMO_PASSWORD, DEMO_TOTP_SECRET, STAFF
from loket.people.models import Address, Person
from loket.people.validators import national_number_build
from loket.tenancy.models import Membership


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: str
    scope: str
    department: str


@dataclass(frozen=True)
class DemoResident:
    full_name: str
    national_number: str
    municipality: str
    address: str
    language: str


def demo_password() -> str:
    return DEMO_PASSWORD


def demo_totp_secret() -> str:
    """The authenticator key of every demo staff account, in groups of four."""
    return " ".join(DEMO_TOTP_SECRET[index : index + 4] for index in range(0, 32, 4))


def demo_accounts() -> list[DemoAccount]:
    """The demo staff accounts present in the database, in the documented order."""
    usernames = [spec.username for spec in STAFF]
    users = {user.username: user for user in User.objects.filter(username__in=usernames)}
    memberships = (
        Membership.objects.filter(user__username__in=usernames)
        .select_related("user", "region", "municipality", "department")
        .order_by("pk")
    )
    by_user: dict[str, list[Membership]] = {}
    for membership in memberships:
        by_user.setdefault(membership.user.username, []).append(membership)
    accounts = []
    for username in usernames:
        user = users.get(username)
        if user is None:
            continue
        for membership in by_user.get(username, []):
            scope = membership.municipality or membership.region
            accounts.append(
                DemoAccount(
                    username=username,
                    full_name=user.get_full_name(),
                    role=str(membership.get_role_display()),
                    scope=scope.name,
                    department=membership.department.name if membership.department else "",
                )
            )
    return accounts


def demo_residents_featured() -> list[DemoResident]:
    """The well-known demo residents (adults) with their current address."""
    numbers = [
        national_number_build(person.birth_date, person.counter)
        for household in FEATURED_HOUSEHOLDS
        for person in household.people
        if person.birth_date.year < 2008
    ]
    people = {
        person.national_number: person
        for person in Person.objects.filter(national_number__in=numbers).select_related(
            "municipality"
        )
    }
    addresses = {
        address.person_id: address
        for address in Address.objects.filter(
            person__national_number__in=numbers, valid_until__isnull=True
        ).select_related("municipality")
    }
    residents = []
    for number in numbers:
        person = people.get(number)
        if person is None:
            continue
        address = addresses.get(person.pk)
        residents.append(
            DemoResident(
                full_name=person.full_name,
                national_number=number,
                municipality=person.municipality.name,
                address=address.one_line if address else "",
                language=person.preferred_language,
            )
        )
    return residents
