"""The Django admin sign-in, throttled like the back-office sign-in."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from loket.identity.forms import ThrottledAdminAuthenticationForm

admin.site.login_form = ThrottledAdminAuthenticationForm


def admin_login(request: HttpRequest) -> HttpResponse:
    """`admin.site.login`, answering 429 while the account or address is locked."""
    response = admin.site.login(request)
    context = response.context_data if isinstance(response, TemplateResponse) else None
    form = (context or {}).get("form")
    if isinstance(form, ThrottledAdminAuthenticationForm) and form.lockout is not None:
        response.status_code = 429
        response["Retry-After"] = str(form.lockout.retry_after_seconds)
    return response
