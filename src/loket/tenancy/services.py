"""Writes of tenancy data: regions, municipalities, departments, memberships."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from loket.accounts.models import User
from loket.tenancy.access import Actor
from loket.tenancy.contact import opening_hours_clean, phone_validator, postal_code_validator
from loket.tenancy.geometry import boundary_index_reset, geometry_summary
from loket.tenancy.models import (
    Department,
    Membership,
    Municipality,
    MunicipalityBoundary,
    Region,
    StaffAccessEvent,
    StaffAccessEventKind,
)
from loket.tenancy.permissions import MUNICIPAL_ROLES, Permission, Role
from loket.tenancy.reference import municipality_reference
from loket.tenancy.selectors import (
    department_get_managed,
    membership_get_managed,
    municipality_get_managed,
    staff_member_get_managed,
)


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
            "centroid_latitude": latitude,
            "centroid_longitude": longitude,
            "bbox_min_longitude": bbox[0],
            "bbox_min_latitude": bbox[1],
            "bbox_max_longitude": bbox[2],
            "bbox_max_latitude": bbox[3],
        },
    )
    MunicipalityBoundary.objects.update_or_create(
        municipality=municipality, defaults={"geometry": reference.geometry}
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


def _contact_errors(
    *,
    address_postal_code: str,
    phone: str,
    email: str,
    opening_hours: Mapping[str, Any],
    languages: list[str],
) -> tuple[dict[str, dict[str, Any]], dict[str, list[str]]]:
    errors: dict[str, list[str]] = {}
    checks = (
        ("address_postal_code", address_postal_code, postal_code_validator),
        ("phone", phone, phone_validator),
        ("email", email, validate_email),
    )
    for name, value, validator in checks:
        if value:
            try:
                validator(value)
            except ValidationError as error:
                errors[name] = error.messages
    hours: dict[str, dict[str, Any]] = {}
    try:
        hours = opening_hours_clean(opening_hours, languages)
    except ValidationError as error:
        errors.update(error.message_dict)
    return hours, errors


@transaction.atomic
def municipality_contact_update(
    *,
    actor: Actor,
    municipality: Municipality,
    address_street: str,
    address_postal_code: str,
    address_locality: str,
    phone: str,
    email: str,
    opening_hours: Mapping[str, Any],
) -> Municipality:
    """Change the town hall's address, phone, e-mail and opening hours (tenancy.manage).

    Every field is checked before anything is saved, and all errors are raised at once."""
    if not actor.has(Permission.TENANCY_MANAGE, municipality.pk):
        raise PermissionDenied
    values = {
        "address_street": " ".join(address_street.split()),
        "address_postal_code": address_postal_code.strip(),
        "address_locality": " ".join(address_locality.split()),
        "phone": " ".join(phone.split()),
        "email": email.strip(),
    }
    hours, errors = _contact_errors(
        address_postal_code=values["address_postal_code"],
        phone=values["phone"],
        email=values["email"],
        opening_hours=opening_hours,
        languages=municipality.languages,
    )
    if errors:
        raise ValidationError(errors)
    locked = Municipality.objects.select_for_update().get(pk=municipality.pk)
    for name, value in values.items():
        setattr(locked, name, value)
    locked.opening_hours = (
        hours if any(day["periods"] or any(day["note"].values()) for day in hours.values()) else {}
    )
    locked.contact_updated_at = timezone.now()
    locked.contact_updated_by = actor.user
    locked.save(
        update_fields=[
            *values,
            "opening_hours",
            "contact_updated_at",
            "contact_updated_by",
        ]
    )
    return locked


# Role administration (docs/identity.md, "Role administration"): a municipal administrator
# grants and revokes the roles of their own municipality. Every id is resolved within that
# municipality through the actor's selectors; anything else answers 404 and writes nothing.
# Each change appends a row to the municipality's audit trail in the same transaction.


def staff_access_event_append(
    *,
    actor: Actor | None,
    municipality: Municipality,
    subject: User,
    kind: StaffAccessEventKind,
    role: str = "",
    department: Department | None = None,
) -> StaffAccessEvent:
    """The one way to write the audit trail of staff access (append-only in the database)."""
    return StaffAccessEvent.objects.create(
        actor=actor.user if actor is not None else None,
        municipality=municipality,
        subject=subject,
        kind=kind,
        role=role,
        department=department,
    )


def _managed_or_404(actor: Actor, municipality: Municipality) -> Municipality:
    managed = municipality_get_managed(actor=actor, municipality_id=municipality.pk)
    if managed is None:
        raise Http404
    return managed


@transaction.atomic
def staff_role_grant(
    *,
    actor: Actor,
    municipality: Municipality,
    user_id: int,
    role: str,
    department_id: int | None = None,
) -> Membership:
    """Give a staff member of `municipality` a role there (optionally in one department)."""
    municipality = _managed_or_404(actor, municipality)
    user = staff_member_get_managed(actor=actor, municipality=municipality, user_id=user_id)
    department = None
    if department_id is not None:
        department = department_get_managed(
            actor=actor, municipality=municipality, department_id=department_id
        )
        if department is None:
            raise Http404
    if user is None:
        raise Http404
    if role not in MUNICIPAL_ROLES:
        raise ValidationError({"role": [_("Choose one of the roles of a municipality.")]})
    if Membership.objects.filter(
        user=user, municipality=municipality, department=department, role=role
    ).exists():
        raise ValidationError({"role": [_("This staff member already has this role.")]})
    membership = membership_grant(
        user=user,
        role=Role(role),
        region=municipality.region,
        municipality=municipality,
        department=department,
    )
    staff_access_event_append(
        actor=actor,
        municipality=municipality,
        subject=user,
        kind=StaffAccessEventKind.ROLE_GRANTED,
        role=role,
        department=department,
    )
    return membership


@transaction.atomic
def staff_role_revoke(*, actor: Actor, municipality: Municipality, membership_id: int) -> None:
    """Take a role of `municipality` away from a staff member. An administrator does not
    take away their own administrator role (another administrator does)."""
    municipality = _managed_or_404(actor, municipality)
    membership = membership_get_managed(
        actor=actor, municipality=municipality, membership_id=membership_id
    )
    if membership is None:
        raise Http404
    if membership.user_id == actor.user_id and membership.role == Role.MUNICIPAL_ADMIN:
        raise ValidationError(_("You cannot revoke your own administrator role."))
    Membership.objects.filter(pk=membership.pk).delete()
    staff_access_event_append(
        actor=actor,
        municipality=municipality,
        subject=membership.user,
        kind=StaffAccessEventKind.ROLE_REVOKED,
        role=membership.role,
        department=membership.department,
    )
