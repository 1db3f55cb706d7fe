"""The federal eBox: a message with its attachments in the resident's eBox, found by their
national register number (docs/interop.md, "eBox").

Before publishing, the Restricted CitizenProfile service tells whether the resident
activated their eBox (accepted its terms). Not activated: a permanent failure, so the
notification moves to the resident's next channel at once. An unreachable service, a
refused token or a 5xx answer: a temporary failure, retried on this channel and moved to
the next one after `LOKET_NOTIFY_FAILURES_BEFORE_FALLBACK` failures, like every channel.

Three small clients, each at the edge of one service:

- `access_token()`: an OAuth2 client-credentials token from the social-security
  authorisation server, through Authlib (maintained, and it speaks `private_key_jwt`: the
  client proves itself with a JWT signed by the onboarding certificate's key), kept until
  a minute before it expires.
- `citizen_ebox_activated()`: the `getRestrictedCitizenProfiles` operation of the
  CitizenProfile SOAP service (contract 1.3.2), written and read as plain XML; signed
  with WS-Security (loket.core.wssecurity) when the client certificate and key are set.
- `EboxChannel.deliver()`: `POST /publishMessage` of the e-Box Message Registry REST API
  2.1, multipart: the JSON part `messageToPublish` (schema `MessageToPublish`) and one
  file part `upfile1…6` per attachment.
"""

from __future__ import annotations

import base64
import hashlib
import json
import threading
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import requests
from authlib.integrations.base_client import OAuthError
from authlib.integrations.requests_client import OAuth2Session
from authlib.oauth2.rfc6749 import OAuth2Token
from authlib.oauth2.rfc7523 import PrivateKeyJWT
from defusedxml import ElementTree
from django.conf import settings
from django.utils import timezone

from loket.core.wssecurity import envelope_sign
from loket.notify.channels.base import (
    CHANNELS,
    DeliveryChannel,
    DeliveryReceipt,
    OutgoingMessage,
    PermanentFailure,
    Recipient,
    TemporaryFailure,
)
from loket.tenancy.models import Municipality

# The eBox takes at most six files per message (parts upfile1 … upfile6).
MAX_ATTACHMENTS = 6
# The eBox shows a message in Dutch, French or German; an English one is filed under both
# national languages so that it shows whatever language the resident reads the eBox in.
EBOX_LANGUAGES = ("nl", "fr", "de")
CITIZEN_PROFILE_ACTION = "urn:be:smals:citizenprofile:getrestrictedcitizenprofile"
SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/"
PROFILE_NS = "http://socialsecurity.be/citizenprofile/v1"
PROFILE_CORE_NS = "http://socialsecurity.be/citizenprofile/core/v1"

_token_lock = threading.Lock()
_tokens: dict[tuple[str, str, str], OAuth2Token] = {}


def ebox_enabled() -> bool:
    return bool(settings.LOKET_EBOX_URL)


def _client_certificate() -> tuple[str, str] | None:
    cert, key = settings.LOKET_EBOX_CLIENT_CERT_FILE, settings.LOKET_EBOX_CLIENT_KEY_FILE
    return (str(cert), str(key)) if cert and key else None


def _token_key() -> tuple[str, str, str]:
    return (settings.LOKET_EBOX_TOKEN_URL, settings.LOKET_EBOX_CLIENT_ID, settings.LOKET_EBOX_SCOPE)


def access_token() -> str:
    """A valid access token: the cached one, or a new one from the token endpoint."""
    key = _token_key()
    with _token_lock:
        token = _tokens.get(key)
        if token is None or token.is_expired(leeway=60):
            token = _token_fetch()
            _tokens[key] = token
        return str(token["access_token"])


def access_token_forget() -> None:
    """Drop the cached token (the service refused it: the next attempt asks a new one)."""
    with _token_lock:
        _tokens.pop(_token_key(), None)


