"""Staff sign-in forms with throttling (loket.identity.throttle).

The same form backs the back-office sign-in and the Django admin sign-in. An unknown
user name and a wrong password give the same error, and both are counted.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm

from loket.identity.throttle import (
    LoginLockout,
    login_failure_record,
    login_lockout_get,
    login_success_record,
)


def _throttled_clean(
    form: AuthenticationForm, parent_clean: Callable[[], dict[str, Any]]
) -> dict[str, Any]:
    """Refuses a locked account or address before the password is checked; counts a
    failure, clears the account's failures on success."""
    username = str(form.cleaned_data.get("username") or "")
    password = form.cleaned_data.get("password")
    if not username or not password or form.request is None:
        return parent_clean()
    lockout = login_lockout_get(request=form.request, account=username)
    if lockout is not None:
        form.lockout = lockout  # type: ignore[attr-defined]
        raise forms.ValidationError(lockout.message, code="throttled")
    try:
        cleaned = parent_clean()
    except forms.ValidationError:
        login_failure_record(request=form.request, account=username)
        raise
    login_success_record(account=username)
    return cleaned


class ThrottledAuthenticationForm(AuthenticationForm):
    lockout: LoginLockout | None = None

    def clean(self) -> dict[str, Any]:
        return _throttled_clean(self, super().clean)


class ThrottledAdminAuthenticationForm(AdminAuthenticationForm):
    lockout: LoginLockout | None = None

    def clean(self) -> dict[str, Any]:
        return _throttled_clean(self, super().clean)
