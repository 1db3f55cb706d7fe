"""Staff pages: the collection rounds of the municipalities where the staff member manages
waste, the CSV import, and one round with its exceptions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from loket.tenancy.access import actor_from_request, permission_required
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission
from loket.waste.forms import ExceptionForm, ImportForm
from loket.waste.selectors import round_get_visible, rounds_visible_to
from loket.waste.services import round_delete, round_exception_set, waste_csv_import
from loket.web.form_errors import errors_onto_form
from loket.web.htmx import render_page_or_partial
from loket.web.lists import municipality_filter
from loket.web.pagination import page_of


@permission_required(Permission.WASTE_MANAGE)
def rounds(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    chosen = municipality_filter(
        request, municipality_ids=actor.municipality_ids(Permission.WASTE_MANAGE)
    )
    return render_page_or_partial(
        request,
        "waste/backoffice/rounds.html",
        "waste/backoffice/_rounds.html",
        {
            "page": page_of(request, chosen.apply(rounds_visible_to(actor=actor)), per_page=50),
            "municipality_filter": chosen,
        },
        target="rounds-results",
    )


@permission_required(Permission.WASTE_MANAGE)
def rounds_import(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    municipalities = Municipality.objects.filter(
        pk__in=actor.municipality_ids(Permission.WASTE_MANAGE)
    ).order_by("name_nl")
    form = ImportForm(request.POST or None, request.FILES or None, municipalities=municipalities)
    if request.method == "POST" and form.is_valid():
        try:
            result = waste_csv_import(
                actor=actor,
                municipality_id=form.cleaned_data["municipality"].pk,
                content=form.cleaned_data["file"],
            )
        except ValidationError as error:
            errors_onto_form(form, ValidationError({"file": error.messages}))
        else:
            messages.success(
                request,
                _("Imported: %(zones)s zones, %(streets)s streets, %(rounds)s rounds.")
                % {"zones": result.zones, "streets": result.streets, "rounds": result.rounds},
            )
            return HttpResponseRedirect(reverse("waste:backoffice-rounds"))
    return render(request, "waste/backoffice/import.html", {"form": form})


@permission_required(Permission.WASTE_MANAGE)
def round_detail(request: HttpRequest, round_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    round_ = round_get_visible(actor=actor, round_id=round_id)
    form = ExceptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            round_exception_set(
                actor=actor,
                round_id=round_.pk,
                date=form.cleaned_data["date"],
                moved_to=form.cleaned_data["moved_to"],
            )
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("The exception is saved."))
            return HttpResponseRedirect(reverse("waste:backoffice-round", args=[round_.pk]))
    return render(
        request,
        "waste/backoffice/round.html",
        {
            "round": round_,
            "exceptions": list(round_.exceptions.all()),
            "streets": list(round_.zone.streets.all()),
            "form": form,
        },
    )


@require_POST
@permission_required(Permission.WASTE_MANAGE)
def round_remove(request: HttpRequest, round_id: int) -> HttpResponse:
    round_delete(actor=actor_from_request(request), round_id=round_id)
    messages.success(request, _("The round is deleted."))
    return HttpResponseRedirect(reverse("waste:backoffice-rounds"))
