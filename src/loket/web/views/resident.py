"""Resident sign-in and sign-out."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from loket.identity.oidc import OIDC_SESSION_KEY, client_public_keys
from loket.identity.plugins import (
    ResidentLoginPlugin,
    ResidentProof,
    SignInRefused,
    resident_login_plugins,
)
from loket.identity.plugins import resident_login_plugin as plugin_for_code
from loket.identity.services import resident_sign_in, resident_sign_out
from loket.identity.sign_out import oidc_end_session_url
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
        try:
            return plugin.begin(request, next_url=next_url)
        except SignInRefused as refusal:
            return _login_page(request, next_url=next_url, error=refusal.message, status=503)
    return _complete(request, plugin, next_url=next_url)


@require_GET
def resident_login_jwks(request: HttpRequest, code: str) -> HttpResponse:
    """This installation's public keys for an OpenID Connect provider (its `jwks_uri` as a
    client): the key that signs request objects and client assertions, and the key the
    provider encrypts ID tokens with. 404 for a plugin without keys."""
    plugin = plugin_for_code(code)
    provider = getattr(plugin, "provider", None)
    if provider is None:
        raise Http404
    keys = client_public_keys(provider)
    if not keys["keys"]:
        raise Http404
    return JsonResponse(keys, content_type="application/jwk-set+json")


def resident_login_callback(request: HttpRequest, code: str) -> HttpResponse:
    """Where an OpenID Connect provider sends the resident back (with code and state)."""
    plugin = plugin_for_code(code)
    if plugin is None:
        raise Http404
    return _complete(request, plugin, next_url=None)


def _login_page(
    request: HttpRequest, *, next_url: str, error: str | None = None, status: int = 200
) -> HttpResponse:
    if error:
        messages.error(request, error)
    return render(
        request,
        "identity/portal/login.html",
        {"plugins": resident_login_plugins(), "next_url": next_url},
        status=status,
    )


def _complete(
    request: HttpRequest, plugin: ResidentLoginPlugin, *, next_url: str | None
) -> HttpResponse:
    """Sign in whom the plugin proved, or answer why not (no session is started)."""
    default_next = reverse("people:my-page")
    try:
        proof: ResidentProof | None = plugin.complete(request)
        refusal = None
    except SignInRefused as refused:
        proof, refusal = None, refused
    if next_url is None:
        # A provider's callback: the page to return to travelled with the state.
        candidate = proof.next_url if proof is not None else None
        next_url = safe_next_url(request, candidate, default=default_next)
    account = proof.national_number if proof is not None else (refusal.account if refusal else "")
    lockout = login_lockout_get(request=request, account=account)
    if lockout is not None:
        response = _login_page(request, next_url=next_url, error=lockout.message, status=429)
        response["Retry-After"] = str(lockout.retry_after_seconds)
        return response
    chosen = language_chosen(request)
    person = (
        resident_sign_in(request=request, national_number=proof.national_number)
        if proof is not None
        else None
    )
    if person is None or proof is None:
        login_failure_record(request=request, account=account)
        if refusal is not None:
            return _login_page(request, next_url=next_url, error=refusal.message, status=403)
        messages.error(request, _("Signing in did not work. Please try again."))
        query = urlencode({"next": next_url})
        return HttpResponseRedirect(
            f"{reverse('web:resident-login-plugin', kwargs={'code': plugin.code})}?{query}"
        )
    login_success_record(account=account)
    request.session.pop(OIDC_SESSION_KEY, None)  # a provider's earlier sign-in is over
    if proof.session:
        request.session[OIDC_SESSION_KEY] = proof.session
    # The language the visitor chose before signing in stays; otherwise their stored one.
    if chosen is not None:
        request.session[SESSION_LANGUAGE_KEY] = chosen
    with translation.override(request.session.get(SESSION_LANGUAGE_KEY) or None):
        messages.success(request, _("You are signed in as %(name)s.") % {"name": person.full_name})
    return HttpResponseRedirect(next_url)


@require_POST
def resident_logout(request: HttpRequest) -> HttpResponse:
    language = request.session.get(SESSION_LANGUAGE_KEY)
    # The provider that signed this browser in (if any) ends its own session too.
    end_session_url = oidc_end_session_url(request, after=reverse("web:home"))
    resident_sign_out(request=request)
    if language:
        request.session[SESSION_LANGUAGE_KEY] = language
    messages.success(request, _("You are signed out."))
    if end_session_url:
        return HttpResponseRedirect(end_session_url)
    return redirect("web:home")
