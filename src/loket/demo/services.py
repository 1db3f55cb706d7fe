"""`demo_load`: the whole demo (tenants, staff, residents, organisations) in one go.

Deterministic and idempotent: a second run finds everything in place and adds nothing.
Refused in production mode, because every demo account shares one published password.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from loket.config.env import Mode
from loket.demo.data.featured import FEATURED_HOUSEHOLDS, ORGANISATIONS
from loket.demo.data.tenants import RESIDENTS_PER_MUNICIPALITY
from loket.demo.population import PopulationPlanner
from loket.demo.register import population_register
from loket.demo.tenants import Tenants, staff_load, tenants_load
from loket.people.models import Person
from loket.people.services import organisation_register
from loket.people.validators import enterprise_number_build, national_number_build


@dataclass(frozen=True)
class DemoLoadResult:
    regions: int
    municipalities: int
    departments: int
    staff: int
    residents_created: int
    residents_existing: int
    organisations: int
    seconds: float


def featured_national_numbers() -> dict[str, str]:
    """The national numbers of the well-known demo residents, by their key ("sofie" …)."""
    return {
        person.key: national_number_build(person.birth_date, person.counter)
        for household in FEATURED_HOUSEHOLDS
        for person in household.people
    }


def _organisations_load(*, tenants: Tenants) -> int:
    numbers = featured_national_numbers()
    for spec in ORGANISATIONS:
        representatives = list(
            Person.objects.filter(
                national_number__in=[numbers[key] for key in spec.representatives]
            )
        )
        organisation_register(
            municipality=tenants.municipalities[spec.nis_code],
            enterprise_number=enterprise_number_build(spec.first_eight_digits),
            name=spec.name,
            legal_form=spec.legal_form,
            street=spec.street,
            number=spec.number,
            postal_code=spec.postal_code,
            email=spec.email,
            representatives=representatives,
        )
    return len(ORGANISATIONS)


@transaction.atomic
def demo_load() -> DemoLoadResult:
    """Load (or complete) the demo data set."""
    if settings.LOKET_MODE is Mode.PRODUCTION:
        raise ValidationError(
            _(
                "The demo data cannot be loaded in production mode: every demo account "
                "shares a published password."
            ),
            code="demo_in_production",
        )
    started = time.monotonic()
    tenants = tenants_load()
    staff = staff_load(tenants=tenants)
    planner = PopulationPlanner(
        boundaries={
            code: municipality.boundary for code, municipality in tenants.municipalities.items()
        },
        regions={
            code: municipality.region.slug for code, municipality in tenants.municipalities.items()
        },
        targets=RESIDENTS_PER_MUNICIPALITY,
    )
    registered = population_register(
        population=planner.plan(), municipalities=tenants.municipalities
    )
    organisations = _organisations_load(tenants=tenants)
    return DemoLoadResult(
        regions=len(tenants.regions),
        municipalities=len(tenants.municipalities),
        departments=tenants.departments,
        staff=staff,
        residents_created=registered.created,
        residents_existing=registered.existing,
        organisations=organisations,
        seconds=time.monotonic() - started,
    )
