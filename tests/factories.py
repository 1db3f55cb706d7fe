"""factory_boy factories shared by the whole suite."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import factory

from loket.accounts.models import User
from loket.people.models import Address, Person
from loket.people.services import name_normalise, search_surnames_record, surname_compact
from loket.people.validators import national_number_build
from loket.tenancy.models import (
    Department,
    Membership,
    Municipality,
    MunicipalityBoundary,
    Region,
)
from loket.tenancy.permissions import Role

# A small square polygon per test municipality, laid out on a grid far from real ones.
_square_counter = itertools.count()


def _square(index: int) -> dict[str, Any]:
    lon, lat = 10.0 + (index % 50) * 0.2, 40.0 + (index // 50) * 0.2
    ring = [[lon, lat], [lon + 0.1, lat], [lon + 0.1, lat + 0.1], [lon, lat + 0.1], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"region-{n}")
    name_nl = factory.Sequence(lambda n: f"Regio {n}")
    name_fr = factory.Sequence(lambda n: f"Région {n}")
    name_en = factory.Sequence(lambda n: f"Region {n}")


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    class Params:
        square = factory.LazyFunction(lambda: next(_square_counter))
        boundary = factory.LazyAttribute(lambda o: _square(o.square))

    region = factory.SubFactory(RegionFactory)
    nis_code = factory.Sequence(lambda n: f"{90000 + n:05d}")
    slug = factory.Sequence(lambda n: f"gemeente-{n}")
    name_nl = factory.Sequence(lambda n: f"Gemeente {n}")
    name_fr = factory.Sequence(lambda n: f"Commune {n}")
    name_en = factory.Sequence(lambda n: f"Municipality {n}")
    centroid_latitude = factory.LazyAttribute(lambda o: o.boundary["coordinates"][0][0][1] + 0.05)
    centroid_longitude = factory.LazyAttribute(lambda o: o.boundary["coordinates"][0][0][0] + 0.05)
    bbox_min_longitude = factory.LazyAttribute(lambda o: o.boundary["coordinates"][0][0][0])
    bbox_min_latitude = factory.LazyAttribute(lambda o: o.boundary["coordinates"][0][0][1])
    bbox_max_longitude = factory.LazyAttribute(lambda o: o.boundary["coordinates"][0][2][0])
    bbox_max_latitude = factory.LazyAttribute(lambda o: o.boundary["coordinates"][0][2][1])
    boundary_shape = factory.RelatedFactory(
        "tests.factories.MunicipalityBoundaryFactory",
        factory_related_name="municipality",
        geometry=factory.SelfAttribute("..boundary"),
    )


class MunicipalityBoundaryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MunicipalityBoundary

    geometry = factory.LazyFunction(lambda: _square(next(_square_counter)))


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    municipality = factory.SubFactory(MunicipalityFactory)
    region = factory.LazyAttribute(lambda o: o.municipality.region)
    code = factory.Sequence(lambda n: f"dept-{n}")
    name_nl = factory.Sequence(lambda n: f"Dienst {n}")
    name_fr = factory.Sequence(lambda n: f"Service {n}")
    name_en = factory.Sequence(lambda n: f"Department {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    first_name = "Staff"
    last_name = factory.Sequence(lambda n: f"Member {n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.test")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def _save(obj: User, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    region = factory.LazyAttribute(lambda o: o.municipality.region if o.municipality else None)
    role = Role.CLERK


def staff_member(
    municipality: Municipality | None = None, role: Role = Role.CLERK, **kwargs: Any
) -> User:
    """A user with one membership (municipality-wide; region-wide when given a region)."""
    user: User = UserFactory(**kwargs)
    municipality = municipality or MunicipalityFactory()
    MembershipFactory(user=user, municipality=municipality, role=role)
    return user


def regional_staff_member(region: Region, role: Role, **kwargs: Any) -> User:
    user: User = UserFactory(**kwargs)
    MembershipFactory(user=user, municipality=None, region=region, role=role)
    return user


_counter = itertools.count(1)


def _national_number(birth_date: dt.date) -> str:
    return national_number_build(birth_date, (next(_counter) % 997) + 1)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    region = factory.LazyAttribute(lambda o: o.municipality.region)
    first_names = factory.Iterator(["Jan", "Marie", "Lotte", "Mohamed", "Élodie", "Pieter"])
    last_name = factory.Iterator(["Janssens", "Peeters", "Vandenbroucke", "Dubois", "El Amrani"])
    birth_date = factory.Sequence(
        lambda n: dt.date(1950, 1, 1) + dt.timedelta(days=397 * n % 20000)
    )
    national_number = factory.LazyAttribute(lambda o: _national_number(o.birth_date))
    sex = "X"
    preferred_language = "nl"
    preferred_channels = factory.LazyFunction(lambda: ["portal"])
    email = factory.LazyAttribute(lambda o: f"{o.national_number}@example.test")
    search_name = factory.LazyAttribute(lambda o: name_normalise(f"{o.first_names} {o.last_name}"))
    search_surname = factory.LazyAttribute(lambda o: surname_compact(o.last_name))

    @factory.post_generation
    def surname_listed(obj: Person, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            search_surnames_record([obj.search_surname])

    @factory.post_generation
    def address(obj: Person, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            Address.objects.create(
                person=obj,
                municipality=obj.municipality,
                street=kwargs.get("street", "Kerkstraat"),
                number=kwargs.get("number", "1"),
                postal_code=kwargs.get("postal_code", "8500"),
                valid_from=obj.birth_date or dt.date(2000, 1, 1),
            )


# Appointments: an office with weekday hours, and its desks.


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "appointments.Office"

    municipality = factory.SubFactory(MunicipalityFactory)
    name_nl = factory.Sequence(lambda n: f"Stadhuis {n}")
    name_fr = factory.Sequence(lambda n: f"Hôtel de ville {n}")
    name_en = factory.Sequence(lambda n: f"Town hall {n}")
    address_street = "Grote Markt 1"
    address_postal_code = "8500"
    address_locality = "Kortrijk"
    latitude = 50.8277
    longitude = 3.2649


class DeskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "appointments.Desk"

    office = factory.SubFactory(OfficeFactory)
    municipality = factory.LazyAttribute(lambda o: o.office.municipality)
    name = factory.Sequence(lambda n: f"Loket {n}")
