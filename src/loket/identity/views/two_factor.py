"""Staff two-factor pages (/backoffice/tweestapsverificatie/…): enrolment with a QR code,
the verification step after the password, recovery codes, and the staff member's own
security page with the password change."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import PasswordChangeView
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp.oath import TOTP

from loket.config.env import Mode
from loket.identity.forms_two_factor import RecoveryCodeForm, TotpCodeForm
from loket.identity.mfa import MfaMethod, mfa_exempt, mfa_required, mfa_verified, mfa_verified_mark
from loket.identity.totp import (
    CodeCheck,
    recovery_code_use,
    recovery_codes_left,
    recovery_codes_regenerate,
    totp_device_confirmed,
    totp_enrolment_confirm,
    totp_enrolment_device,
    totp_qr_svg,
    totp_secret_base32,
    totp_verify,
)
from loket.tenancy.access import SIGNED_IN, actor_from_request, permission_required
from loket.web.views.language import safe_next_url


def _next(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next")
    return safe_next_url(request, candidate, default=reverse("web:backoffice-home"))


def _step(url_name: str, next_url: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


def _throttled_message(check: CodeCheck) -> str:
    seconds = check.retry_after_seconds
    return ngettext(
        "Too many wrong codes. Wait %(seconds)d second and try again.",
        "Too many wrong codes. Wait %(seconds)d seconds and try again.",
        seconds,
    ) % {"seconds": seconds}


def _refused(form: forms.Form, field: str, check: CodeCheck) -> int:
    """Put the refusal on the form; the status to answer: 429 while throttled, else 400."""
    if check.throttled:
        form.add_error(field, _throttled_message(check))
        return 429
    form.add_error(field, _("This code is not right. Check the code and try again."))
    return 400


def _answer(response: HttpResponse, status: int, check: CodeCheck | None) -> HttpResponse:
    response.status_code = status
    if status == 429 and check is not None:
        response["Retry-After"] = str(check.retry_after_seconds)
    return response


def _codes_page(request: HttpRequest, codes: list[str], *, next_url: str) -> HttpResponse:
    """The recovery codes, shown this once (never stored in a cache)."""
    response = render(
        request,
        "identity/backoffice/recovery_codes.html",
        {"codes": codes, "next_url": next_url},
    )
    response["Cache-Control"] = "no-store"
    return response


def _demo_code(request: HttpRequest) -> str:
    """Demo mode only: the code the signed-in demo account's authenticator shows now, so a
    visitor can try the back office without an app (demo data only, never in production)."""
    if settings.LOKET_MODE is not Mode.DEMO:
        return ""
    device = totp_device_confirmed(user=request.user)  # type: ignore[arg-type]
    if device is None:
        return ""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():0{device.digits}d}"


@mfa_exempt
@never_cache
@permission_required(SIGNED_IN)
def enrol(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: QR code and key, confirmed with a first code."""
    user = request.user
    next_url = _next(request)
    if totp_device_confirmed(user=user) is not None and not mfa_verified(request):  # type: ignore[arg-type]
        return HttpResponseRedirect(_step("two_factor:verify", next_url))
    device = totp_enrolment_device(user=user)  # type: ignore[arg-type]
    status, check = 200, None
    if request.method == "POST":
        form = TotpCodeForm(request.POST)
        status = 400
        if form.is_valid():
            check, codes = totp_enrolment_confirm(user=user, token=form.cleaned_data["code"])  # type: ignore[arg-type]
            if check.ok:
                request.session.cycle_key()
                mfa_verified_mark(request, method=MfaMethod.TOTP)
                return _codes_page(request, codes, next_url=next_url)
            status = _refused(form, "code", check)
    else:
        form = TotpCodeForm()
    response = render(
        request,
        "identity/backoffice/enrol.html",
        {
            "form": form,
            "qr_svg": totp_qr_svg(device, title=_("QR code to scan with your authenticator app")),
            "secret": totp_secret_base32(device),
            "next_url": next_url,
            "required": mfa_required(actor_from_request(request)),
        },
    )
    return _answer(response, status, check)


