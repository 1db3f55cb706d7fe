"""Back office: staff sign-in and sign-out, and the overview page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from loket.identity.forms import ThrottledAuthenticationForm
from loket.identity.mfa import mfa_exempt
from loket.identity.oidc import OIDC_SESSION_KEY
from loket.identity.services import SESSION_KEY as RESIDENT_SESSION_KEY
from loket.identity.sign_out import oidc_end_session_url
from loket.tenancy.access import SIGNED_IN, actor_from_request, permission_required, public
from loket.tenancy.permissions import Permission
from loket.web.middleware import SESSION_LANGUAGE_KEY, language_chosen


class StaffLoginView(LoginView):
    template_name = "web/staff_login.html"
    redirect_authenticated_user = True
    authentication_form = ThrottledAuthenticationForm

    @classmethod
    def as_view(cls, **initkwargs: Any) -> Any:
        return mfa_exempt(public(super().as_view(**initkwargs)))

    def form_valid(self, form: Any) -> HttpResponse:
        chosen = language_chosen(self.request)
        response = super().form_valid(form)
        # One identity per browser session; the language chosen on this browser stays,
        # otherwise the staff member's own.
        self.request.session.pop(RESIDENT_SESSION_KEY, None)
        self.request.session.pop(OIDC_SESSION_KEY, None)
        self.request.session[SESSION_LANGUAGE_KEY] = chosen or form.get_user().preferred_language
        self.request.session.set_expiry(settings.LOKET_STAFF_SESSION_IDLE_SECONDS)
        return response

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)
        lockout = getattr(form, "lockout", None)
        if lockout is not None:
            response.status_code = 429
            response["Retry-After"] = str(lockout.retry_after_seconds)
        return response


@mfa_exempt
@public
@require_POST
def staff_logout(request: HttpRequest) -> HttpResponse:
    language = request.session.get(SESSION_LANGUAGE_KEY)
    # Signed in through the municipality's identity provider: sign out there too.
    end_session_url = oidc_end_session_url(request, after=reverse("web:staff-login"))
    logout(request)
    if language:
        request.session[SESSION_LANGUAGE_KEY] = language
    if end_session_url:
        return HttpResponseRedirect(end_session_url)
    return redirect("web:staff-login")


@permission_required(SIGNED_IN)
def backoffice_home(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    memberships = list(actor.memberships)  # read with the actor, in the same statement
    return render(
        request,
        "web/backoffice_home.html",
        {
            "memberships": memberships,
            "can_audit": actor.has(Permission.AUDIT_VIEW),
        },
    )
