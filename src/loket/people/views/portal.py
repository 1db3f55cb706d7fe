"""Resident pages: "my page" (own data, household, contact preferences, who looked at my
data) and a child's page."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from loket.audit.selectors import access_log_of_person
from loket.audit.services import access_log_record_own_export
from loket.people.data_export import resident_data_export
from loket.people.data_export_pdf import export_pdf
from loket.people.forms import ContactPreferencesForm
from loket.people.resident_page import child_page_sections, resident_page_sections
from loket.people.selectors import (
    address_current,
    addresses_of,
    consents_of,
    household_of,
    person_get_visible,
)
from loket.people.services import person_contact_update
from loket.tenancy.access import Actor, actor_from_request
from loket.web.form_errors import errors_onto_form
from loket.web.middleware import SESSION_LANGUAGE_KEY
from loket.web.resident_sign_in import resident_sign_in_redirect

ACCESS_LOG_SHOWN = 50

# What the access log says of a download of all one's data, per format.
OWN_EXPORT_WHAT = {
    "json": gettext_noop("all your data, downloaded as JSON"),
    "pdf": gettext_noop("all your data, downloaded as PDF"),
}


def _signed_in_resident(request: HttpRequest) -> Actor | None:
    actor = actor_from_request(request)
    return actor if actor.is_resident and actor.person_id is not None else None


def my_page(request: HttpRequest) -> HttpResponse:
    actor = _signed_in_resident(request)
    if actor is None or actor.person_id is None:
        return resident_sign_in_redirect(request)
    person = person_get_visible(actor=actor, person_id=actor.person_id)
    if request.method == "POST":
        form = ContactPreferencesForm(request.POST)
        if form.is_valid():
            try:
                person_contact_update(
                    person=person,
                    preferred_language=form.cleaned_data["preferred_language"],
                    preferred_channels=form.channels_in_order(),
                    email=form.cleaned_data["email"],
                    phone=form.cleaned_data["phone"],
                    consents=form.consents(),
                )
            except ValidationError as error:
                errors_onto_form(form, error)
            else:
                request.session[SESSION_LANGUAGE_KEY] = form.cleaned_data["preferred_language"]
                messages.success(request, _("Your contact preferences are saved."))
                return HttpResponseRedirect(f"{reverse('people:my-page')}#contact")
    else:
        form = ContactPreferencesForm(
            initial=ContactPreferencesForm.initial_for(person, consents_of(person=person))
        )
    household = household_of(person=person)
    return render(
        request,
        "people/portal/my_page.html",
        {
            "person": person,
            "address": address_current(person=person),
            "addresses": list(addresses_of(person=person)),
            "partners": household["partners"],
            "children": household["children"],
            "form": form,
            "access_log": list(access_log_of_person(person=person)[:ACCESS_LOG_SHOWN]),
            "sections": resident_page_sections(actor=actor),
        },
        status=400 if request.method == "POST" else 200,
    )


def my_child(request: HttpRequest, person_id: int) -> HttpResponse:
    actor = _signed_in_resident(request)
    if actor is None or actor.person_id is None:
        return resident_sign_in_redirect(request)
    if person_id == actor.person_id:
        return redirect("people:my-page")
    child = person_get_visible(actor=actor, person_id=person_id)
    return render(
        request,
        "people/portal/my_child.html",
        {
            "child": child,
            "address": address_current(person=child),
            "addresses": list(addresses_of(person=child)),
            "sections": child_page_sections(actor=actor, child=child),
        },
    )


def my_data_json(request: HttpRequest) -> HttpResponse:
    """All the resident's data as JSON (see loket.people.data_export), to download."""
    return _my_data(request, "json")


def my_data_pdf(request: HttpRequest) -> HttpResponse:
    """All the resident's data as a readable PDF, to download."""
    return _my_data(request, "pdf")


def _my_data(request: HttpRequest, data_format: str) -> HttpResponse:
    actor = _signed_in_resident(request)
    if actor is None or actor.person_id is None:
        return resident_sign_in_redirect(request)
    person = person_get_visible(actor=actor, person_id=actor.person_id)
    export = resident_data_export(actor=actor, person=person)
    access_log_record_own_export(person=person, what=OWN_EXPORT_WHAT[data_format])
    stamp = timezone.localdate().isoformat()
    if data_format == "json":
        response = HttpResponse(
            json.dumps(export, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
    else:
        response = HttpResponse(export_pdf(export, person=person), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="my-data-{stamp}.{data_format}"'
    response["Cache-Control"] = "no-store"
    return response
