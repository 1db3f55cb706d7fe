"""A real HTTP server standing in for the three federal services the eBox channel talks to.

- `POST /oauth/token`: OAuth2 client credentials; the client authenticates with a JWT
  assertion signed by its key (`private_key_jwt`, checked against its public key, issuer,
  subject, audience and expiry) or with HTTP Basic (`client_secret_basic`).
- `POST /citizenprofile`: the CitizenProfile SOAP service; the request body is validated
  against the published XML schema (CitizenProfile 1.3.2) and answered per national
  number: activated, not activated, no profile, or a SOAP fault (HTTP 500).
- `POST /ebox/publishMessage`: the multipart `messageToPublish` part is validated against
  `MessageToPublish` of the published e-Box REST contract 2.1 (Swagger), every attachment
  must come as the file part it names with the digest it declares; an invalid request is
  refused with 400 and a `StatusMessage`, as the service does.

The contracts are the copies in tests/fixtures/interop/ebox (see NOTICE).
"""

from __future__ import annotations

import base64
import email.parser
import email.policy
import hashlib
import json
import re
import threading
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import jsonschema
import yaml
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import RSAKey
from lxml import etree
from tests.wssecurity_keys import wssecurity_check

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "interop" / "ebox"
SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/"
CORE_NS = "http://socialsecurity.be/citizenprofile/core/v1"
CLIENT_ID = "loket-test-client"
CLIENT_SECRET = "s3cret"
AUDIENCE = "https://oauthacc.socialsecurity.example"
JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"


def message_to_publish_schema() -> dict[str, Any]:
    contract = yaml.safe_load(
        (FIXTURES / "e-Box-Enterprise-swagger-v2.1-AP-Public.yaml").read_text(encoding="utf-8")
    )
    definitions = contract["definitions"]
    schema = dict(definitions["MessageToPublish"])
    schema["definitions"] = definitions
    return schema


def citizen_profile_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(FIXTURES / "citizenprofile/v1/CitizenProfile_v1.xsd")))


@dataclass
class Publication:
    message: dict[str, Any]
    files: dict[str, tuple[str, str, bytes]]  # part name -> (filename, content type, bytes)
    authorization: str


@dataclass
class EboxServices:
    base_url: str = ""
    # national number -> "activated" | "not_activated" | "no_profile" | "error"
    profiles: dict[str, str] = field(default_factory=dict)
    publish_status: int | None = None  # force an answer (e.g. 503)
    token_lifetime: int = 3600
    token_requests: int = 0
    profile_requests: list[str] = field(default_factory=list)
    publications: list[Publication] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)
    issued_tokens: set[str] = field(default_factory=set)
    # private_key_jwt: the public key of the client's certificate, and the audience.
    public_key: bytes = b""
    audience: str = AUDIENCE
    assertions: list[dict[str, Any]] = field(default_factory=list)
    # WS-Security on CitizenProfile: the certificate (PEM) requests must be signed with,
    # and a man in the middle changing the INSS before the check.
    signing_cert: str = ""
    tamper: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)


def _status_message(code: str, message: str) -> dict[str, str]:
    return {"id": str(uuid.uuid4()), "code": code, "message": message}


def _profile_answer(inss: str, state: str) -> bytes:
    if state == "no_profile":
        inner = f"<c:INSS>{inss}</c:INSS><c:Status>ProfileNotFound</c:Status>"
    else:
        accepted = "true" if state == "activated" else "false"
        inner = (
            f"<c:INSS>{inss}</c:INSS><c:ContactInfo><c:LanguageCode>NL</c:LanguageCode>"
            f"</c:ContactInfo><c:Flags><c:ConditionsAccepted>{accepted}</c:ConditionsAccepted>"
            f"</c:Flags><c:LastValidationDate>2025-01-02T10:00:00Z</c:LastValidationDate>"
        )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="{SOAP_NS}"><s:Body>'
        f'<v1:GetRestrictedCitizenProfilesResponse xmlns:v1="http://socialsecurity.be/citizenprofile/v1"'
        f' xmlns:c="{CORE_NS}"><c:CitizenProfile>{inner}</c:CitizenProfile>'
        f"</v1:GetRestrictedCitizenProfilesResponse></s:Body></s:Envelope>"
    ).encode()


SOAP_FAULT = (
    f'<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="{SOAP_NS}"><s:Body><s:Fault>'
    "<faultcode>s:Server</faultcode><faultstring>SystemError</faultstring></s:Fault>"
    "</s:Body></s:Envelope>"
).encode()


def _multipart(content_type: str, body: bytes) -> dict[str, tuple[str | None, str, bytes]]:
    parser = email.parser.BytesParser(policy=email.policy.HTTP)
    message = parser.parsebytes(
        b"Content-Type: " + content_type.encode() + b"\r\nMIME-Version: 1.0\r\n\r\n" + body
    )
    if not message.is_multipart():
        raise ValueError("not a multipart request")
    parts: dict[str, tuple[str | None, str, bytes]] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        parts[str(name)] = (part.get_filename(), part.get_content_type(), payload or b"")
    return parts


