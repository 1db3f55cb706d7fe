"""OpenID Connect sign-in (authorization code flow with PKCE), on Authlib's Django client.

Shared by the resident plugins (FAS/CSAM, itsme: `loket.identity.plugins`) and the staff
providers (`loket.identity.staff_oidc`). Authlib does the protocol: discovery, the
authorization URL with `state`, `nonce` and an S256 code challenge (all three kept in the
session, so a callback only succeeds in the browser that started it), the token request
with the code verifier, the ID token's signature against the provider's JWKS and its
claims (`iss`, `aud`, `exp`, `iat`, `nonce`, `azp`, `at_hash`). This module adds what
Authlib leaves to the application: the issuer of the discovery document must be the one
configured, the audience must be this client, the ID token must be there, userinfo
must name the same subject, and the caller's `next` page travels with the state.

After a sign-in the session remembers the provider and the ID token
(`OIDC_SESSION_KEY`), so that signing out can end the session at the provider too
(RP-initiated logout) when the provider offers an `end_session_endpoint`.
"""

from __future__ import annotations

import json
import logging
import secrets
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import requests
from authlib.integrations.base_client.errors import OAuthError
from authlib.integrations.django_client import DjangoOAuth2App, OAuth
from authlib.oauth2.rfc7523 import PrivateKeyJWT
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from joserfc import jwe, jwt
from joserfc.errors import JoseError
from joserfc.jwk import ECKey, RSAKey

logger = logging.getLogger(__name__)

# The provider and ID token of the current sign-in: {"provider": code, "kind": "resident"
# or "staff", "sub": ..., "id_token": ...}.
OIDC_SESSION_KEY = "loket_oidc_sign_in"
# Seconds to wait for the provider (discovery, JWKS, token, userinfo).
HTTP_TIMEOUT = 10
# Clock difference tolerated on exp/iat, in seconds.
LEEWAY = 60
# How long a signed request object is valid, in seconds.
REQUEST_OBJECT_SECONDS = 300
# Key-management and content algorithms accepted for an encrypted ID token.
ID_TOKEN_ENCRYPTION_ALGORITHMS = [
    "RSA-OAEP",
    "RSA-OAEP-256",
    "ECDH-ES",
    "ECDH-ES+A128KW",
    "ECDH-ES+A256KW",
    "A128GCM",
    "A256GCM",
    "A128CBC-HS256",
]
# The JWS algorithm of an EC key, by its curve.
_EC_ALGORITHMS = {"P-256": "ES256", "P-384": "ES384", "P-521": "ES512"}


def signing_algorithm(key: RSAKey | ECKey) -> str:
    """RS256 for an RSA key; ES256/384/512 for an EC key on P-256/384/521."""
    if isinstance(key, RSAKey):
        return "RS256"
    curve = str(key.as_dict().get("crv", ""))
    if curve not in _EC_ALGORITHMS:
        raise ValueError(f"unsupported curve {curve!r} for a client key")
    return _EC_ALGORITHMS[curve]


@dataclass(frozen=True)
class OidcProvider:
    """What Loket needs to know of one provider."""

    code: str
    issuer: str
    client_id: str
    client_secret: str = ""
    scopes: str = "openid"
    userinfo: bool = False
    # Space-separated assurance levels: asked for, and the ID token's `acr` must be one.
    acr_values: str = ""
    # How Loket proves itself at the token endpoint: the client secret (HTTP Basic or in
    # the form), or a JWT signed with the private key in `private_key_file` (RFC 7523).
    client_auth: str = "client_secret_basic"
    private_key_file: str = ""
    # Send the authorization request as a JWT signed with `private_key_file` (the
    # `request` parameter, OpenID Connect Core 6.1), as itsme requires.
    request_object: bool = False
    # The private key that decrypts encrypted ID tokens (JWE); when set, an ID token that
    # is not encrypted is refused.
    encryption_key_file: str = ""

    @property
    def discovery_url(self) -> str:
        return f"{self.issuer.rstrip('/')}/.well-known/openid-configuration"


