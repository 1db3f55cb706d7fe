"""Signing out at the identity provider too (OpenID Connect RP-initiated logout)."""

from __future__ import annotations

from django.http import HttpRequest

from loket.config.links import absolute_url
from loket.identity.oidc import OidcProvider, oidc_logout_url, oidc_session_get
from loket.identity.plugins import OidcResidentLogin, resident_login_plugin
from loket.identity.staff_oidc import staff_oidc_providers


def _provider_of(kind: str, code: str) -> OidcProvider | None:
    if kind == "resident":
        plugin = resident_login_plugin(code)
        return plugin.provider if isinstance(plugin, OidcResidentLogin) else None
    for provider in staff_oidc_providers():
        if provider.oidc.code == code:
            return provider.oidc
    return None


def oidc_end_session_url(request: HttpRequest, *, after: str) -> str | None:
    """Call before the local sign-out: the provider's end-session URL for the provider
    that signed this session in (with the ID token as hint and `after`, a path of this
    site, to come back to), or None when there is none to visit."""
    data = oidc_session_get(request)
    if not data:
        return None
    provider = _provider_of(str(data.get("kind", "")), str(data.get("provider", "")))
    if provider is None:
        return None
    return oidc_logout_url(
        provider,
        id_token=str(data.get("id_token", "")),
        post_logout_redirect_uri=absolute_url(after),
    )