def _oauth_session() -> OAuth2Session:
    """A session that authenticates the client as configured: `private_key_jwt` (a JWT
    assertion signed with the onboarding certificate's key, for the audience of the
    authorisation server) or `client_secret_basic`."""
    if settings.LOKET_EBOX_CLIENT_AUTH == "private_key_jwt":
        key_file = settings.LOKET_EBOX_CLIENT_KEY_FILE
        try:
            key = Path(key_file).read_bytes() if key_file else b""
        except OSError as error:
            raise TemporaryFailure(f"eBox token: cannot read the key: {error}") from error
        audience = settings.LOKET_EBOX_TOKEN_AUDIENCE or settings.LOKET_EBOX_TOKEN_URL
        return OAuth2Session(
            client_id=settings.LOKET_EBOX_CLIENT_ID,
            client_secret=key,
            scope=settings.LOKET_EBOX_SCOPE,
            token_endpoint_auth_method=PrivateKeyJWT(token_endpoint=audience, alg="RS256"),
        )
    return OAuth2Session(
        client_id=settings.LOKET_EBOX_CLIENT_ID,
        client_secret=settings.LOKET_EBOX_CLIENT_SECRET,
        scope=settings.LOKET_EBOX_SCOPE,
        token_endpoint_auth_method="client_secret_basic",
    )


def _token_fetch() -> OAuth2Token:
    session = _oauth_session()
    certificate = _client_certificate()
    if certificate:
        session.cert = certificate
    try:
        with session:
            token = session.fetch_token(
                settings.LOKET_EBOX_TOKEN_URL,
                grant_type="client_credentials",
                timeout=settings.LOKET_EBOX_TIMEOUT,
            )
    except OAuthError as error:
        # A refused client is a configuration problem: fixed, the same message goes out.
        raise TemporaryFailure(f"eBox token refused: {error.error}") from error
    except (requests.RequestException, ValueError) as error:
        raise TemporaryFailure(f"eBox token: {type(error).__name__}: {error}") from error
    if not isinstance(token, OAuth2Token) or "access_token" not in token:
        raise TemporaryFailure("eBox token: the answer has no access_token")
    return token


# --- CitizenProfile -----------------------------------------------------------------------


def citizen_profile_request(national_number: str) -> bytes:
    """The SOAP 1.1 envelope of getRestrictedCitizenProfiles for one INSS."""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>'
        f'<soapenv:Envelope xmlns:soapenv="{SOAP_NS}">'
        f"<soapenv:Body>"
        f'<v1:GetRestrictedCitizenProfilesRequest xmlns:v1="{PROFILE_NS}"'
        f' xmlns:core="{PROFILE_CORE_NS}">'
        f"<core:INSS>{escape(national_number)}</core:INSS>"
        f"</v1:GetRestrictedCitizenProfilesRequest>"
        f"</soapenv:Body>"
        f"</soapenv:Envelope>"
    ).encode()


def citizen_ebox_activated(national_number: str) -> bool:
    """True when the resident accepted the terms of the citizen eBox (ConditionsAccepted);
    False when they did not or have no profile. TemporaryFailure when the service cannot
    say."""
    envelope = citizen_profile_request(national_number)
    cert, key = settings.LOKET_EBOX_CLIENT_CERT_FILE, settings.LOKET_EBOX_CLIENT_KEY_FILE
    if cert and key:
        envelope = envelope_sign(envelope, cert_file=cert, key_file=key, now=timezone.now())
    try:
        response = requests.post(
            settings.LOKET_EBOX_CITIZEN_PROFILE_URL,
            data=envelope,
            headers={
                "Content-Type": "text/xml; charset=utf-8",
                "SOAPAction": f'"{CITIZEN_PROFILE_ACTION}"',
            },
            timeout=settings.LOKET_EBOX_TIMEOUT,
            cert=_client_certificate(),
        )
    except requests.RequestException as error:
        raise TemporaryFailure(f"CitizenProfile: {type(error).__name__}: {error}") from error
    if response.status_code != 200:
        raise TemporaryFailure(
            f"CitizenProfile: HTTP {response.status_code}: {response.text[:300]}"
        )
    try:
        root = ElementTree.fromstring(response.content)
    except ElementTree.ParseError as error:
        raise TemporaryFailure(f"CitizenProfile: unreadable answer: {error}") from error
    profile = None
    for candidate in root.iter(f"{{{PROFILE_CORE_NS}}}CitizenProfile"):
        inss = candidate.findtext(f"{{{PROFILE_CORE_NS}}}INSS", "")
        if inss == national_number:
            profile = candidate
    if profile is None:
        if root.find(f".//{{{SOAP_NS}}}Fault") is not None:
            raise TemporaryFailure(f"CitizenProfile: SOAP fault: {response.text[:300]}")
        return False
    accepted = profile.findtext(
        f"{{{PROFILE_CORE_NS}}}Flags/{{{PROFILE_CORE_NS}}}ConditionsAccepted"
    )
    return (accepted or "").strip().lower() in ("true", "1")