class OidcRefused(Exception):
    """The provider's answer does not prove who someone is. `reason` is for the log,
    never for the visitor (who gets one plain message)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class OidcResult:
    """A verified sign-in: the ID token's claims (merged with userinfo when asked for),
    the raw ID token (for logout) and the data stored with the state at the start."""

    claims: dict[str, Any]
    id_token: str
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def subject(self) -> str:
        return str(self.claims["sub"])


class _OidcApp(DjangoOAuth2App):  # type: ignore[misc]
    """Authlib's client, which first decrypts an encrypted ID token when the provider
    sends them (the inner token is then checked as any signed one)."""

    decryption_key: RSAKey | ECKey | None = None

    def parse_id_token(self, token: dict[str, Any], nonce: str, **kwargs: Any) -> Any:
        if self.decryption_key is not None:
            # Replaced in place: the caller keeps the signed token (for the logout hint).
            token["id_token"] = id_token_decrypt(
                str(token.get("id_token") or ""), self.decryption_key
            )
        return super().parse_id_token(token, nonce, **kwargs)


class _OidcClients(OAuth):  # type: ignore[misc]
    oauth2_client_cls = _OidcApp


def id_token_decrypt(value: str, key: RSAKey | ECKey) -> str:
    """The signed ID token inside an encrypted one (JWE compact serialisation)."""
    if value.count(".") != 4:
        raise ValueError("the ID token is not encrypted")
    decrypted = jwe.decrypt_compact(value, key, algorithms=ID_TOKEN_ENCRYPTION_ALGORITHMS)
    if decrypted.plaintext is None:
        raise ValueError("the encrypted ID token is empty")
    return decrypted.plaintext.decode("ascii")


_apps: dict[OidcProvider, _OidcApp] = {}


@lru_cache(maxsize=16)
def client_private_key(path: str) -> RSAKey | ECKey:
    """The client's private key for `private_key_jwt`: a PEM file (RSA or EC) or a JWK
    (JSON). Its key id is the JWK's `kid`, else its RFC 7638 thumbprint."""
    text = Path(path).read_text()
    data: Any = json.loads(text) if text.lstrip().startswith("{") else text
    key: RSAKey | ECKey
    if isinstance(data, dict):
        key = (RSAKey if data.get("kty") == "RSA" else ECKey).import_key(data)
    else:
        try:
            key = RSAKey.import_key(data)
        except (JoseError, ValueError, TypeError):
            key = ECKey.import_key(data)
    if not key.kid:
        key = type(key).import_key(key.as_dict(private=True), {"kid": key.thumbprint()})
    return key


def _app(provider: OidcProvider) -> _OidcApp:
    """The Authlib client of `provider` (its discovery document and keys are cached)."""
    app = _apps.get(provider)
    if app is None:
        client_kwargs: dict[str, Any] = {
            "scope": provider.scopes,
            "code_challenge_method": "S256",
            "default_timeout": HTTP_TIMEOUT,
            "token_endpoint_auth_method": provider.client_auth,
        }
        secret: Any = provider.client_secret or None
        if provider.client_auth == "private_key_jwt":
            secret = client_private_key(provider.private_key_file)
            alg = signing_algorithm(secret)
            # The audience is the token endpoint the assertion is sent to.
            client_kwargs["token_endpoint_auth_method"] = PrivateKeyJWT(
                alg=alg, headers={"kid": secret.kid}
            )
        app = _OidcClients().register(
            name=f"loket_{provider.code}",
            client_id=provider.client_id,
            client_secret=secret,
            server_metadata_url=provider.discovery_url,
            client_kwargs=client_kwargs,
        )
        if provider.encryption_key_file:
            app.decryption_key = client_private_key(provider.encryption_key_file)
        _apps[provider] = app
    return app


def _metadata(provider: OidcProvider) -> dict[str, Any]:
    try:
        metadata: dict[str, Any] = _app(provider).load_server_metadata()
    except (requests.RequestException, ValueError) as error:
        _apps.pop(provider, None)
        raise OidcRefused(f"discovery failed: {error}") from error
    if str(metadata.get("issuer", "")).rstrip("/") != provider.issuer.rstrip("/"):
        _apps.pop(provider, None)
        raise OidcRefused("the discovery document names another issuer")
    return metadata


def oidc_begin(
    request: HttpRequest, provider: OidcProvider, *, redirect_uri: str, **extra: Any
) -> HttpResponse:
    """Redirect to the provider's authorization endpoint. `extra` (JSON values, such as
    the page to return to) is kept with the state and comes back in `OidcResult.extra`."""
    metadata = _metadata(provider)
    app = _app(provider)
    params = {"acr_values": provider.acr_values} if provider.acr_values else {}
    authorization = app.create_authorization_url(redirect_uri, **params)
    # Kept in the session under the state: the nonce, the PKCE verifier, the redirect URI.
    app.save_authorize_data(request, redirect_uri=redirect_uri, loket=extra, **authorization)
    url = str(authorization["url"])
    if provider.request_object:
        url = with_request_object(provider, issuer=str(metadata["issuer"]), url=url)
    return HttpResponseRedirect(url)


