"""Staff sign-in through a municipality's own identity provider (Flanders' ACM/IDM,
Microsoft Entra ID, or any OpenID Connect provider), configured in
LOKET_STAFF_OIDC_PROVIDERS (docs/identity.md).

Each provider belongs to exactly one municipality. It signs in staff accounts of that
municipality only:

- the account is found by the provider's subject once linked (`OidcIdentity`); on the
  first sign-in by the configured claim (`user_claim`, compared with the account's
  e-mail address or user name), or created when `provision` is on;
- an account with a membership anywhere else (another municipality, or region-wide), a
  superuser and a deactivated account are refused: a municipality's provider can never
  become a way into another municipality;
- the roles come from the `roles_claim` through `role_map` (claim value -> role) and are
  granted in the provider's municipality only; memberships granted this way are taken
  away again when the claim no longer carries them (memberships granted by hand stay).

When the provider asserts a second factor (`amr` contains one of `mfa_amr`, or `acr` is
one of `mfa_acr`), the session is marked (`OIDC_MFA_SESSION_KEY`); read it with
`staff_session_mfa_by_provider(request)`.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import login
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from loket.accounts.models import User
from loket.identity.mfa import MfaMethod, mfa_verified_mark
from loket.identity.models import OidcIdentity, OidcMembershipGrant
from loket.identity.oidc import OidcProvider, OidcResult, oidc_session_remember
from loket.identity.services import SESSION_KEY as RESIDENT_SESSION_KEY
from loket.identity.services import oidc_identity_link
from loket.tenancy.models import Membership, Municipality
from loket.tenancy.permissions import Role
from loket.tenancy.services import membership_grant

logger = logging.getLogger(__name__)

# Set when the staff member's own identity provider asserted a second factor:
# {"provider": code, "amr": [...], "acr": ..., "at": epoch seconds}.
OIDC_MFA_SESSION_KEY = "loket_staff_mfa_by_provider"
_BACKEND = "django.contrib.auth.backends.ModelBackend"


@dataclass(frozen=True)
class StaffProvider:
    code: str
    municipality_nis_code: str
    label: str
    oidc: OidcProvider
    user_claim: str
    user_field: str
    provision: bool
    roles_claim: str
    role_map: tuple[tuple[str, str], ...]
    mfa_amr: frozenset[str]
    mfa_acr: frozenset[str]


class StaffSignInRefused(Exception):
    """The provider's sign-in does not lead to a staff account here; `message` is shown
    and `reason` is logged."""

    def __init__(self, reason: str, message: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.message = message or _(
            "You could not be signed in with your organisation's account. "
            "Ask your administrator to check your access to Loket."
        )


def _provider_from(config: dict[str, Any]) -> StaffProvider:
    return StaffProvider(
        code=config["code"],
        municipality_nis_code=config["municipality"],
        label=config["label"] or config["code"],
        oidc=OidcProvider(
            code=f"staff-{config['code']}",
            issuer=config["issuer"],
            client_id=config["client_id"],
            client_secret=config["client_secret"],
            scopes=config["scopes"],
            userinfo=bool(config["userinfo"]),
            acr_values=str(config.get("acr_values") or ""),
            client_auth=str(config.get("client_auth") or "client_secret_basic"),
            private_key_file=str(config.get("private_key_file") or ""),
        ),
        user_claim=config["user_claim"],
        user_field=config["user_field"],
        provision=bool(config["provision"]),
        roles_claim=config["roles_claim"],
        role_map=tuple(sorted(config["role_map"].items())),
        mfa_amr=frozenset(config["mfa_amr"]),
        mfa_acr=frozenset(config["mfa_acr"]),
    )


def staff_oidc_providers() -> list[StaffProvider]:
    return [_provider_from(config) for config in settings.LOKET_STAFF_OIDC_PROVIDERS]


def staff_oidc_provider(code: str) -> StaffProvider | None:
    for provider in staff_oidc_providers():
        if provider.code == code:
            return provider
    return None


def provider_asserted_mfa(claims: dict[str, Any], provider: StaffProvider) -> bool:
    """Whether the ID token says the staff member signed in with a second factor: an
    `amr` value among the provider's `mfa_amr`, or an `acr` among its `mfa_acr`."""
    amr = claims.get("amr") or []
    methods = {amr} if isinstance(amr, str) else {str(value) for value in amr}
    if methods & provider.mfa_amr:
        return True
    acr = claims.get("acr")
    return acr is not None and str(acr) in provider.mfa_acr


def staff_session_mfa_by_provider(request: HttpRequest) -> bool:
    """Whether this staff session's identity provider asserted a second factor."""
    return isinstance(request.session.get(OIDC_MFA_SESSION_KEY), dict)


def _claimed_values(claims: dict[str, Any], name: str) -> set[str]:
    value = claims.get(name)
    if value is None:
        return set()
    if isinstance(value, str):
        return {value}
    if isinstance(value, list):
        return {str(item) for item in value}
    return set()