# --- publishMessage -----------------------------------------------------------------------


def _translated(language: str, text: str) -> dict[str, str]:
    if language in EBOX_LANGUAGES:
        return {language: text}
    return {"nl": text, "fr": text}


def _digest(content: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(content).digest()).decode().rstrip("=")


def sender_organization_id(municipality_id: int) -> str:
    """The KBO number the municipality publishes under (its own, else the installation's)."""
    nis_code = (
        Municipality.objects.filter(pk=municipality_id).values_list("nis_code", flat=True).first()
    )
    return str(
        settings.LOKET_EBOX_SENDER_ORGANIZATION_IDS.get(nis_code or "")
        or settings.LOKET_EBOX_SENDER_ORGANIZATION_ID
    )


def message_to_publish(message: OutgoingMessage, sender: str) -> dict[str, Any]:
    """The `messageToPublish` part (MessageToPublish of the Message Registry API 2.1)."""
    return {
        "recipient": {"eboxType": "citizen", "eboxIdValue": message.address},
        "subject": _translated(message.language, message.subject[:200]),
        "messageTypeId": settings.LOKET_EBOX_MESSAGE_TYPE_ID,
        "senderOrganizationId": sender,
        "senderApplicationId": settings.LOKET_EBOX_SENDER_APPLICATION_ID,
        "bodyMainContent": True,
        "bodyContent": _translated(message.language, message.body),
        "attachments": [
            {
                "httpPartName": f"upfile{number}",
                "mainContent": False,
                "attachmentSigned": False,
                "attachmentTitle": _translated(message.language, attachment.filename),
                "digest": {"digestMethod": "sha_256", "digestValue": _digest(attachment.content)},
            }
            for number, attachment in enumerate(message.attachments, start=1)
        ],
        "replyAuthorized": False,
    }


def _failure(response: requests.Response) -> PermanentFailure | TemporaryFailure:
    detail = f"eBox HTTP {response.status_code}: {response.text[:300]}"
    if response.status_code == 401:
        access_token_forget()
        return TemporaryFailure(detail)
    if response.status_code in (408, 429) or response.status_code >= 500:
        return TemporaryFailure(detail)
    # 400 and other refusals: this message will never be accepted as it is.
    return PermanentFailure(detail)


@CHANNELS.register
class EboxChannel(DeliveryChannel):
    code = "ebox"

    @property
    def transactional(self) -> bool:
        return False

    def address_of(self, recipient: Recipient) -> str | None:
        if not ebox_enabled() or recipient.person is None:
            return None
        national_number = recipient.person.national_number
        return national_number if national_number and national_number.isdigit() else None

    def deliver(self, message: OutgoingMessage) -> DeliveryReceipt:
        if not ebox_enabled():
            raise PermanentFailure("The eBox channel is not configured (LOKET_EBOX_URL).")
        if len(message.attachments) > MAX_ATTACHMENTS:
            raise PermanentFailure(
                f"The eBox takes at most {MAX_ATTACHMENTS} files; this message has "
                f"{len(message.attachments)}."
            )
        if not citizen_ebox_activated(message.address):
            raise PermanentFailure("The resident has not activated their eBox (CitizenProfile).")
        description = message_to_publish(message, sender_organization_id(message.municipality_id))
        files: list[tuple[str, tuple[str | None, bytes, str]]] = [
            ("messageToPublish", (None, json.dumps(description).encode(), "application/json"))
        ]
        for number, attachment in enumerate(message.attachments, start=1):
            files.append(
                (
                    f"upfile{number}",
                    (attachment.filename, attachment.content, attachment.content_type),
                )
            )
        try:
            response = requests.post(
                f"{settings.LOKET_EBOX_URL.rstrip('/')}/publishMessage",
                files=files,
                headers={"Authorization": f"Bearer {access_token()}", "Accept": "application/json"},
                timeout=settings.LOKET_EBOX_TIMEOUT,
                cert=_client_certificate(),
            )
        except requests.RequestException as error:
            raise TemporaryFailure(f"eBox: {type(error).__name__}: {error}") from error
        if response.status_code not in (200, 201):
            raise _failure(response)
        try:
            answer = response.json()
        except ValueError:
            answer = {}
        reference = str(answer.get("messageId", "")) if isinstance(answer, dict) else ""
        return DeliveryReceipt(provider_reference=reference[:200], detail="eBox")
