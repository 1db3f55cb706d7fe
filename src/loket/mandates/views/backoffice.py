"""Staff pages: the organisations of the staff member's municipalities and the register of
their representatives (who may make requests in an organisation's name); record one by
national register number, end one, see who changed what."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from loket.mandates.selectors import (
    organisation_get_for_staff,
    organisations_for_staff,
    representative_changes_of,
    representatives_of,
)
from loket.mandates.services import representative_add, representative_remove
from loket.tenancy.access import actor_from_request, permission_required
from loket.tenancy.permissions import Permission
from loket.web.form_errors import errors_onto_form
from loket.web.htmx import render_page_or_partial
from loket.web.pagination import page_of


class RepresentativeForm(forms.Form):
    national_number = forms.CharField(
        label=gettext_lazy("National register number of the representative"),
        max_length=20,
        help_text=gettext_lazy("11 digits; dots, dashes and spaces are allowed."),
    )


@permission_required(Permission.PEOPLE_VIEW)
def organisations(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    query = request.GET.get("q", "")[:100]
    return render_page_or_partial(
        request,
        "mandates/backoffice/organisations.html",
        "mandates/backoffice/_organisations.html",
        {
            "page": page_of(
                request, organisations_for_staff(actor=actor, query=query), per_page=50
            ),
            "query": query,
        },
        target="organisation-results",
    )


@permission_required(Permission.PEOPLE_VIEW)
def organisation(request: HttpRequest, organisation_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    found = organisation_get_for_staff(actor=actor, organisation_id=organisation_id)
    may_edit = actor.has(Permission.PEOPLE_EDIT, found.municipality_id)
    form = RepresentativeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                change = representative_add(
                    actor=actor,
                    organisation_id=found.pk,
                    national_number=form.cleaned_data["national_number"],
                )
            except ValidationError as error:
                errors_onto_form(form, error)
            else:
                messages.success(
                    request,
                    _("%(name)s is recorded as a representative of %(organisation)s.")
                    % {"name": change.person.full_name, "organisation": found.name},
                )
                return HttpResponseRedirect(request.path)
        status = 400
    return render(
        request,
        "mandates/backoffice/organisation.html",
        {
            "organisation": found,
            "representatives": list(representatives_of(organisation=found)),
            "changes": representative_changes_of(organisation=found),
            "form": form,
            "may_edit": may_edit,
        },
        status=status,
    )


@require_POST
@permission_required(Permission.PEOPLE_EDIT)
def representative_end(request: HttpRequest, organisation_id: int, person_id: int) -> HttpResponse:
    change = representative_remove(
        actor=actor_from_request(request), organisation_id=organisation_id, person_id=person_id
    )
    messages.success(
        request,
        _("%(name)s no longer represents %(organisation)s.")
        % {"name": change.person.full_name, "organisation": change.organisation.name},
    )
    return HttpResponseRedirect(
        reverse("mandates:backoffice-organisation", kwargs={"organisation_id": organisation_id})
    )
