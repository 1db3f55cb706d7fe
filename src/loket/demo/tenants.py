"""Loading the demo tenants: regions, municipalities, departments and staff accounts.

Everything goes through the tenancy and accounts services, which update what exists
instead of adding duplicates, so loading twice leaves one copy.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from loket.accounts.services import staff_user_create
from loket.demo.data.tenants import (
    DEMO_PASSWORD,
    DEMO_TOTP_SECRET,
    DEPARTMENTS,
    JOB_TITLES,
    LARGE_MUNICIPALITY_DEPARTMENTS,
    LARGE_MUNICIPALITY_POPULATION,
    MUNICIPALITIES,
    REGIONAL_DEPARTMENTS,
    REGIONS,
    STAFF,
    DepartmentSpec,
)
from loket.demo.town_halls import town_halls_load
from loket.identity.totp import totp_device_install
from loket.tenancy.models import Department, Municipality, Region
from loket.tenancy.services import (
    department_create,
    membership_grant,
    municipality_create_from_nis,
    region_create,
)


@dataclass(frozen=True)
class Tenants:
    regions: dict[str, Region]  # by slug
    municipalities: dict[str, Municipality]  # by NIS code
    departments: int


def _departments_for(municipality: Municipality) -> tuple[DepartmentSpec, ...]:
    if (municipality.population or 0) >= LARGE_MUNICIPALITY_POPULATION:
        return DEPARTMENTS + LARGE_MUNICIPALITY_DEPARTMENTS
    return DEPARTMENTS


def _department_create(
    spec: DepartmentSpec, *, region: Region, municipality: Municipality | None
) -> Department:
    scope = municipality.slug if municipality is not None else region.slug
    return department_create(
        region=region,
        municipality=municipality,
        code=spec.code,
        name_nl=spec.name_nl,
        name_fr=spec.name_fr,
        name_en=spec.name_en,
        email=f"{spec.code}@{scope}.example.be",
    )


@transaction.atomic
def tenants_load() -> Tenants:
    """Create (or refresh) the three demo regions with their municipalities and teams."""
    regions = {
        spec.slug: region_create(
            slug=spec.slug,
            name_nl=spec.name_nl,
            name_fr=spec.name_fr,
            name_en=spec.name_en,
            official_languages=spec.languages,
            in_names=dict(spec.in_names),
        )
        for spec in REGIONS
    }
    municipalities = {
        spec.nis_code: municipality_create_from_nis(
            region=regions[spec.region],
            nis_code=spec.nis_code,
            slug=spec.slug,
            name_en=spec.name_en,
        )
        for spec in MUNICIPALITIES
    }
    town_halls_load(list(municipalities.values()))
    departments = 0
    for municipality in municipalities.values():
        for spec in _departments_for(municipality):
            _department_create(spec, region=municipality.region, municipality=municipality)
            departments += 1
    for slug, specs in REGIONAL_DEPARTMENTS.items():
        for spec in specs:
            _department_create(spec, region=regions[slug], municipality=None)
            departments += 1
    return Tenants(regions=regions, municipalities=municipalities, departments=departments)


@transaction.atomic
def staff_load(*, tenants: Tenants) -> int:
    """Create the demo staff accounts (all with the demo password) and their roles."""
    for spec in STAFF:
        user = staff_user_create(
            username=spec.username,
            password=DEMO_PASSWORD,
            first_name=spec.first_name,
            last_name=spec.last_name,
            email=f"{spec.username}@example.be",
            preferred_language=spec.language,
            job_titles=JOB_TITLES.get(spec.username),
        )
        totp_device_install(user=user, secret_base32=DEMO_TOTP_SECRET)
        region = tenants.regions[spec.region]
        municipality = (
            tenants.municipalities[spec.municipality] if spec.municipality is not None else None
        )
        department = None
        if spec.department is not None:
            department = Department.objects.get(
                region=region, municipality=municipality, code=spec.department
            )
        membership_grant(
            user=user,
            role=spec.role,
            region=region,
            municipality=municipality,
            department=department,
        )
    return len(STAFF)
