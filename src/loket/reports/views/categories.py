"""Back office: the regional category tree and each municipality's mapping."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from loket.reports.forms_backoffice import AttributeForm, CategoryForm, MappingRowForm
from loket.reports.models import Category, CategoryAttribute
from loket.reports.selectors import categories_tree, category_mappings_for
from loket.reports.services import category_attribute_save, category_mapping_set, category_save
from loket.tenancy.access import Actor, actor_from_request, permission_required
from loket.tenancy.models import Department, Municipality, Region
from loket.tenancy.permissions import Permission
from loket.web.form_errors import errors_onto_form


def _managed_regions(actor: Actor) -> list[Region]:
    region_ids = actor.region_ids(Permission.REPORTS_MANAGE_CATEGORIES)
    return list(Region.objects.filter(pk__in=region_ids).order_by("slug"))


def _managed_municipalities(actor: Actor) -> list[Municipality]:
    ids = actor.municipality_ids(Permission.REPORTS_MANAGE_CATEGORIES)
    return list(Municipality.objects.filter(pk__in=ids).order_by("name_nl"))


@permission_required(Permission.REPORTS_MANAGE_CATEGORIES)
def category_overview(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    regions = _managed_regions(actor)
    municipalities = _managed_municipalities(actor)
    region = regions[0] if regions else (municipalities[0].region if municipalities else None)
    if region is None:
        raise Http404
    return render(
        request,
        "reports/backoffice/categories.html",
        {
            "region": region,
            "can_edit_tree": bool(regions),
            "tree": categories_tree(region=region, active_only=False),
            "municipalities": municipalities,
        },
    )


def _category_region(actor: Actor) -> Region:
    regions = _managed_regions(actor)
    if not regions:
        raise PermissionDenied
    return regions[0]


@permission_required(Permission.REPORTS_MANAGE_CATEGORIES)
def category_edit(request: HttpRequest, category_id: int | None = None) -> HttpResponse:
    actor = actor_from_request(request)
    region = _category_region(actor)
    category = get_object_or_404(Category, pk=category_id, region=region) if category_id else None
    form = CategoryForm(request.POST or None, instance=category, region_id=region.pk)
    attribute_form = AttributeForm(prefix="attribute")
    if request.method == "POST" and form.is_valid():
        try:
            saved = category_save(
                actor=actor,
                region=region,
                code=form.cleaned_data["code"],
                values=form.category_values(),
                parent=form.cleaned_data["parent"],
                regional_department=form.cleaned_data["regional_department"],
                category=category,
            )
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("The category is saved."))
            return redirect("reports:category-edit", category_id=saved.pk)
    return render(
        request,
        "reports/backoffice/category_form.html",
        {"form": form, "category": category, "attribute_form": attribute_form, "region": region},
    )


@permission_required(Permission.REPORTS_MANAGE_CATEGORIES)
def attribute_edit(request: HttpRequest, category_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    region = _category_region(actor)
    category = get_object_or_404(Category, pk=category_id, region=region)
    code = request.GET.get("code", "")
    existing = (
        CategoryAttribute.objects.filter(category=category, code=code).first() if code else None
    )
    initial = {}
    if existing is not None:
        initial = {
            "code": existing.code,
            "datatype": existing.datatype,
            "required": existing.required,
            "position": existing.position,
            "description_nl": existing.description_nl,
            "description_fr": existing.description_fr,
            "description_en": existing.description_en,
            "choices": "\n".join(
                " | ".join(
                    str(value.get(key, "")) for key in ("key", "name_nl", "name_fr", "name_en")
                )
                for value in existing.values
            ),
        }
    form = AttributeForm(request.POST or None, prefix="attribute", initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            category_attribute_save(
                actor=actor,
                category=category,
                code=form.cleaned_data["code"],
                values=form.attribute_values(),
            )
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("The question is saved."))
            return redirect("reports:category-edit", category_id=category.pk)
    return render(
        request,
        "reports/backoffice/attribute_form.html",
        {"form": form, "category": category},
    )


@permission_required(Permission.REPORTS_MANAGE_CATEGORIES)
def mapping_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """One municipality's table: per category the department, target days, visibility."""
    actor = actor_from_request(request)
    municipality = get_object_or_404(Municipality.objects.select_related("region"), slug=slug)
    if not actor.has(Permission.REPORTS_MANAGE_CATEGORIES, municipality.pk):
        raise Http404
    departments = (
        Department.objects.filter(municipality=municipality)
        | Department.objects.filter(municipality__isnull=True, region_id=municipality.region_id)
    ).order_by("municipality_id", "name_nl")
    mappings = category_mappings_for(municipality=municipality)
    rows = []
    saved = 0
    for group in categories_tree(region=municipality.region):
        for category in getattr(group, "leaves", []) or [group]:
            mapping = mappings.get(category.pk)
            initial = {
                "department": mapping.department_id if mapping else category.regional_department_id,
                "target_days": mapping.target_days if mapping else category.default_target_days,
                "visibility": mapping.visibility if mapping else category.default_visibility,
                "is_active": mapping.is_active if mapping else True,
            }
            form = MappingRowForm(
                request.POST or None,
                prefix=f"c{category.pk}",
                initial=initial,
                departments=departments,
            )
            if request.method == "POST" and form.is_valid() and form.has_changed():
                try:
                    category_mapping_set(
                        actor=actor,
                        category=category,
                        municipality=municipality,
                        department=form.cleaned_data["department"],
                        target_days=form.cleaned_data["target_days"],
                        visibility=form.cleaned_data["visibility"],
                        is_active=form.cleaned_data["is_active"],
                    )
                    saved += 1
                except ValidationError as error:
                    errors_onto_form(form, error)
            rows.append({"group": group, "category": category, "form": form})
    if request.method == "POST" and not any(row["form"].errors for row in rows):
        messages.success(request, _("%(count)d categories saved.") % {"count": saved})
        return redirect("reports:mappings", slug=municipality.slug)
    return render(
        request,
        "reports/backoffice/mappings.html",
        {"municipality": municipality, "rows": rows},
    )