def with_request_object(provider: OidcProvider, *, issuer: str, url: str) -> str:
    """The authorization URL with its parameters also in a request object: a JWT signed
    with the client's private key, addressed to the provider, valid a few minutes and
    used once (`jti`). The parameters stay in the URL too (OpenID Connect Core 6.1)."""
    parts = urlsplit(url)
    params = dict(parse_qsl(parts.query))
    key = client_private_key(provider.private_key_file)
    now = int(time.time())
    claims = {
        **params,
        "iss": provider.client_id,
        "aud": issuer,
        "iat": now,
        "nbf": now,
        "exp": now + REQUEST_OBJECT_SECONDS,
        "jti": secrets.token_urlsafe(16),
    }
    alg = signing_algorithm(key)
    signed = jwt.encode({"alg": alg, "kid": key.kid, "typ": "oauth-authz-req+jwt"}, claims, key)
    return urlunsplit(parts._replace(query=urlencode({**params, "request": signed})))


def client_public_keys(provider: OidcProvider) -> dict[str, Any]:
    """The client's public keys as a JWKS (what the provider fetches to check the request
    objects and to encrypt the ID tokens): the signing key and the encryption key."""
    keys: list[dict[str, Any]] = []
    if provider.private_key_file:
        keys.append(
            {**client_private_key(provider.private_key_file).as_dict(private=False), "use": "sig"}
        )
    if provider.encryption_key_file:
        keys.append(
            {
                **client_private_key(provider.encryption_key_file).as_dict(private=False),
                "use": "enc",
            }
        )
    return {"keys": keys}


def oidc_complete(request: HttpRequest, provider: OidcProvider) -> OidcResult:
    """Check the provider's answer on the callback; raise `OidcRefused` unless it proves
    who signed in. The state is used up either way (a callback works once)."""
    app = _app(provider)
    state = request.GET.get("state", "")
    stored = app.framework.get_state_data(request.session, state) if state else None
    if not stored or "nonce" not in stored:
        # Missing, forged or replayed state (login CSRF); also a state of another provider.
        raise OidcRefused("unknown state")
    metadata = _metadata(provider)
    try:
        token = app.authorize_access_token(
            request,
            claims_options={
                "iss": {"essential": True, "value": metadata["issuer"]},
                "aud": {"essential": True, "value": provider.client_id},
                "exp": {"essential": True},
                "iat": {"essential": True},
                "sub": {"essential": True},
            },
            leeway=LEEWAY,
        )
    except (OAuthError, JoseError, requests.RequestException, ValueError, KeyError) as error:
        raise OidcRefused(f"{type(error).__name__}: {error}") from error
    finally:
        app.framework.clear_state_data(request.session, state)
    id_claims = token.get("userinfo")
    if not token.get("id_token") or not id_claims:
        raise OidcRefused("no ID token")
    claims = dict(id_claims)
    if provider.acr_values and str(claims.get("acr")) not in provider.acr_values.split():
        raise OidcRefused(f"assurance level {claims.get('acr')!r} is not one asked for")
    if provider.userinfo and metadata.get("userinfo_endpoint"):
        try:
            info = dict(app.userinfo(token=token))
        except (OAuthError, requests.RequestException, ValueError) as error:
            raise OidcRefused(f"userinfo failed: {error}") from error
        if info.get("sub") != claims["sub"]:
            raise OidcRefused("userinfo names another subject")
        claims = {**info, **claims}
    return OidcResult(
        claims=claims, id_token=str(token["id_token"]), extra=stored.get("loket") or {}
    )


def oidc_session_remember(
    request: HttpRequest, provider: OidcProvider, result: OidcResult, *, kind: str
) -> None:
    """Remember in the (new) session which provider signed this browser in."""
    request.session[OIDC_SESSION_KEY] = {
        "provider": provider.code,
        "kind": kind,
        "sub": result.subject,
        "id_token": result.id_token,
    }


def oidc_session_get(request: HttpRequest) -> dict[str, str] | None:
    data = request.session.get(OIDC_SESSION_KEY)
    return data if isinstance(data, dict) else None


def oidc_logout_url(
    provider: OidcProvider, *, id_token: str, post_logout_redirect_uri: str
) -> str | None:
    """The provider's end-session URL (RP-initiated logout), or None when the provider
    offers none or cannot be reached: the local sign-out has happened either way."""
    try:
        metadata = _metadata(provider)
    except OidcRefused as refusal:
        logger.warning("OIDC logout at %s skipped: %s", provider.code, refusal.reason)
        return None
    if not metadata.get("end_session_endpoint"):
        return None
    result = _app(provider).create_logout_url(
        post_logout_redirect_uri=post_logout_redirect_uri,
        id_token_hint=id_token,
        client_id=provider.client_id,
    )
    url: str = result["url"]
    return url
