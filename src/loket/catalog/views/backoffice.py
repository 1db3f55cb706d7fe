"""Catalogue pages of the back office: the catalogue editor, product settings, the
regional product and form editors."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from loket.catalog.formdefs.rendering import form_views
from loket.catalog.formdefs.schema import form_definition_parse
from loket.catalog.forms import FormDefinitionForm, ProductForm, ProductSettingForm
from loket.catalog.models import MunicipalityProduct, Product
from loket.catalog.selectors import (
    catalog_is_editable_by,
    catalog_municipalities_managed_by,
    departments_for_products,
    form_definition_current,
    form_definitions_of,
    product_get,
    product_offer_get,
    products_for_municipality,
)
from loket.catalog.services import (
    form_definition_publish,
    municipality_product_update,
    product_update,
)
from loket.tenancy.access import actor_from_request, permission_required
from loket.tenancy.permissions import Permission
from loket.web.form_errors import errors_onto_form


@permission_required(Permission.CATALOG_MANAGE)
def catalog_admin(request: HttpRequest) -> HttpResponse:
    """The products of one of the staff member's municipalities, with its settings."""
    actor = actor_from_request(request)
    municipalities = list(catalog_municipalities_managed_by(actor=actor))
    chosen = request.GET.get("municipality")
    municipality = next(
        (m for m in municipalities if str(m.pk) == chosen),
        municipalities[0] if municipalities else None,
    )
    if municipality is None:
        raise PermissionDenied
    return render(
        request,
        "catalog/backoffice/list.html",
        {
            "municipalities": municipalities,
            "municipality": municipality,
            "offers": products_for_municipality(municipality=municipality, include_disabled=True),
            "can_edit_catalog": catalog_is_editable_by(actor=actor),
        },
    )


@permission_required(Permission.CATALOG_MANAGE)
def product_setting_edit(request: HttpRequest, municipality_id: int, code: str) -> HttpResponse:
    actor = actor_from_request(request)
    municipality = get_object_or_404(
        catalog_municipalities_managed_by(actor=actor), pk=municipality_id
    )
    offer = product_offer_get(municipality=municipality, code=code, include_disabled=True)
    if offer is None:
        raise Http404
    departments = departments_for_products(municipality=municipality)
    if request.method == "POST":
        form = ProductSettingForm(request.POST, departments=departments)
        if form.is_valid():
            data = form.cleaned_data
            try:
                municipality_product_update(
                    actor=actor,
                    municipality=municipality,
                    product=offer.product,
                    is_enabled=data["is_enabled"],
                    fee_cents=data["fee"],
                    processing_days=data["processing_days"],
                    counts_working_days=data["counts_working_days"],
                    department=data["department"],
                    instructions_nl=data["instructions_nl"],
                    instructions_fr=data["instructions_fr"],
                    instructions_en=data["instructions_en"],
                )
            except ValidationError as error:
                errors_onto_form(form, error)
            else:
                messages.success(
                    request, _("The settings of %(product)s are saved.") % {"product": offer.name}
                )
                return HttpResponseRedirect(
                    f"{reverse('catalog:backoffice')}?municipality={municipality.pk}"
                )
    else:
        setting = MunicipalityProduct.objects.filter(
            municipality=municipality, product=offer.product
        ).first()
        form = ProductSettingForm(
            initial=ProductSettingForm.initial_for(setting), departments=departments
        )
    return render(
        request,
        "catalog/backoffice/setting.html",
        {"municipality": municipality, "offer": offer, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _regional_product(request: HttpRequest, code: str) -> Product:
    if not catalog_is_editable_by(actor=actor_from_request(request)):
        raise PermissionDenied
    product = product_get(code)
    if product is None:
        raise Http404
    return product


@permission_required(Permission.CATALOG_MANAGE)
def product_edit(request: HttpRequest, code: str) -> HttpResponse:
    product = _regional_product(request, code)
    if request.method == "POST":
        form = ProductForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                product_update(
                    actor=actor_from_request(request),
                    product=product,
                    theme=data["theme"],
                    name_nl=data["name_nl"],
                    name_fr=data["name_fr"],
                    name_en=data["name_en"],
                    summary_nl=data["summary_nl"],
                    summary_fr=data["summary_fr"],
                    summary_en=data["summary_en"],
                    channels=data["channels"],
                    appointment_required=data["appointment_required"],
                    fee_cents=data["fee"],
                    processing_days=data["processing_days"],
                    life_events=data["life_events"],
                )
            except ValidationError as error:
                errors_onto_form(form, error)
            else:
                messages.success(request, _("The product is saved."))
                return HttpResponseRedirect(reverse("catalog:backoffice"))
    else:
        form = ProductForm(initial=ProductForm.initial_for(product))
    return render(
        request,
        "catalog/backoffice/product.html",
        {"product": product, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@permission_required(Permission.CATALOG_MANAGE)
def form_edit(request: HttpRequest, code: str) -> HttpResponse:
    """Edit a product's form as JSON, preview it, and publish it as a new version."""
    product = _regional_product(request, code)
    current = form_definition_current(product=product)
    preview_errors: list[str] = []
    preview = None
    if request.method == "POST":
        form = FormDefinitionForm(request.POST)
        if form.is_valid():
            definition = form.cleaned_data["definition"]
            try:
                spec = form_definition_parse(definition)
                if request.POST.get("action") == "publish":
                    published = form_definition_publish(
                        actor=actor_from_request(request), product=product, definition=definition
                    )
                    messages.success(
                        request,
                        _("Version %(version)d of the form is published.")
                        % {"version": published.version},
                    )
                    return HttpResponseRedirect(reverse("catalog:form-edit", args=[product.code]))
                preview = form_views(spec, language=get_language())
            except ValidationError as error:
                preview_errors = list(error.messages)
    else:
        text = json.dumps(current.definition if current else {}, ensure_ascii=False, indent=2)
        form = FormDefinitionForm(initial={"definition": text})
        if current is not None:
            preview = form_views(form_definition_parse(current.definition), language=get_language())
    return render(
        request,
        "catalog/backoffice/form_edit.html",
        {
            "product": product,
            "form": form,
            "current": current,
            "versions": list(form_definitions_of(product=product)[:20]),
            "preview": preview,
            "preview_errors": preview_errors,
        },
        status=400 if request.method == "POST" and (form.errors or preview_errors) else 200,
    )
