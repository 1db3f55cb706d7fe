"""Back office: the municipality's activities, their periods and places, who registered
(with the waiting list) and the monitors' attendance list as a PDF."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from loket.activities.attendance import attendance_pdf_render
from loket.activities.forms import ActivityForm, CapacityForm, PeriodForm, RegistrationCancelForm
from loket.activities.models import Activity, Period
from loket.activities.selectors import (
    activities_visible_to,
    activity_get_visible,
    period_get_visible,
    period_roster_read_for_purpose,
    periods_with_places,
)
from loket.activities.services import (
    activity_save,
    period_add,
    period_capacity_set,
    registration_cancel,
)
from loket.activities.workflow import RegistrationStatus
from loket.audit.models import AccessChannel
from loket.tenancy.access import Actor, actor_from_request, permission_required
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission
from loket.web.form_errors import errors_onto_form
from loket.web.htmx import render_page_or_partial
from loket.web.lists import municipality_filter
from loket.web.pagination import page_of
from loket.web.purpose import PurposeWording, purpose_asked, purpose_page

ROSTER_PURPOSE = PurposeWording(
    title=gettext_lazy("Why do you open this list of children?"),
    lead=gettext_lazy(
        "The list shows children's and parents' personal data. Your name, the time and the "
        "reason are recorded, and the families can see them."
    ),
    missing=gettext_lazy("Choose the reason for opening this list."),
    submit=gettext_lazy("Open the list"),
    back=gettext_lazy("Back to the activity"),
    parent=gettext_lazy("Activities"),
    current=gettext_lazy("Registrations"),
)


def _municipalities(request: HttpRequest) -> Any:
    actor = actor_from_request(request)
    return Municipality.objects.filter(
        pk__in=actor.municipality_ids(Permission.ACTIVITIES_MANAGE)
    ).order_by("name_nl")


def _initial(activity: Activity) -> dict[str, Any]:
    fields = {
        name: getattr(activity, name)
        for name in ActivityForm.base_fields
        if hasattr(activity, name) and name != "municipality"
    }
    fields["municipality"] = activity.municipality
    fields["price_resident"] = activity.price_resident_cents / 100
    fields["price_non_resident"] = activity.price_non_resident_cents / 100
    return fields


PAGE_SIZE = 25


@permission_required(Permission.ACTIVITIES_VIEW)
def activity_list(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    chosen = municipality_filter(
        request, municipality_ids=actor.municipality_ids(Permission.ACTIVITIES_VIEW)
    )
    activities = chosen.apply(activities_visible_to(actor=actor))
    return render_page_or_partial(
        request,
        "activities/backoffice/list.html",
        "activities/backoffice/_list.html",
        {
            "page": page_of(
                request, activities.order_by("-opens_everyone_at", "pk"), per_page=PAGE_SIZE
            ),
            "municipality_filter": chosen,
            "can_manage": actor.has(Permission.ACTIVITIES_MANAGE),
        },
        target="activities-results",
    )


@permission_required(Permission.ACTIVITIES_MANAGE)
def activity_new(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    form = ActivityForm(request.POST or None, municipalities=_municipalities(request))
    if request.method == "POST" and form.is_valid():
        try:
            activity = activity_save(
                actor=actor,
                municipality=form.cleaned_data["municipality"],
                fields=form.activity_fields(),
            )
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("The activity is saved."))
            return redirect("activities:backoffice-activity", activity_id=activity.pk)
    return render(request, "activities/backoffice/edit.html", {"form": form, "activity": None})


@permission_required(Permission.ACTIVITIES_VIEW)
def activity_edit(request: HttpRequest, activity_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    activity = activity_get_visible(actor=actor, activity_id=activity_id)
    can_manage = actor.has(Permission.ACTIVITIES_MANAGE, activity.municipality_id)
    municipalities = Municipality.objects.filter(pk=activity.municipality_id)
    form = ActivityForm(
        request.POST if request.method == "POST" and can_manage else None,
        initial=_initial(activity),
        municipalities=municipalities,
    )
    if request.method == "POST" and can_manage and form.is_valid():
        try:
            activity_save(
                actor=actor,
                municipality=activity.municipality,
                fields=form.activity_fields(),
                activity_id=activity.pk,
            )
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("The activity is saved."))
            return redirect("activities:backoffice-activity", activity_id=activity.pk)
    return _edit_page(request, activity, form=form, can_manage=can_manage)


def _edit_page(
    request: HttpRequest,
    activity: Activity,
    *,
    form: ActivityForm,
    can_manage: bool,
    period_form: PeriodForm | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "activities/backoffice/edit.html",
        {
            "form": form,
            "activity": activity,
            "can_manage": can_manage,
            "can_register": actor_from_request(request).has(
                Permission.ACTIVITIES_REGISTER, activity.municipality_id
            ),
            "periods": list(periods_with_places(activity=activity)),
            "period_form": period_form or PeriodForm(),
        },
        status=status,
    )


@require_POST
@permission_required(Permission.ACTIVITIES_MANAGE)
def period_new(request: HttpRequest, activity_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    activity = activity_get_visible(
        actor=actor, activity_id=activity_id, permission=Permission.ACTIVITIES_MANAGE
    )
    form = PeriodForm(request.POST)
    if form.is_valid():
        try:
            period_add(actor=actor, activity=activity, **form.cleaned_data)
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("The period is added."))
            return redirect("activities:backoffice-activity", activity_id=activity.pk)
    activity_form = ActivityForm(
        initial=_initial(activity),
        municipalities=Municipality.objects.filter(pk=activity.municipality_id),
    )
    return _edit_page(
        request, activity, form=activity_form, can_manage=True, period_form=form, status=400
    )


@permission_required(Permission.ACTIVITIES_VIEW)
def period_detail(request: HttpRequest, period_id: int) -> HttpResponse:
    """Who registered (confirmed, offered, waiting in arrival order); capacity and
    cancellations for activities.manage. A refused change shows the page again (400) with
    the reason next to the field and what was typed, and changes nothing."""
    actor = actor_from_request(request)
    period = period_get_visible(actor=actor, period_id=period_id)
    can_manage = actor.has(Permission.ACTIVITIES_MANAGE, period.municipality_id)
    capacity_form = CapacityForm(initial={"capacity": period.capacity})
    cancel_form: RegistrationCancelForm | None = None
    status = 200
    if request.method == "POST":
        if not can_manage:
            return HttpResponse(status=403)
        refused = _period_post(request, actor, period)
        if refused is None:
            return redirect("activities:backoffice-period", period_id=period.pk)
        capacity_form, cancel_form = refused
        status = 400
    purpose = purpose_asked(request)
    if purpose is None:
        return purpose_page(
            request,
            wording=ROSTER_PURPOSE,
            back_url=reverse("activities:backoffice-activity", args=[period.activity_id]),
        )
    registrations = period_roster_read_for_purpose(
        actor=actor, period=period, purpose=purpose, channel=AccessChannel.WEB
    )
    cancel_row = cancel_form.chosen() if cancel_form is not None else None
    return render(
        request,
        "activities/backoffice/period.html",
        {
            "period": period,
            "can_manage": can_manage,
            "capacity_form": capacity_form,
            "cancel_form": cancel_form,
            # The row the refused cancellation was for; its reasons are shown there, others
            # (an id that is not a registration of this period) above the list.
            "cancel_row": cancel_row
            if any(r.pk == cancel_row and r.status in _CANCELLABLE for r in registrations)
            else None,
            "purpose": purpose,
            "registrations": registrations,
            "statuses": RegistrationStatus,
        },
        status=status,
    )


# The registrations whose row has a cancel form (see activities/backoffice/period.html).
_CANCELLABLE = {
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITING,
    RegistrationStatus.OFFERED,
}


def _period_post(
    request: HttpRequest, actor: Actor, period: Period
) -> tuple[CapacityForm, RegistrationCancelForm | None] | None:
    """Cancel a registration or change the number of places; None when done, else the
    forms with their errors."""
    if "cancel" in request.POST:
        cancel_form = RegistrationCancelForm(
            request.POST, registration_ids=period.registrations.values_list("pk", flat=True)
        )
        if cancel_form.is_valid():
            try:
                registration_cancel(
                    actor=actor,
                    registration_id=cancel_form.cleaned_data["cancel"],
                    reason=cancel_form.cleaned_data["reason"],
                )
            except ValidationError as error:
                errors_onto_form(cancel_form, error)
            else:
                messages.success(request, _("The registration is cancelled."))
                return None
        return CapacityForm(initial={"capacity": period.capacity}), cancel_form
    capacity_form = CapacityForm(request.POST)
    if capacity_form.is_valid():
        try:
            period_capacity_set(
                actor=actor, period=period, capacity=capacity_form.cleaned_data["capacity"]
            )
        except ValidationError as error:
            errors_onto_form(capacity_form, error)
        else:
            messages.success(request, _("The number of places is changed."))
            return None
    return capacity_form, None


@permission_required(Permission.ACTIVITIES_VIEW)
def attendance_pdf(request: HttpRequest, period_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    period = period_get_visible(actor=actor, period_id=period_id)
    purpose = purpose_asked(request)
    if purpose is None:
        return purpose_page(
            request,
            wording=ROSTER_PURPOSE,
            back_url=reverse("activities:backoffice-activity", args=[period.activity_id]),
        )
    registrations = [
        registration
        for registration in period_roster_read_for_purpose(
            actor=actor, period=period, purpose=purpose, channel=AccessChannel.WEB
        )
        if registration.status == RegistrationStatus.CONFIRMED
    ]
    # An anonymised registration (loket.activities.retention) names nobody: last.
    registrations.sort(
        key=lambda r: (
            r.child is None,
            r.child.last_name if r.child else "",
            r.child.first_names if r.child else "",
            r.pk,
        )
    )
    pdf = attendance_pdf_render(period=period, registrations=registrations)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="attendance-{period.pk}.pdf"'
    return response
