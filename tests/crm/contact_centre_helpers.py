"""A region of two municipalities (and a municipality of another region) with staff, for the
contact-centre tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from loket.accounts.models import User
from loket.crm.contact_centre.models import ContactQuestion
from loket.crm.contact_centre.services import QuestionInput, contact_question_register
from loket.people.models import Person
from loket.tenancy.access import Actor, actor_for_user
from loket.tenancy.models import Department, Municipality
from loket.tenancy.permissions import Role
from tests.factories import (
    DepartmentFactory,
    MembershipFactory,
    MunicipalityFactory,
    PersonFactory,
    UserFactory,
    regional_staff_member,
    staff_member,
)


@dataclass
class Region:
    kortrijk: Municipality
    menen: Municipality
    elsewhere: Municipality  # another region
    population: Department  # Kortrijk
    mobility: Department  # Kortrijk
    menen_desk: Department  # Menen
    sofie: Person  # Kortrijk
    clerk_user: User  # Kortrijk, in the population department
    clerk: Actor
    menen_clerk: Actor
    agent_user: User  # the region's contact-centre agent
    agent: Actor
    outsider: Actor  # a clerk of the other region


def region_build() -> Region:
    kortrijk = MunicipalityFactory(slug="kortrijk", name_nl="Kortrijk")
    menen = MunicipalityFactory(region=kortrijk.region, slug="menen", name_nl="Menen")
    elsewhere = MunicipalityFactory(slug="elders", name_nl="Elders")
    population = DepartmentFactory(municipality=kortrijk, code="population", name_nl="Burgerzaken")
    mobility = DepartmentFactory(municipality=kortrijk, code="mobility", name_nl="Mobiliteit")
    menen_desk = DepartmentFactory(municipality=menen, code="desk", name_nl="Onthaal")
    clerk_user = UserFactory(first_name="Clara", last_name="Klerk")
    MembershipFactory(user=clerk_user, municipality=kortrijk, department=population)
    agent_user = regional_staff_member(
        kortrijk.region, Role.CONTACT_CENTRE, first_name="Ann", last_name="Agent"
    )
    return Region(
        kortrijk=kortrijk,
        menen=menen,
        elsewhere=elsewhere,
        population=population,
        mobility=mobility,
        menen_desk=menen_desk,
        sofie=PersonFactory(municipality=kortrijk, phone="+32 470 12 34 56"),
        clerk_user=clerk_user,
        clerk=actor_for_user(clerk_user),
        menen_clerk=actor_for_user(staff_member(menen, Role.CLERK)),
        agent_user=agent_user,
        agent=actor_for_user(agent_user),
        outsider=actor_for_user(staff_member(elsewhere, Role.CLERK)),
    )


def question_make(region: Region, actor: Actor | None = None, **fields: Any) -> ContactQuestion:
    data: dict[str, Any] = {"question": "Wanneer wordt het grofvuil opgehaald?"}
    data.update(fields)
    return contact_question_register(actor=actor or region.clerk, data=QuestionInput(**data))


def hours_ago(hours: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(hours=hours)
