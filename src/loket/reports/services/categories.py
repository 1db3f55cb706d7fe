"""Editing the regional category tree and each municipality's mapping."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from loket.reports.models import Category, CategoryAttribute, CategoryMapping, Report, Visibility
from loket.reports.models.categories import LIST_DATATYPES
from loket.reports.workflow import OPEN_STATUSES
from loket.tenancy.access import Actor
from loket.tenancy.models import Department, Municipality, Region
from loket.tenancy.permissions import Permission

CATEGORY_FIELDS = (
    "name_nl",
    "name_fr",
    "name_en",
    "description_nl",
    "description_fr",
    "description_en",
    "keywords_nl",
    "keywords_fr",
    "keywords_en",
    "default_visibility",
    "default_target_days",
    "position",
    "is_active",
)


def _require_region(actor: Actor, region: Region) -> None:
    if region.pk not in actor.region_ids(Permission.REPORTS_MANAGE_CATEGORIES):
        raise PermissionDenied


def _regional_body_check(department: Department | None, region: Region) -> None:
    if department is not None and (department.region_id != region.pk or department.municipality_id):
        raise ValidationError({"regional_department": _("Choose a regional body of this region.")})


@transaction.atomic
def category_save(
    *,
    actor: Actor,
    region: Region,
    code: str,
    values: Mapping[str, Any],
    parent: Category | None = None,
    regional_department: Department | None = None,
    category: Category | None = None,
) -> Category:
    """Create a category (category=None) or change one. Region-wide permission needed."""
    _require_region(actor, region)
    return category_upsert(
        region=region,
        code=code,
        values=values,
        parent=parent,
        regional_department=regional_department,
        category=category,
    )


def category_upsert(
    *,
    region: Region,
    code: str,
    values: Mapping[str, Any],
    parent: Category | None = None,
    regional_department: Department | None = None,
    category: Category | None = None,
) -> Category:
    """The write behind `category_save`, also used by the demo loader (no actor)."""
    if parent is not None:
        if parent.region_id != region.pk or parent.parent_id is not None:
            raise ValidationError({"parent": _("Choose a top-level group of this region.")})
        if category is not None and parent.pk == category.pk:
            raise ValidationError({"parent": _("A category cannot be its own group.")})
    _regional_body_check(regional_department, region)
    unknown = set(values) - set(CATEGORY_FIELDS)
    if unknown:
        raise ValidationError(
            _("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    if category is None:
        category = Category.objects.filter(region=region, code=code).first() or Category(
            region=region, code=code
        )
    elif category.region_id != region.pk:
        raise PermissionDenied
    for field, value in values.items():
        setattr(category, field, value)
    category.code, category.parent, category.regional_department = code, parent, regional_department
    category.full_clean(exclude=["region", "parent", "regional_department"])
    category.save()
    return category


@transaction.atomic
def category_attribute_save(
    *, actor: Actor | None, category: Category, code: str, values: Mapping[str, Any]
) -> CategoryAttribute:
    """Create or change one extra question of a category (actor None: the demo loader)."""
    if actor is not None:
        _require_region(actor, category.region)
    attribute = CategoryAttribute.objects.filter(category=category, code=code).first() or (
        CategoryAttribute(category=category, code=code)
    )
    for field, value in values.items():
        setattr(attribute, field, value)
    if attribute.datatype in LIST_DATATYPES:
        keys = [str(choice.get("key", "")) for choice in attribute.values]
        if not keys or "" in keys or len(set(keys)) != len(keys):
            raise ValidationError({"values": _("A list needs choices, each with its own key.")})
    attribute.full_clean(exclude=["category"])
    attribute.save()
    return attribute


@transaction.atomic
def category_mapping_set(
    *,
    actor: Actor | None,
    category: Category,
    municipality: Municipality,
    department: Department | None,
    target_days: int,
    visibility: str,
    is_active: bool = True,
) -> CategoryMapping:
    """How a municipality handles a category. Changing the visibility also changes it for
    the municipality's existing reports of that category (actor None: the demo loader)."""
    if actor is not None and not actor.has(Permission.REPORTS_MANAGE_CATEGORIES, municipality.pk):
        raise PermissionDenied
    if category.region_id != municipality.region_id:
        raise ValidationError(_("The category belongs to another region."))
    if department is not None and (
        department.region_id != municipality.region_id
        or department.municipality_id not in (None, municipality.pk)
    ):
        raise ValidationError(
            {
                "department": _("Choose a department of %(municipality)s or a regional body.")
                % {"municipality": municipality.name}
            }
        )
    if visibility not in Visibility.values:
        raise ValidationError({"visibility": _("Choose public or private.")})
    if not 1 <= target_days <= 365:
        raise ValidationError({"target_days": _("Give a number of days between 1 and 365.")})
    mapping, _created = CategoryMapping.objects.update_or_create(
        category=category,
        municipality=municipality,
        defaults={
            "department": department,
            "target_days": target_days,
            "visibility": visibility,
            "is_active": is_active,
        },
    )
    Report.objects.filter(category=category, municipality=municipality).exclude(
        is_public=visibility == Visibility.PUBLIC
    ).update(is_public=visibility == Visibility.PUBLIC)
    # Reports still waiting for a department follow the new mapping.
    if department is not None:
        Report.objects.filter(
            category=category,
            municipality=municipality,
            department__isnull=True,
            status__in=OPEN_STATUSES,
        ).update(department=department)
    return mapping
