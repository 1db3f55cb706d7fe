"""A real OpenID Connect provider for the sign-in tests, built on Authlib's server side.

It runs as an HTTP server on the loopback address in a thread and serves discovery, the
JWKS, the authorization endpoint (which signs in whoever the test chose, without a
page), the token endpoint (authorization code with PKCE, client secret), userinfo and
RP-initiated logout. Its `controls` make it misbehave the ways a provider or an attacker
can: an expired ID token, one signed with a key that is not in the JWKS, a wrong nonce,
audience or issuer, a tampered state, or an error instead of a code.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from authlib.integrations.flask_oauth2 import AuthorizationServer
from authlib.oauth2.rfc6749 import grants
from authlib.oauth2.rfc6749.errors import OAuth2Error
from authlib.oauth2.rfc7523 import JWTBearerClientAssertion
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import UserInfo
from authlib.oidc.core.grants import OpenIDCode
from authlib.oidc.rpinitiated import EndSessionEndpoint
from flask import Flask, jsonify, redirect, request
from joserfc import jwe, jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet, RSAKey
from werkzeug.serving import make_server


@dataclass
class Controls:
    """How the next sign-in goes wrong (all off: a correct provider)."""

    expired: bool = False
    wrong_key: bool = False
    wrong_nonce: bool = False
    wrong_audience: bool = False
    wrong_issuer: bool = False
    wrong_state: bool = False
    error: str = ""
    # A signed but unencrypted ID token to a client that expects encrypted ones.
    plain_id_token: bool = False
    # Claims that only userinfo tells, not the ID token.
    userinfo_only: frozenset[str] = frozenset()


@dataclass
class Client:
    client_id: str
    client_secret: str
    redirect_uris: list[str]
    post_logout_redirect_uris: list[str]
    # private_key_jwt: the client's public key (the client secret is then not accepted).
    public_key: Any = None
    # As itsme: the authorization request must come as a request object signed with
    # `public_key`'s private half, and the ID token is encrypted with `encryption_key`.
    require_request_object: bool = False
    encryption_key: Any = None

    @property
    def client_metadata(self) -> dict[str, Any]:
        return {"post_logout_redirect_uris": self.post_logout_redirect_uris}

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> str:
        return self.redirect_uris[0]

    def get_allowed_scope(self, scope: str) -> str:
        return scope

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri in self.redirect_uris

    def check_client_secret(self, client_secret: str) -> bool:
        return secrets.compare_digest(client_secret, self.client_secret)

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        if self.public_key is not None:
            return method == "private_key_jwt"
        return method in {"client_secret_basic", "client_secret_post"}

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type == "authorization_code"


@dataclass
class User:
    sub: str
    claims: dict[str, Any]


@dataclass
class AuthorizationCode:
    code: str
    client_id: str
    redirect_uri: str
    scope: str
    nonce: str | None
    user: User
    code_challenge: str | None
    code_challenge_method: str | None
    auth_time: int = field(default_factory=lambda: int(time.time()))

    def get_redirect_uri(self) -> str:
        return self.redirect_uri

    def get_scope(self) -> str:
        return self.scope

    def get_nonce(self) -> str | None:
        return self.nonce

    def get_auth_time(self) -> int:
        return self.auth_time

    def get_acr(self) -> str | None:
        acr = self.user.claims.get("acr")
        return str(acr) if acr else None

    def get_amr(self) -> list[str] | None:
        amr = self.user.claims.get("amr")
        return list(amr) if amr else None


class OidcTestProvider:
    """One provider at `issuer` (http://127.0.0.1:<port>)."""

    def __init__(self) -> None:
        self.key = RSAKey.generate_key(2048, parameters={"kid": "provider-key", "use": "sig"})
        # Same kid, other key: a forged token that claims to be signed with the real key.
        self.forged_key = RSAKey.generate_key(
            2048, parameters={"kid": "provider-key", "use": "sig"}
        )
        self.clients: dict[str, Client] = {}
        self.codes: dict[str, AuthorizationCode] = {}
        self.access_tokens: dict[str, User] = {}
        self.controls = Controls()
        self.user: User | None = None
        self.authorize_requests: list[dict[str, str]] = []
        self.request_objects: list[dict[str, Any]] = []
        self.id_tokens_sent: list[str] = []
        self.token_requests: list[dict[str, str]] = []
        self.end_session_requests: list[dict[str, str]] = []
        self.offer_end_session = True
        self.app = self._build_app()
        logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request
        self._server = make_server("127.0.0.1", 0, self.app, threaded=True)
        self.issuer = f"http://127.0.0.1:{self._server.server_port}"
        self.client_assertions: list[dict[str, Any]] = []
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    # --- test controls -----------------------------------------------------------------

    def client_add(
        self,
        client_id: str,
        client_secret: str,
        *,
        redirect_uris: list[str],
        post_logout_redirect_uris: list[str] | None = None,
        public_key: Any = None,
        require_request_object: bool = False,
        encryption_key: Any = None,
    ) -> None:
        self.clients[client_id] = Client(
            client_id,
            client_secret,
            redirect_uris,
            post_logout_redirect_uris or [],
            public_key,
            require_request_object,
            encryption_key,
        )

    def sign_in_as(self, sub: str, **claims: Any) -> None:
        """Whoever opens the authorization endpoint next is this user."""
        self.user = User(sub=sub, claims=claims)

    def reset(self) -> None:
        self.controls = Controls()
        self.user = None
        self.offer_end_session = True
        self.authorize_requests.clear()
        self.request_objects.clear()
        self.id_tokens_sent.clear()
        self.token_requests.clear()
        self.end_session_requests.clear()
        self.client_assertions.clear()

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._thread.join(timeout=5)

    # --- the provider ------------------------------------------------------------------

    def _request_object_refusal(self, client: Client, args: dict[str, str]) -> str:
        """Why the authorization request's request object is not acceptable ("" if it is):
        signed by the client's key, for this provider, not expired, naming the same
        parameters as the URL."""
        value = args.get("request", "")
        if not value:
            return "no request object"
        try:
            token = jwt.decode(value, client.public_key, algorithms=["RS256", "ES256"])
        except JoseError as error:
            return f"signature: {error}"
        claims = dict(token.claims)
        now = time.time()
        if claims.get("iss") != client.client_id or claims.get("aud") != self.issuer:
            return "issuer or audience"
        if not float(claims.get("exp", 0)) > now >= float(claims.get("nbf", 0)) - 60:
            return "expired"
        for name in ("response_type", "client_id", "redirect_uri", "scope", "state", "nonce",
                     "code_challenge", "code_challenge_method"):  # fmt: skip
            if claims.get(name) != args.get(name):
                return f"{name} differs"
        self.request_objects.append(claims)
        return ""

    def _signing_key(self) -> RSAKey:
        return self.forged_key if self.controls.wrong_key else self.key

    def _build_app(self) -> Flask:  # noqa: C901 - one closure per endpoint
        app = Flask("oidc-test-provider")
        provider = self

        class CodeGrant(grants.AuthorizationCodeGrant):
            TOKEN_ENDPOINT_AUTH_METHODS = [
                "client_secret_basic",
                "client_secret_post",
                "private_key_jwt",
            ]

            def save_authorization_code(self, code: str, request: Any) -> None:
                data = request.payload.data
                assert provider.user is not None, "call sign_in_as() first"
                provider.codes[code] = AuthorizationCode(
                    code=code,
                    client_id=request.client.get_client_id(),
                    redirect_uri=request.payload.redirect_uri,
                    scope=request.payload.scope,
                    nonce=data.get("nonce"),
                    user=provider.user,
                    code_challenge=data.get("code_challenge"),
                    code_challenge_method=data.get("code_challenge_method"),
                )

            def query_authorization_code(self, code: str, client: Client) -> Any:
                found = provider.codes.get(code)
                if found is not None and found.client_id == client.get_client_id():
                    return found
                return None

            def delete_authorization_code(self, authorization_code: AuthorizationCode) -> None:
                provider.codes.pop(authorization_code.code, None)

            def authenticate_user(self, authorization_code: AuthorizationCode) -> User:
                return authorization_code.user

        class IdToken(OpenIDCode):
            def exists_nonce(self, nonce: str, request: Any) -> bool:
                return False

            def resolve_client_private_key(self, client: Client) -> Any:
                return provider._signing_key()

            def get_client_algorithm(self, client: Client) -> str:
                return "RS256"

            def get_encode_header(self, client: Client) -> dict[str, str]:
                return {"alg": "RS256", "kid": "provider-key"}

            def get_client_claims(self, client: Client) -> dict[str, Any]:
                now = int(time.time())
                controls = provider.controls
                claims: dict[str, Any] = {
                    "iss": "http://evil.example" if controls.wrong_issuer else provider.issuer,
                    "aud": ["someone-else"] if controls.wrong_audience else [client.client_id],
                    "iat": now - 7200 if controls.expired else now,
                    "exp": now - 3600 if controls.expired else now + 300,
                }
                if controls.wrong_audience:
                    # Issued to someone else, merely "authorised" for this client.
                    claims["azp"] = client.client_id
                return claims

            def encode_id_token(self, token: dict[str, Any], request: Any) -> str:
                signed: str = super().encode_id_token(token, request)
                client = request.client
                if client.encryption_key is not None and not provider.controls.plain_id_token:
                    header = {"alg": "RSA-OAEP-256", "enc": "A256GCM", "cty": "JWT"}
                    signed = jwe.encrypt_compact(
                        header,
                        signed,
                        client.encryption_key,
                        algorithms=["RSA-OAEP-256", "A256GCM"],
                    )
                provider.id_tokens_sent.append(signed)
                return signed

            def get_authorization_code_claims(self, authorization_code: Any) -> dict[str, Any]:
                claims: dict[str, Any] = super().get_authorization_code_claims(authorization_code)
                if provider.controls.wrong_nonce:
                    claims["nonce"] = "not-the-nonce-that-was-sent"
                return claims

            def generate_user_info(self, user: User, scope: str) -> UserInfo:
                left_out = {"acr", "amr", *provider.controls.userinfo_only}
                claims = {k: v for k, v in user.claims.items() if k not in left_out}
                return UserInfo(sub=user.sub, **claims)

        def save_token(token: dict[str, Any], request: Any) -> None:
            provider.access_tokens[token["access_token"]] = request.user

        def query_client(client_id: str) -> Client | None:
            return provider.clients.get(client_id)

        server = AuthorizationServer(app, query_client=query_client, save_token=save_token)

        class PrivateKeyAssertion(JWTBearerClientAssertion):
            """RFC 7523 client authentication (private_key_jwt)."""

            CLIENT_AUTH_METHOD = "private_key_jwt"

            def get_audiences(self) -> list[str]:
                return [f"{provider.issuer}/token"]

            def validate_jti(self, claims: Any, jti: str) -> bool:
                used = any(seen.get("jti") == jti for seen in provider.client_assertions)
                provider.client_assertions.append(dict(claims))
                return not used

            def resolve_client_public_key(self, client: Client) -> Any:
                return client.public_key

        server.register_client_auth_method(
            PrivateKeyAssertion.CLIENT_AUTH_METHOD, PrivateKeyAssertion()
        )
        server.register_grant(CodeGrant, [CodeChallenge(required=True), IdToken()])

        class EndSession(EndSessionEndpoint):
            def get_server_jwks(self) -> KeySet:
                return KeySet([provider.key])

            def end_session(self, end_session_request: Any) -> None:
                pass

        server.register_endpoint(EndSession())

        @app.get("/.well-known/openid-configuration")
        def discovery() -> Any:
            document = {
                "issuer": provider.issuer,
                "authorization_endpoint": f"{provider.issuer}/authorize",
                "token_endpoint": f"{provider.issuer}/token",
                "userinfo_endpoint": f"{provider.issuer}/userinfo",
                "jwks_uri": f"{provider.issuer}/jwks",
                "response_types_supported": ["code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "code_challenge_methods_supported": ["S256"],
                "token_endpoint_auth_methods_supported": [
                    "client_secret_basic",
                    "client_secret_post",
                    "private_key_jwt",
                ],
            }
            if provider.offer_end_session:
                document["end_session_endpoint"] = f"{provider.issuer}/logout"
            return jsonify(document)

        @app.get("/jwks")
        def jwks() -> Any:
            return jsonify(KeySet([provider.key]).as_dict(private=False))

        @app.get("/authorize")
        def authorize() -> Any:
            provider.authorize_requests.append(dict(request.args))
            client = provider.clients.get(request.args.get("client_id", ""))
            if client is not None and client.require_request_object:
                refusal = provider._request_object_refusal(client, dict(request.args))
                if refusal:
                    target = request.args["redirect_uri"]
                    state = request.args.get("state", "")
                    return redirect(f"{target}?error=invalid_request_object&state={state}")
            controls = provider.controls
            if controls.error:
                target = request.args["redirect_uri"]
                state = request.args.get("state", "")
                return redirect(f"{target}?error={controls.error}&state={state}")
            try:
                grant = server.get_consent_grant(end_user=provider.user)
            except OAuth2Error as error:
                return server.handle_error_response(None, error)
            response = server.create_authorization_response(grant_user=provider.user, grant=grant)
            if controls.wrong_state:
                location = response.headers["Location"]
                state = request.args["state"]
                response.headers["Location"] = location.replace(state, "forged-state")
            return response

        @app.post("/token")
        def token() -> Any:
            provider.token_requests.append(dict(request.form))
            return server.create_token_response()

        @app.get("/userinfo")
        def userinfo() -> Any:
            header = request.headers.get("Authorization", "")
            user = provider.access_tokens.get(header.removeprefix("Bearer "))
            if user is None:
                return jsonify({"error": "invalid_token"}), 401
            return jsonify({"sub": user.sub, **user.claims})

        @app.route("/logout", methods=["GET", "POST"])
        def logout() -> Any:
            provider.end_session_requests.append(dict(request.values))
            try:
                response = server.create_endpoint_response("end_session")
            except OAuth2Error as error:
                return server.handle_error_response(None, error)
            return response or "signed out"

        return app