def _account_for(provider: StaffProvider, result: OidcResult) -> User:
    """The staff account the provider's subject is (or becomes) linked to."""
    linked = (
        OidcIdentity.objects.select_related("user")
        .filter(provider=provider.oidc.code, subject=result.subject, user__isnull=False)
        .first()
    )
    if linked is not None and linked.user is not None:
        return linked.user
    identifier = str(result.claims.get(provider.user_claim) or "").strip()
    if not identifier:
        raise StaffSignInRefused(f"no {provider.user_claim!r} claim")
    if provider.user_claim == "email" and result.claims.get("email_verified") is False:
        raise StaffSignInRefused("the provider says the e-mail address is not verified")
    if provider.user_field == "email":
        matches = list(User.objects.filter(email__iexact=identifier)[:2])
    else:
        matches = list(User.objects.filter(username=identifier)[:2])
    if len(matches) > 1:
        raise StaffSignInRefused(f"{identifier!r} matches several accounts")
    if matches:
        return matches[0]
    if not provider.provision:
        raise StaffSignInRefused(f"no account for {identifier!r} (provisioning is off)")
    if User.objects.filter(username=identifier).exists():
        raise StaffSignInRefused(f"user name {identifier!r} is taken")
    user = User(
        username=identifier[:150],
        email=str(result.claims.get("email") or (identifier if "@" in identifier else "")),
        first_name=str(result.claims.get("given_name") or "")[:150],
        last_name=str(result.claims.get("family_name") or "")[:150],
    )
    user.set_unusable_password()
    user.save()
    return user


def _roles_sync(
    provider: StaffProvider, user: User, municipality: Municipality, claims: dict[str, Any]
) -> None:
    """Grant the mapped roles in the provider's municipality; take back the ones this
    provider granted before and the claim no longer carries."""
    mapping = dict(provider.role_map)
    wanted = {
        Role(mapping[value])
        for value in _claimed_values(claims, provider.roles_claim)
        if value in mapping
    }
    for grant in OidcMembershipGrant.objects.select_related("membership").filter(
        provider=provider.oidc.code, membership__user=user
    ):
        membership = grant.membership
        if membership.role not in wanted or membership.municipality_id != municipality.pk:
            membership.delete()  # the grant goes with it
    for role in sorted(wanted):
        exists = Membership.objects.filter(
            user=user, role=role, municipality=municipality, department__isnull=True
        ).exists()
        if not exists:
            membership = membership_grant(
                user=user, role=role, region=municipality.region, municipality=municipality
            )
            OidcMembershipGrant.objects.create(membership=membership, provider=provider.oidc.code)


@transaction.atomic
def staff_oidc_account(provider: StaffProvider, result: OidcResult) -> User:
    """The staff account for a verified sign-in at `provider`, its roles brought in line
    with the claims; raises StaffSignInRefused (and changes nothing) if there is none."""
    municipality = (
        Municipality.objects.select_related("region")
        .filter(nis_code=provider.municipality_nis_code)
        .first()
    )
    if municipality is None:
        raise StaffSignInRefused(f"no municipality {provider.municipality_nis_code}")
    user = _account_for(provider, result)
    if not user.is_active or user.is_superuser:
        raise StaffSignInRefused(f"account {user.pk} is inactive or a superuser")
    foreign = Membership.objects.filter(user=user).exclude(municipality=municipality)
    if foreign.exists():
        raise StaffSignInRefused(
            f"account {user.pk} has memberships outside {municipality.nis_code}"
        )
    if not oidc_identity_link(provider=provider.oidc.code, subject=result.subject, user=user):
        raise StaffSignInRefused(f"account {user.pk} is linked to another subject")
    _roles_sync(provider, user, municipality, result.claims)
    if not Membership.objects.filter(user=user).exists():
        raise StaffSignInRefused(
            f"account {user.pk} has no role in {municipality.nis_code}",
            _("Your organisation's account has no role in Loket. Ask your administrator."),
        )
    return user


def staff_oidc_sign_in(request: HttpRequest, provider: StaffProvider, result: OidcResult) -> User:
    """Sign the staff member in (a new session), remembering the provider, and whether it
    asserted a second factor."""
    try:
        user = staff_oidc_account(provider, result)
    except StaffSignInRefused as refusal:
        logger.warning("staff sign-in with %s refused: %s", provider.code, refusal.reason)
        raise
    login(request, user, backend=_BACKEND)
    request.session.pop(RESIDENT_SESSION_KEY, None)
    request.session.set_expiry(settings.LOKET_STAFF_SESSION_IDLE_SECONDS)
    oidc_session_remember(request, provider.oidc, result, kind="staff")
    if provider_asserted_mfa(result.claims, provider):
        amr = result.claims.get("amr")
        request.session[OIDC_MFA_SESSION_KEY] = {
            "provider": provider.code,
            "amr": amr if isinstance(amr, list) else [],
            "acr": str(result.claims.get("acr") or ""),
            "at": int(time.time()),
        }
        # Loket's two-step gate (loket.identity.mfa) counts the provider's second factor;
        # without it the staff member still meets Loket's own code step.
        mfa_verified_mark(request, method=MfaMethod.PROVIDER)
    return user
