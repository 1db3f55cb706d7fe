"""Back office: the municipal administrator keeps the town hall's contact details and
opening hours (/backoffice/gemeenten/…), shown on the municipality's page and by the
assistant."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from loket.tenancy.access import actor_from_request, permission_required
from loket.tenancy.permissions import Permission
from loket.tenancy.selectors import municipalities_managed_by, municipality_get_managed
from loket.tenancy.services import municipality_contact_update
from loket.web.forms_municipality import MunicipalityContactForm


@permission_required(Permission.TENANCY_MANAGE)
def municipality_list(request: HttpRequest) -> HttpResponse:
    municipalities = list(municipalities_managed_by(actor=actor_from_request(request)))
    municipalities.sort(key=lambda municipality: municipality.name.casefold())
    return render(request, "web/municipality_list.html", {"municipalities": municipalities})


@permission_required(Permission.TENANCY_MANAGE)
def municipality_contact_edit(request: HttpRequest, municipality_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    municipality = municipality_get_managed(actor=actor, municipality_id=municipality_id)
    if municipality is None:
        raise Http404
    if request.method == "POST":
        form = MunicipalityContactForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                municipality_contact_update(
                    actor=actor,
                    municipality=municipality,
                    address_street=data["address_street"],
                    address_postal_code=data["address_postal_code"],
                    address_locality=data["address_locality"],
                    phone=data["phone"],
                    email=data["email"],
                    opening_hours=data["opening_hours"],
                )
            except ValidationError as error:
                for name, field_errors in error.message_dict.items():
                    form.add_error(name if name in form.fields else None, field_errors)
            else:
                messages.success(
                    request,
                    _("The contact details of %(municipality)s are saved.")
                    % {"municipality": municipality.name},
                )
                return HttpResponseRedirect(reverse("web:municipality-admin"))
    else:
        form = MunicipalityContactForm(initial=MunicipalityContactForm.initial_for(municipality))
    return render(
        request,
        "web/municipality_contact_edit.html",
        {"form": form, "municipality": municipality},
        status=400 if request.method == "POST" else 200,
    )
