"""Staff sign-in through the municipality's identity provider (loket.identity.staff_oidc)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from loket.config.links import absolute_url
from loket.identity.oidc import OidcRefused, oidc_begin, oidc_complete
from loket.identity.staff_oidc import StaffSignInRefused, staff_oidc_provider, staff_oidc_sign_in
from loket.identity.throttle import login_failure_record, login_lockout_get
from loket.tenancy.access import public
from loket.web.middleware import SESSION_LANGUAGE_KEY, language_chosen
from loket.web.views.language import safe_next_url


def _refused(request: HttpRequest, message: str) -> HttpResponse:
    messages.error(request, message)
    return redirect("web:staff-login")


@public
def staff_oidc_begin(request: HttpRequest, code: str) -> HttpResponse:
    provider = staff_oidc_provider(code)
    if provider is None:
        raise Http404
    next_url = safe_next_url(
        request, request.GET.get("next"), default=reverse(settings.LOGIN_REDIRECT_URL)
    )
    redirect_uri = absolute_url(reverse("web:staff-oidc-callback", kwargs={"code": code}))
    try:
        return oidc_begin(request, provider.oidc, redirect_uri=redirect_uri, next=next_url)
    except OidcRefused:
        return _refused(
            request,
            _("Signing in with %(provider)s is not available at the moment.")
            % {"provider": provider.label},
        )


@public
def staff_oidc_callback(request: HttpRequest, code: str) -> HttpResponse:
    provider = staff_oidc_provider(code)
    if provider is None:
        raise Http404
    lockout = login_lockout_get(request=request, account="")
    if lockout is not None:
        return _refused(request, lockout.message)
    try:
        result = oidc_complete(request, provider.oidc)
    except OidcRefused:
        login_failure_record(request=request, account="")
        return _refused(
            request,
            _("The sign-in with %(provider)s could not be verified. Please try again.")
            % {"provider": provider.label},
        )
    chosen = language_chosen(request)
    try:
        user = staff_oidc_sign_in(request, provider, result)
    except StaffSignInRefused as refusal:
        login_failure_record(request=request, account="")
        return _refused(request, refusal.message)
    request.session[SESSION_LANGUAGE_KEY] = chosen or user.preferred_language
    next_url = result.extra.get("next")
    return HttpResponseRedirect(
        safe_next_url(
            request,
            next_url if isinstance(next_url, str) else None,
            default=reverse(settings.LOGIN_REDIRECT_URL),
        )
    )
