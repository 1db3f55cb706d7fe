"""Writes of tenancy data: regions, municipalities, departments, memberships."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from loket.accounts.models import User
from loket.tenancy.geometry import boundary_index_reset, geometry_summary
from loket.tenancy.models import Department, Membership, Municipality, Region
from loket.tenancy.permissions import Role
from loket.tenancy.reference import municipality_reference


@transaction.atomic
def region_create(
    *,
    slug: str,
    name_nl: str,
    name_fr: str,
    name_en: str = "",
    official_languages: str = "nl",
    in_names: Mapping[str, str] | None = None,
) -> Region:
    """Create (or update) a region; `in_names` says "in <region>" per language where the
    plain "in <name>" ("en <nom>") is wrong (None: keep what is stored)."""
    phrases = (
        {}
        if in_names is None
        else {f"in_name_{code}": in_names.get(code, "").strip() for code in ("nl", "fr", "en")}
    )
    region, _created = Region.objects.update_or_create(
        slug=slug,
        defaults={
            "name_nl": name_nl,
            "name_fr": name_fr,
            "name_en": name_en or name_nl,
            "official_languages": official_languages,
            **phrases,
        },
    )
    return region


@transaction.atomic
def municipality_create_from_nis(
    *, region: Region, nis_code: str, slug: str | None = None, name_en: str = ""
) -> Municipality:
    """Create (or update) a municipality from its NIS code with the bundled boundary."""
    reference = municipality_reference(nis_code)
    if reference is None:
        raise ValidationError(
            _("No Belgian municipality has NIS code %(code)s.") % {"code": nis_code},
            code="unknown_nis_code",
        )
    latitude, longitude, bbox = geometry_summary(reference.geometry)
    municipality, _created = Municipality.objects.update_or_create(
        nis_code=nis_code,
        defaults={
            "region": region,
            "slug": slug or slugify(reference.name_nl),
            "name_nl": reference.name_nl,
            "name_fr": reference.name_fr,
            "name_en": name_en or reference.name_nl,
            "official_languages": reference.official_languages,
            "population": reference.population,
            "boundary": reference.geometry,
            "centroid_latitude": latitude,
            "centroid_longitude": longitude,
            "bbox_min_longitude": bbox[0],
            "bbox_min_latitude": bbox[1],
            "bbox_max_longitude": bbox[2],
            "bbox_max_latitude": bbox[3],
        },
    )
    transaction.on_commit(boundary_index_reset)
    return municipality


@transaction.atomic
def department_create(
    *,
    municipality: Municipality | None,
    region: Region,
    code: str,
    name_nl: str,
    name_fr: str,
    name_en: str = "",
    email: str = "",
) -> Department:
    if municipality is not None and municipality.region_id != region.pk:
        raise ValidationError(_("The municipality does not belong to this region."))
    department, _created = Department.objects.update_or_create(
        region=region,
        municipality=municipality,
        code=code,
        defaults={"name_nl": name_nl, "name_fr": name_fr, "name_en": name_en, "email": email},
    )
    return department


@transaction.atomic
def membership_grant(
    *,
    user: User,
    role: Role,
    region: Region,
    municipality: Municipality | None = None,
    department: Department | None = None,
) -> Membership:
    if municipality is not None and municipality.region_id != region.pk:
        raise ValidationError(_("The municipality does not belong to this region."))
    if department is not None and department.municipality_id != (
        municipality.pk if municipality else None
    ):
        raise ValidationError(_("The department does not belong to this municipality."))
    membership, _created = Membership.objects.get_or_create(
        user=user, role=role, region=region, municipality=municipality, department=department
    )
    return membership
