"""Staff pages: the works and occupations of the public domain of the municipalities where
the staff member manages works; record one (with a pin on the map), change it, remove it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from loket.tenancy.access import Actor, actor_from_request, permission_required
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission
from loket.web.form_errors import errors_onto_form
from loket.web.htmx import render_page_or_partial
from loket.web.lists import municipality_filter
from loket.web.maps import boundaries_map
from loket.web.pagination import page_of
from loket.works.forms import WorkForm
from loket.works.models import PlannedWork
from loket.works.selectors import work_get_visible, works_visible_to
from loket.works.services import WorkInput, work_create, work_delete, work_update


@permission_required(Permission.WORKS_MANAGE)
def works(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    chosen = municipality_filter(
        request, municipality_ids=actor.municipality_ids(Permission.WORKS_MANAGE)
    )
    return render_page_or_partial(
        request,
        "works/backoffice/works.html",
        "works/backoffice/_works.html",
        {
            "page": page_of(request, chosen.apply(works_visible_to(actor=actor)), per_page=50),
            "municipality_filter": chosen,
        },
        target="works-results",
    )


def _municipalities(actor: Actor) -> Any:
    return Municipality.objects.filter(
        pk__in=actor.municipality_ids(Permission.WORKS_MANAGE)
    ).order_by("name_nl")


def _initial(work: PlannedWork) -> dict[str, Any]:
    return {
        "municipality": work.municipality_id,
        "kind": work.kind,
        "title": work.title,
        "description": work.description,
        "place": work.place,
        "latitude": work.latitude,
        "longitude": work.longitude,
        "starts_on": work.starts_on,
        "ends_on": work.ends_on,
        "case_number": work.case_number,
    }


def _input(form: WorkForm) -> WorkInput:
    data = form.cleaned_data
    return WorkInput(
        municipality_id=data["municipality"].pk,
        kind=data["kind"],
        title=data["title"],
        description=data["description"],
        place=data["place"],
        latitude=data["latitude"],
        longitude=data["longitude"],
        starts_on=data["starts_on"],
        ends_on=data["ends_on"],
        case_number=data["case_number"],
    )


def _form_page(request: HttpRequest, actor: Actor, work: PlannedWork | None) -> HttpResponse:
    municipalities = _municipalities(actor)
    form = WorkForm(
        request.POST or None,
        initial=_initial(work) if work is not None else None,
        municipalities=municipalities,
    )
    if request.method == "POST" and form.is_valid():
        try:
            if work is None:
                saved = work_create(actor=actor, data=_input(form))
            else:
                saved = work_update(actor=actor, work_id=work.pk, data=_input(form))
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("“%(title)s” is saved.") % {"title": saved.title})
            return HttpResponseRedirect(reverse("works:backoffice-works"))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "works/backoffice/work_form.html",
        {"form": form, "work": work, "map_data": boundaries_map(municipalities)},
        status=status,
    )


@permission_required(Permission.WORKS_MANAGE)
def work_new(request: HttpRequest) -> HttpResponse:
    return _form_page(request, actor_from_request(request), None)


@permission_required(Permission.WORKS_MANAGE)
def work_edit(request: HttpRequest, work_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    return _form_page(request, actor, work_get_visible(actor=actor, work_id=work_id))


@require_POST
@permission_required(Permission.WORKS_MANAGE)
def work_remove(request: HttpRequest, work_id: int) -> HttpResponse:
    work_delete(actor=actor_from_request(request), work_id=work_id)
    messages.success(request, _("The work is removed."))
    return HttpResponseRedirect(reverse("works:backoffice-works"))