@mfa_exempt
@never_cache
@permission_required(SIGNED_IN)
def verify(request: HttpRequest) -> HttpResponse:
    """The second step after the password: a code from the app, or a recovery code."""
    user = request.user
    next_url = _next(request)
    if mfa_verified(request):
        return HttpResponseRedirect(next_url)
    if totp_device_confirmed(user=user) is None:  # type: ignore[arg-type]
        return HttpResponseRedirect(_step("two_factor:enrol", next_url))
    form = TotpCodeForm()
    recovery_form = RecoveryCodeForm()
    bound: forms.Form
    status, check = 200, None
    if request.method == "POST":
        status = 400
        if "recovery_code" in request.POST:
            recovery_form = RecoveryCodeForm(request.POST)
            method, field, bound = MfaMethod.RECOVERY_CODE, "recovery_code", recovery_form
        else:
            form = TotpCodeForm(request.POST)
            method, field, bound = MfaMethod.TOTP, "code", form
        if bound.is_valid():
            value = bound.cleaned_data[field]
            check = (
                recovery_code_use(user=user, code=value)  # type: ignore[arg-type]
                if method is MfaMethod.RECOVERY_CODE
                else totp_verify(user=user, token=value)  # type: ignore[arg-type]
            )
            if check.ok:
                request.session.cycle_key()
                mfa_verified_mark(request, method=method)
                if method is MfaMethod.RECOVERY_CODE:
                    left = recovery_codes_left(user=user)  # type: ignore[arg-type]
                    messages.warning(
                        request,
                        ngettext(
                            "You signed in with a recovery code. %(left)d code is left: "
                            "make new codes on your security page when you run short.",
                            "You signed in with a recovery code. %(left)d codes are left: "
                            "make new codes on your security page when you run short.",
                            left,
                        )
                        % {"left": left},
                    )
                return HttpResponseRedirect(next_url)
            status = _refused(bound, field, check)
    response = render(
        request,
        "identity/backoffice/verify.html",
        {
            "form": form,
            "recovery_form": recovery_form,
            "next_url": next_url,
            "demo_code": _demo_code(request),
        },
    )
    return _answer(response, status, check)


@never_cache
@permission_required(SIGNED_IN)
def security(request: HttpRequest) -> HttpResponse:
    """The staff member's own page: two-step verification and the password."""
    user = request.user
    return render(
        request,
        "identity/backoffice/security.html",
        {
            "device": totp_device_confirmed(user=user),  # type: ignore[arg-type]
            "codes_left": recovery_codes_left(user=user),  # type: ignore[arg-type]
            "required": mfa_required(actor_from_request(request)),
        },
    )


@require_POST
@permission_required(SIGNED_IN)
def recovery_codes_new(request: HttpRequest) -> HttpResponse:
    """Ten new recovery codes (the earlier ones stop working), shown once."""
    user = request.user
    if totp_device_confirmed(user=user) is None:  # type: ignore[arg-type]
        return redirect("two_factor:enrol")
    codes = recovery_codes_regenerate(user=user)  # type: ignore[arg-type]
    return _codes_page(request, codes, next_url=reverse("two_factor:security"))


class StaffPasswordChangeView(PasswordChangeView):
    """Change the password (the validators of AUTH_PASSWORD_VALIDATORS apply); the session
    stays signed in and verified."""

    template_name = "identity/backoffice/password_change.html"
    success_url = reverse_lazy("two_factor:security")

    @classmethod
    def as_view(cls, **initkwargs: Any) -> Any:
        return permission_required(SIGNED_IN)(super().as_view(**initkwargs))

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, _("Your password is changed."))
        return response

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)
        response.status_code = 400
        return response
