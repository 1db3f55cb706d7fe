"""Resident sign-in and "my page"."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from loket.audit.selectors import access_log_of_person
from loket.identity.plugins import resident_login_plugin as plugin_for_code
from loket.identity.plugins import resident_login_plugins
from loket.identity.services import resident_sign_in, resident_sign_out
from loket.identity.throttle import (
    login_failure_record,
    login_lockout_get,
    login_success_record,
)
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
from loket.web.forms import ContactPreferencesForm
from loket.web.middleware import SESSION_LANGUAGE_KEY
from loket.web.views.language import safe_next_url

ACCESS_LOG_SHOWN = 50


def _sign_in_redirect(request: HttpRequest) -> HttpResponse:
    query = urlencode({"next": request.get_full_path()})
    return HttpResponseRedirect(f"{reverse('web:resident-login')}?{query}")


def _signed_in_resident(request: HttpRequest) -> Actor | None:
    actor = actor_from_request(request)
    return actor if actor.is_resident and actor.person_id is not None else None


def resident_login(request: HttpRequest) -> HttpResponse:
    next_url = safe_next_url(request, request.GET.get("next"), default=reverse("web:my-page"))
    return render(
        request,
        "identity/portal/login.html",
        {"plugins": resident_login_plugins(), "next_url": next_url},
    )


def resident_login_plugin(request: HttpRequest, code: str) -> HttpResponse:
    plugin = plugin_for_code(code)
    if plugin is None:
        raise Http404
    source = request.POST if request.method == "POST" else request.GET
    next_url = safe_next_url(request, source.get("next"), default=reverse("web:my-page"))
    if request.method != "POST":
        return plugin.begin(request, next_url=next_url)
    national_number = plugin.complete(request)
    account = national_number or ""
    lockout = login_lockout_get(request=request, account=account)
    if lockout is not None:
        messages.error(request, lockout.message)
        response = render(
            request,
            "identity/portal/login.html",
            {"plugins": resident_login_plugins(), "next_url": next_url},
            status=429,
        )
        response["Retry-After"] = str(lockout.retry_after_seconds)
        return response
    person = (
        resident_sign_in(request=request, national_number=national_number)
        if national_number is not None
        else None
    )
    if person is None:
        login_failure_record(request=request, account=account)
        messages.error(request, _("Signing in did not work. Please try again."))
        query = urlencode({"next": next_url})
        return HttpResponseRedirect(
            f"{reverse('web:resident-login-plugin', kwargs={'code': code})}?{query}"
        )
    login_success_record(account=account)
    messages.success(request, _("You are signed in as %(name)s.") % {"name": person.full_name})
    return HttpResponseRedirect(next_url)


@require_POST
def resident_logout(request: HttpRequest) -> HttpResponse:
    language = request.session.get(SESSION_LANGUAGE_KEY)
    resident_sign_out(request=request)
    if language:
        request.session[SESSION_LANGUAGE_KEY] = language
    messages.success(request, _("You are signed out."))
    return redirect("web:home")


def my_page(request: HttpRequest) -> HttpResponse:
    actor = _signed_in_resident(request)
    if actor is None or actor.person_id is None:
        return _sign_in_redirect(request)
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
                return HttpResponseRedirect(f"{reverse('web:my-page')}#contact")
    else:
        form = ContactPreferencesForm(
            initial=ContactPreferencesForm.initial_for(person, consents_of(person=person))
        )
    household = household_of(person=person)
    return render(
        request,
        "web/my_page.html",
        {
            "person": person,
            "address": address_current(person=person),
            "addresses": list(addresses_of(person=person)),
            "partners": household["partners"],
            "children": household["children"],
            "form": form,
            "access_log": list(access_log_of_person(person=person)[:ACCESS_LOG_SHOWN]),
        },
        status=400 if request.method == "POST" else 200,
    )


def my_child(request: HttpRequest, person_id: int) -> HttpResponse:
    actor = _signed_in_resident(request)
    if actor is None or actor.person_id is None:
        return _sign_in_redirect(request)
    if person_id == actor.person_id:
        return redirect("web:my-page")
    child = person_get_visible(actor=actor, person_id=person_id)
    return render(
        request,
        "web/my_child.html",
        {
            "child": child,
            "address": address_current(person=child),
            "addresses": list(addresses_of(person=child)),
        },
    )