def publication_problems(
    parts: dict[str, tuple[str | None, str, bytes]], validator: jsonschema.Draft4Validator
) -> tuple[list[str], dict[str, Any]]:
    """What is wrong with a publishMessage request (nothing: an empty list)."""
    if "messageToPublish" not in parts:
        return ["the part messageToPublish is missing"], {}
    try:
        message = json.loads(parts["messageToPublish"][2])
    except ValueError as error:
        return [f"messageToPublish is not JSON: {error}"], {}
    problems = [
        f"{'/'.join(str(p) for p in error.absolute_path) or '(root)'}: {error.message}"
        for error in validator.iter_errors(message)
    ]
    if problems:
        return problems, message
    named = set()
    for attachment in message.get("attachments", []):
        name = attachment["httpPartName"]
        named.add(name)
        if name not in parts:
            problems.append(f"attachment part {name} is missing")
            continue
        digest = attachment.get("digest")
        if digest:
            value = base64.urlsafe_b64encode(hashlib.sha256(parts[name][2]).digest())
            if digest["digestValue"] != value.decode().rstrip("="):
                problems.append(f"digest of {name} does not match")
    extra = set(parts) - named - {"messageToPublish"}
    if extra:
        problems.append(f"file parts no attachment names: {sorted(extra)}")
    if not message.get("bodyContent") and not any(
        a.get("mainContent") for a in message.get("attachments", [])
    ):
        problems.append("no main content")
    return problems, message


class _Server(ThreadingHTTPServer):
    state: EboxServices
    validator: jsonschema.Draft4Validator
    profile_schema: etree.XMLSchema


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def _answer(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, payload: dict[str, Any]) -> None:
        self._answer(status, json.dumps(payload).encode(), "application/json")

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.path == "/oauth/token":
            self._token(body)
        elif self.path == "/citizenprofile":
            self._profile(body)
        elif self.path == "/ebox/publishMessage":
            self._publish(body)
        else:
            self._json(404, _status_message("NOT_FOUND", self.path))

    def _client_authenticated(self, form: dict[str, list[str]]) -> bool:
        state = self.server.state
        if form.get("client_assertion_type") == [JWT_BEARER]:
            try:
                token = jwt.decode(
                    form.get("client_assertion", [""])[0], RSAKey.import_key(state.public_key)
                )
                jwt.JWTClaimsRegistry(exp={"essential": True}).validate(token.claims)
            except (JoseError, ValueError):
                return False
            claims = token.claims
            if claims.get("iss") != CLIENT_ID or claims.get("sub") != CLIENT_ID:
                return False
            if claims.get("aud") != state.audience:
                return False
            with state.lock:
                state.assertions.append(dict(claims))
            return True
        expected = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        return self.headers.get("Authorization") == f"Basic {expected}"

    def _token(self, body: bytes) -> None:
        form = parse_qs(body.decode())
        if not self._client_authenticated(form):
            self._json(401, {"error": "invalid_client"})
            return
        if form.get("grant_type") != ["client_credentials"]:
            self._json(400, {"error": "unsupported_grant_type"})
            return
        with self.server.state.lock:
            self.server.state.token_requests += 1
            token = f"token-{self.server.state.token_requests}"
            self.server.state.issued_tokens.add(token)
        self._json(
            200,
            {
                "access_token": token,
                "token_type": "Bearer",
                "expires_in": self.server.state.token_lifetime,
                "scope": form.get("scope", [""])[0],
            },
        )

    def _profile(self, body: bytes) -> None:
        if self.server.state.tamper:
            body = re.sub(rb"INSS>(\d+)<", rb"INSS>0\1<", body, count=1)
        try:
            if self.server.state.signing_cert:
                wssecurity_check(body, self.server.state.signing_cert)
            envelope = etree.fromstring(body)
            request = envelope.find(f"{{{SOAP_NS}}}Body")[0]
            self.server.profile_schema.assertValid(request)
        except (
            etree.XMLSyntaxError,
            etree.DocumentInvalid,
            TypeError,
            IndexError,
            ValueError,
        ) as error:
            with self.server.state.lock:
                self.server.state.refusals.append(f"citizenprofile: {error}")
            self._answer(500, SOAP_FAULT, "text/xml")
            return
        if self.headers.get("SOAPAction", "").strip('"') != (
            "urn:be:smals:citizenprofile:getrestrictedcitizenprofile"
        ):
            self._answer(500, SOAP_FAULT, "text/xml")
            return
        inss = request.findtext(f"{{{CORE_NS}}}INSS")
        with self.server.state.lock:
            self.server.state.profile_requests.append(inss)
        profile = self.server.state.profiles.get(inss, "no_profile")
        if profile == "error":
            self._answer(500, SOAP_FAULT, "text/xml")
            return
        self._answer(200, _profile_answer(inss, profile), "text/xml")

    def _publish(self, body: bytes) -> None:
        authorization = self.headers.get("Authorization", "")
        if authorization.removeprefix("Bearer ") not in self.server.state.issued_tokens:
            self._json(401, _status_message("UNAUTHORIZED", "invalid token"))
            return
        try:
            parts = _multipart(self.headers.get("Content-Type", ""), body)
        except ValueError as error:
            self._json(400, _status_message("INVALID_REQUEST", str(error)))
            return
        problems, message = publication_problems(parts, self.server.validator)
        if problems:
            with self.server.state.lock:
                self.server.state.refusals.extend(problems)
            self._json(400, _status_message("INVALID_MESSAGE", "; ".join(problems)))
            return
        if self.server.state.publish_status is not None:
            self._json(
                self.server.state.publish_status, _status_message("UNAVAILABLE", "try later")
            )
            return
        files = {
            name: (filename or "", content_type, content)
            for name, (filename, content_type, content) in parts.items()
            if name != "messageToPublish"
        }
        with self.server.state.lock:
            self.server.state.publications.append(Publication(message, files, authorization))
            number = len(self.server.state.publications)
        self._json(
            201,
            {"messageId": f"ebox-msg-{number}", "expirationDate": "2026-12-31T00:00:00+01:00"},
        )

    def log_message(self, format: str, *args: Any) -> None:
        return


def start(state: EboxServices) -> ThreadingHTTPServer:
    server = _Server(("127.0.0.1", 0), _Handler)
    server.state = state
    server.validator = jsonschema.Draft4Validator(message_to_publish_schema())
    server.profile_schema = citizen_profile_schema()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    state.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    return server
