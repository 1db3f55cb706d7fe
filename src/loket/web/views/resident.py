"""Resident sign-in and sign-out."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from loket.identity.plugins import resident_login_plugin as plugin_for_code
from loket.identity.plugins import resident_login_plugins
from loket.identity.services import resident_sign_in, resident_sign_out
from loket.identity.throttle import (
    login_failure_record,
    login_lockout_get,
    login_success_record,
)
from loket.web.middleware import SESSION_LANGUAGE_KEY, language_chosen
from loket.web.views.language import safe_next_url


def resident_login(request: HttpRequest) -> HttpResponse:
    next_url = safe_next_url(request, request.GET.get("next"), default=reverse("people:my-page"))
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
    next_url = safe_next_url(request, source.get("next"), default=reverse("people:my-page"))
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
    chosen = language_chosen(request)
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
    # The language the visitor chose before signing in stays; otherwise their stored one.
    if chosen is not None:
        request.session[SESSION_LANGUAGE_KEY] = chosen
    with translation.override(request.session.get(SESSION_LANGUAGE_KEY) or None):
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
