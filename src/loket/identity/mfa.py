"""Staff two-factor sign-in: who must prove a second factor, the session marker that says
they did, and the gate that keeps them out of the back office until then.

Who. A staff member must prove a second factor when one of their roles may read personal
data (`MFA_ROLES`: every role whose permissions meet `PERSONAL_DATA_PERMISSIONS`), when they
are a superuser, or when they enrolled a device of their own accord.

The marker. A session is verified once `mfa_verified_mark` has put `MFA_SESSION_KEY` in it,
for the user signed in: the TOTP and recovery-code steps of `loket.identity.views.two_factor`
do, and so may any other sign-in that proved a second factor itself (a municipality's
identity provider asserting MFA, an e-ID), with its own `method`. An authentication backend
whose every sign-in proves a second factor may instead declare `asserts_mfa = True`.
Signing out flushes the session; signing in as someone else starts a new one.

The gate. `StaffMfaGateMiddleware` sends a staff member who must verify and has not to the
enrolment or verification step, from every page except those steps, signing out and the
language switch. The API (`/api/`) is left to `loket.api.auth.SessionAuth`, which treats such a
session as not signed in (401); token-authenticated integrations never pass here.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any, TypeVar
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.module_loading import import_string
from django_otp.plugins.otp_totp.models import TOTPDevice

from loket.tenancy.access import Actor, actor_from_request
from loket.tenancy.permissions import ROLE_PERMISSIONS, Permission, Role

MFA_SESSION_KEY = "mfa_verified"

# The permissions that show a resident's personal data (names, national numbers, addresses,
# contact details, case files, documents, payments, bookings, registrations, messages, the
# access log). A role holding any of them must sign in with a second factor.
PERSONAL_DATA_PERMISSIONS: frozenset[Permission] = frozenset(
    {
        Permission.PEOPLE_SEARCH,
        Permission.PEOPLE_VIEW,
        Permission.PEOPLE_VIEW_360,
        Permission.PEOPLE_EDIT,
        Permission.AUDIT_VIEW,
        Permission.CASES_VIEW,
        Permission.CRM_VIEW,
        Permission.DOCUMENTS_VIEW,
        Permission.PAYMENTS_VIEW,
        Permission.NOTIFY_VIEW,
        Permission.REPORTS_HANDLE,
        Permission.APPOINTMENTS_VIEW,
        Permission.QUEUE_SERVE,
        Permission.RESOURCES_VIEW,
        Permission.ACTIVITIES_VIEW,
    }
)

# Staff roles that must sign in with a second factor. Integrations authenticate with a
# token, never a session, and are not staff roles.
# A councillor reads the closed items of their body (personnel matters, named residents)
# without holding one of the codes above, so the role is named here.
MFA_ALWAYS: frozenset[Role] = frozenset({Role.COUNCILLOR})
MFA_ROLES: frozenset[Role] = MFA_ALWAYS | frozenset(
    role
    for role, permissions in ROLE_PERMISSIONS.items()
    if role is not Role.INTEGRATION and permissions & PERSONAL_DATA_PERMISSIONS
)


class MfaMethod(StrEnum):
    """How a session proved its second factor (stored in the marker)."""

    TOTP = "totp"
    RECOVERY_CODE = "recovery_code"
    # Set by a sign-in whose identity provider asserted MFA itself (OIDC `amr`/`acr`).
    PROVIDER = "provider"


def mfa_required(actor: Actor) -> bool:
    """Whether this staff member must sign in with a second factor because of their roles."""
    if not actor.is_staff or actor.user is None:
        return False
    if actor.user.is_superuser:
        return True
    return any(membership.role in MFA_ROLES for membership in actor.memberships)


def mfa_verified_mark(request: HttpRequest, *, method: MfaMethod | str) -> None:
    """Record in the session that the signed-in staff member proved a second factor. Call
    it after `django.contrib.auth.login` (which starts a new session for another user)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        raise ValueError("mark a session verified only once someone is signed in")
    request.session[MFA_SESSION_KEY] = {"user": user.pk, "method": str(method)}


def _backend_asserts_mfa(request: HttpRequest) -> bool:
    path = request.session.get(BACKEND_SESSION_KEY)
    if not isinstance(path, str) or path not in settings.AUTHENTICATION_BACKENDS:
        return False
    return getattr(import_string(path), "asserts_mfa", False) is True


def mfa_verified(request: HttpRequest) -> bool:
    """Whether the signed-in staff member proved a second factor in this session."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    marker = request.session.get(MFA_SESSION_KEY)
    if isinstance(marker, dict) and marker.get("user") == user.pk:
        return True
    return _backend_asserts_mfa(request)


def mfa_method(request: HttpRequest) -> str:
    """How this session proved its second factor ("" when it did not, or through a backend)."""
    marker = request.session.get(MFA_SESSION_KEY)
    return str(marker.get("method", "")) if isinstance(marker, dict) else ""


def mfa_pending(request: HttpRequest, actor: Actor | None = None) -> bool:
    """A signed-in staff member who must prove a second factor and has not yet (`actor`:
    theirs, when the caller already built it)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or mfa_verified(request):
        return False
    if mfa_required(actor or actor_from_request(request)):
        return True
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


ViewFunction = TypeVar("ViewFunction", bound=Callable[..., Any])
MFA_EXEMPT_ATTRIBUTE = "loket_mfa_exempt"


def mfa_exempt(view: ViewFunction) -> ViewFunction:
    """Mark a view a staff member may open before proving a second factor (the sign-in
    steps themselves, signing out, the language switch)."""
    setattr(view, MFA_EXEMPT_ATTRIBUTE, True)
    return view


def mfa_step_url(request: HttpRequest, *, next_url: str = "") -> str:
    """Where a pending staff member goes: verification if they enrolled, else enrolment."""
    user = request.user
    enrolled = TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).exists()
    url = reverse("two_factor:verify" if enrolled else "two_factor:enrol")
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


API_PREFIX = "/api/"


class StaffMfaGateMiddleware:
    """Sends a staff member who must prove a second factor, and has not, to that step."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: Any,
        view_kwargs: Any,
    ) -> HttpResponse | None:
        if getattr(view_func, MFA_EXEMPT_ATTRIBUTE, False):
            return None
        if request.path_info.startswith(API_PREFIX):
            return None  # loket.api.auth.SessionAuth refuses such a session itself
        if not mfa_pending(request):
            return None
        next_url = request.get_full_path() if request.method in {"GET", "HEAD"} else ""
        return HttpResponseRedirect(mfa_step_url(request, next_url=next_url))
