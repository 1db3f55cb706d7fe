"""Setting up offices in the back office (appointments.manage): an office and its
opening hours, closures and special hours, its desks and their shifts, and the products
it takes appointments for. No developer needed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from loket.appointments.forms import (
    ClosureForm,
    DeskForm,
    OfficeForm,
    OfficeProductForm,
    SpecialHoursForm,
    weekly_initial,
    weekly_periods,
)
from loket.appointments.models import Desk, Office, OfficeProduct
from loket.appointments.selectors import (
    closures_with_cancellations,
    desk_get_visible,
    office_get_visible,
)
from loket.appointments.services import (
    closure_add,
    closure_remove,
    desk_create,
    desk_shifts_set,
    desk_update,
    office_create,
    office_product_set,
    office_update,
    opening_hours_set,
    special_hours_add,
    special_hours_remove,
)
from loket.tenancy.access import Actor, actor_from_request, permission_required
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission
from loket.web.form_errors import errors_onto_form

CONFIGURE = Permission.APPOINTMENTS_MANAGE


def _office(request: HttpRequest, office_id: int) -> tuple[Actor, Office]:
    actor = actor_from_request(request)
    return actor, office_get_visible(actor=actor, office_id=office_id, permission=CONFIGURE)


def _hours_initial(office: Office) -> dict[str, str]:
    rows = [(h.weekday, h.opens_at, h.closes_at) for h in office.opening_hours.all()]
    return weekly_initial("hours", rows)


class NewOfficeForm(OfficeForm):
    municipality = forms.ModelChoiceField(
        label=gettext_lazy("Municipality"), queryset=Municipality.objects.none()
    )

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Municipality.objects.filter(
            pk__in=actor.municipality_ids(CONFIGURE)
        ).order_by("name_nl")


def _office_values(form: OfficeForm) -> dict[str, Any]:
    return {name: form.cleaned_data[name] for name in OfficeForm.Meta.fields}


@permission_required(CONFIGURE)
def office_new(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    form = NewOfficeForm(request.POST or None, actor=actor)
    if request.method == "POST" and form.is_valid():
        periods = weekly_periods(form, "hours")
        if not form.errors:
            try:
                with transaction.atomic():
                    office = office_create(
                        actor=actor,
                        municipality=form.cleaned_data["municipality"],
                        **_office_values(form),
                    )
                    opening_hours_set(actor=actor, office=office, periods=periods)
            except ValidationError as error:
                errors_onto_form(form, error)
            else:
                messages.success(request, _("The office is added."))
                return redirect("appointments:backoffice-office-edit", office_id=office.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "appointments/backoffice/office_new.html", {"form": form}, status=status)


def _settings_page(
    request: HttpRequest, office: Office, *, status: int = 200, **forms_given: Any
) -> HttpResponse:
    context = {
        "office": office,
        "form": forms_given.get("form")
        or OfficeForm(instance=office, initial=_hours_initial(office)),
        "closure_form": forms_given.get("closure_form") or ClosureForm(),
        "special_form": forms_given.get("special_form") or SpecialHoursForm(),
        "closures": closures_with_cancellations(office=office),
        "special_hours": office.special_hours.order_by("date", "opens_at"),
        "desks": office.desks.prefetch_related("products", "shifts").order_by("name"),
        "office_products": office.products.select_related("product").order_by("product__code"),
    }
    return render(request, "appointments/backoffice/office_edit.html", context, status=status)


@permission_required(CONFIGURE)
def office_edit(request: HttpRequest, office_id: int) -> HttpResponse:
    actor, office = _office(request, office_id)
    if request.method != "POST":
        return _settings_page(request, office)
    form = OfficeForm(request.POST, instance=Office.objects.get(pk=office.pk))
    if form.is_valid():
        periods = weekly_periods(form, "hours")
        if not form.errors:
            try:
                with transaction.atomic():
                    office_update(actor=actor, office=office, **_office_values(form))
                    opening_hours_set(actor=actor, office=office, periods=periods)
            except ValidationError as error:
                errors_onto_form(form, error)
            else:
                messages.success(request, _("The office is saved."))
                return redirect("appointments:backoffice-office-edit", office_id=office.pk)
    return _settings_page(request, office, form=form, status=422)


@permission_required(CONFIGURE)
@require_POST
def closure_new(request: HttpRequest, office_id: int) -> HttpResponse:
    actor, office = _office(request, office_id)
    form = ClosureForm(request.POST)
    if form.is_valid():
        try:
            added = closure_add(actor=actor, office=office, **form.cleaned_data)
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            if added.cancelled:
                messages.success(
                    request,
                    ngettext(
                        "The closure is added. %(count)d appointment in these days is "
                        "cancelled; the resident is told.",
                        "The closure is added. %(count)d appointments in these days are "
                        "cancelled; each resident is told.",
                        added.cancelled,
                    )
                    % {"count": added.cancelled},
                )
            else:
                messages.success(request, _("The closure is added."))
            return redirect("appointments:backoffice-office-edit", office_id=office.pk)
    return _settings_page(request, office, closure_form=form, status=422)


@permission_required(CONFIGURE)
@require_POST
def closure_delete(request: HttpRequest, office_id: int, closure_id: int) -> HttpResponse:
    actor, office = _office(request, office_id)
    closure_remove(actor=actor, office=office, closure_id=closure_id)
    messages.success(request, _("The closure is removed."))
    return redirect("appointments:backoffice-office-edit", office_id=office.pk)


@permission_required(CONFIGURE)
@require_POST
def special_hours_new(request: HttpRequest, office_id: int) -> HttpResponse:
    actor, office = _office(request, office_id)
    form = SpecialHoursForm(request.POST)
    if form.is_valid():
        try:
            special_hours_add(actor=actor, office=office, **form.cleaned_data)
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("The special opening hours are added."))
            return redirect("appointments:backoffice-office-edit", office_id=office.pk)
    return _settings_page(request, office, special_form=form, status=422)


@permission_required(CONFIGURE)
@require_POST
def special_hours_delete(request: HttpRequest, office_id: int, special_id: int) -> HttpResponse:
    actor, office = _office(request, office_id)
    special_hours_remove(actor=actor, office=office, special_hours_id=special_id)
    messages.success(request, _("The special opening hours are removed."))
    return redirect("appointments:backoffice-office-edit", office_id=office.pk)


@permission_required(CONFIGURE)
def office_product(request: HttpRequest, office_id: int) -> HttpResponse:
    """Take appointments for a product at this office, or change how (?product=<id>)."""
    actor, office = _office(request, office_id)
    existing = (
        OfficeProduct.objects.filter(
            office=office, product_id=request.GET.get("product") or 0
        ).first()
        if (request.GET.get("product") or "").isdigit()
        else None
    )
    initial: dict[str, Any] = {}
    if existing is not None:
        initial = {
            "product": existing.product_id,
            "duration_minutes": existing.duration_minutes,
            "max_open_per_person": existing.max_open_per_person,
            "bring_nl": existing.bring_nl,
            "bring_fr": existing.bring_fr,
            "bring_en": existing.bring_en,
            "is_active": existing.is_active,
        }
    form = OfficeProductForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        product = values.pop("product")
        try:
            office_product_set(actor=actor, office=office, product=product, **values)
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("The product is saved for this office."))
            return redirect("appointments:backoffice-office-edit", office_id=office.pk)
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "appointments/backoffice/office_product.html",
        {"office": office, "form": form, "existing": existing},
        status=status,
    )


def _desk_page(
    request: HttpRequest, office: Office, form: DeskForm, desk: Desk | None, status: int
) -> HttpResponse:
    return render(
        request,
        "appointments/backoffice/desk.html",
        {"office": office, "form": form, "desk": desk},
        status=status,
    )


@permission_required(CONFIGURE)
def desk_new(request: HttpRequest, office_id: int) -> HttpResponse:
    actor, office = _office(request, office_id)
    form = DeskForm(request.POST or None, office=office)
    if request.method == "POST" and form.is_valid():
        shifts = weekly_periods(form, "shift")
        if not form.errors:
            try:
                with transaction.atomic():
                    desk = desk_create(
                        actor=actor,
                        office=office,
                        name=form.cleaned_data["name"],
                        product_ids=[p.pk for p in form.cleaned_data["products"]],
                    )
                    desk_shifts_set(actor=actor, desk=desk, shifts=shifts)
            except ValidationError as error:
                errors_onto_form(form, error)
            else:
                messages.success(request, _("The desk is added."))
                return redirect("appointments:backoffice-office-edit", office_id=office.pk)
    return _desk_page(request, office, form, None, 422 if request.method == "POST" else 200)


@permission_required(CONFIGURE)
def desk_edit(request: HttpRequest, desk_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    desk = desk_get_visible(actor=actor, desk_id=desk_id, permission=CONFIGURE)
    office = desk.office
    initial = {
        "name": desk.name,
        "is_active": desk.is_active,
        "products": list(desk.products.all()),
        **weekly_initial("shift", [(s.weekday, s.starts_at, s.ends_at) for s in desk.shifts.all()]),
    }
    form = DeskForm(request.POST or None, office=office, initial=initial)
    if request.method == "POST" and form.is_valid():
        shifts = weekly_periods(form, "shift")
        if not form.errors:
            try:
                with transaction.atomic():
                    desk_update(
                        actor=actor,
                        desk=desk,
                        name=form.cleaned_data["name"],
                        is_active=form.cleaned_data["is_active"],
                        product_ids=[p.pk for p in form.cleaned_data["products"]],
                    )
                    desk_shifts_set(actor=actor, desk=desk, shifts=shifts)
            except ValidationError as error:
                errors_onto_form(form, error)
            else:
                messages.success(request, _("The desk is saved."))
                return redirect("appointments:backoffice-office-edit", office_id=office.pk)
    return _desk_page(request, office, form, desk, 422 if request.method == "POST" else 200)
