"""The eBox channel against a real local server standing in for the token endpoint, the
CitizenProfile service and publishMessage (tests/notify/ebox_stub.py), which validates
every request against the published contracts."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.utils import timezone
from tests.factories import PersonFactory
from tests.notify import ebox_stub
from tests.notify.conftest import refreshed

from loket.notify.channels import ebox
from loket.notify.channels.base import AttachmentFile
from loket.notify.delivery import notification_deliver
from loket.notify.models import InboxMessage, Notification
from loket.notify.resident_timeline import MessagesTimeline
from loket.notify.services import notification_send
from loket.people.forms import ContactPreferencesForm

APPOINTMENT = {
    "service_name": "Rijbewijs",
    "appointment_at": "2025-03-14T10:30:00+01:00",
    "location": "Markt 1",
    "manage_url": "https://loket.test/a/",
}
PDF = b"%PDF-1.7\n\xe2\xe3\xcf\xd3 decision \x00\xff\n%%EOF\n"


@pytest.fixture(scope="module")
def client_key() -> tuple[bytes, bytes]:
    """The key pair of the client's certificate (private and public, PEM)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return private, public


@pytest.fixture
def ebox_services(
    settings: Any, tmp_path: Any, client_key: tuple[bytes, bytes]
) -> Iterator[ebox_stub.EboxServices]:
    state = ebox_stub.EboxServices(public_key=client_key[1])
    server = ebox_stub.start(state)
    key_file = tmp_path / "client-key.pem"
    key_file.write_bytes(client_key[0])
    settings.LOKET_EBOX_CLIENT_AUTH = "private_key_jwt"
    settings.LOKET_EBOX_CLIENT_KEY_FILE = key_file
    settings.LOKET_EBOX_CLIENT_CERT_FILE = None
    settings.LOKET_EBOX_TOKEN_AUDIENCE = ebox_stub.AUDIENCE
    settings.LOKET_EBOX_URL = f"{state.base_url}/ebox"
    settings.LOKET_EBOX_TOKEN_URL = f"{state.base_url}/oauth/token"
    settings.LOKET_EBOX_CITIZEN_PROFILE_URL = f"{state.base_url}/citizenprofile"
    settings.LOKET_EBOX_CLIENT_ID = ebox_stub.CLIENT_ID
    settings.LOKET_EBOX_CLIENT_SECRET = ebox_stub.CLIENT_SECRET
    settings.LOKET_EBOX_SENDER_ORGANIZATION_ID = "0207500123"
    settings.LOKET_EBOX_SENDER_ORGANIZATION_IDS = {}
    settings.LOKET_EBOX_SENDER_APPLICATION_ID = "loket:notifications"
    settings.LOKET_EBOX_MESSAGE_TYPE_ID = "LOKET-INFO"
    settings.LOKET_EBOX_TIMEOUT = 5.0
    ebox.access_token_forget()
    yield state
    ebox.access_token_forget()
    server.shutdown()
    server.server_close()


def _resident(municipality, state: ebox_stub.EboxServices, profile: str, language: str = "nl"):
    person = PersonFactory(
        municipality=municipality,
        preferred_language=language,
        preferred_channels=["ebox", "portal"],
    )
    state.profiles[person.national_number] = profile
    return person


def _send(person, municipality, key="a-1", attachments=()):
    return notification_send(
        recipient=person,
        event="appointment.confirmed",
        context=APPOINTMENT,
        municipality=municipality,
        idempotency_key=key,
        attachments=list(attachments),
    )


def _outcomes(notification: Notification) -> list[tuple[str, str]]:
    return [
        (attempt.channel, attempt.outcome) for attempt in refreshed(notification).attempts.all()
    ]


def _due_again(notification: Notification) -> None:
    Notification.objects.filter(pk=notification.pk).update(
        next_attempt_at=timezone.now() - dt.timedelta(seconds=5)
    )


@pytest.mark.django_db
def test_an_activated_ebox_receives_the_message_with_its_attachments(ebox_services, municipality):
    person = _resident(municipality, ebox_services, "activated", language="fr")
    notification = _send(
        person,
        municipality,
        attachments=[
            AttachmentFile("decision.pdf", "application/pdf", PDF),
            AttachmentFile("rendez-vous.ics", "text/calendar", b"BEGIN:VCALENDAR\r\n"),
        ],
    )

    assert notification_deliver(notification_id=notification.pk) is None

    assert ebox_services.refusals == []
    assert ebox_services.profile_requests == [person.national_number]
    [publication] = ebox_services.publications
    message = publication.message
    assert message["recipient"] == {"eboxType": "citizen", "eboxIdValue": person.national_number}
    assert message["senderOrganizationId"] == "0207500123"
    assert message["senderApplicationId"] == "loket:notifications"
    assert message["messageTypeId"] == "LOKET-INFO"
    assert list(message["subject"]) == ["fr"]
    assert "Rijbewijs" in message["bodyContent"]["fr"]
    assert message["bodyMainContent"] is True
    assert [a["httpPartName"] for a in message["attachments"]] == ["upfile1", "upfile2"]
    assert publication.files["upfile1"] == ("decision.pdf", "application/pdf", PDF)
    assert publication.files["upfile2"][0] == "rendez-vous.ics"
    assert publication.authorization == "Bearer token-1"
    stored = refreshed(notification)
    assert stored.status == "delivered"
    assert stored.channel == "ebox"
    assert [(a.channel, a.outcome, a.provider_reference) for a in stored.attempts.all()] == [
        ("ebox", "delivered", "ebox-msg-1")
    ]
    assert not InboxMessage.objects.filter(notification=notification).exists()
    assert MessagesTimeline.channel_of(stored.channel) == "ebox"  # the resident's timeline


@pytest.mark.django_db
def test_the_client_proves_itself_with_a_jwt_signed_by_its_key(ebox_services, municipality):
    notification_deliver(
        notification_id=_send(_resident(municipality, ebox_services, "activated"), municipality).pk
    )

    [claims] = ebox_services.assertions
    assert claims["iss"] == claims["sub"] == ebox_stub.CLIENT_ID
    assert claims["aud"] == ebox_stub.AUDIENCE
    assert {"exp", "iat", "jti"} <= set(claims)
    assert len(ebox_services.publications) == 1


@pytest.mark.django_db
def test_a_client_with_another_key_gets_no_token_and_the_next_channel_is_used(
    ebox_services, municipality, settings
):
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    settings.LOKET_EBOX_CLIENT_KEY_FILE.write_bytes(
        other.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    settings.LOKET_NOTIFY_FAILURES_BEFORE_FALLBACK = 1
    notification = _send(_resident(municipality, ebox_services, "activated"), municipality)

    notification_deliver(notification_id=notification.pk)

    assert ebox_services.token_requests == 0
    assert _outcomes(notification) == [("ebox", "temporary_failure"), ("portal", "delivered")]
    assert "token refused: invalid_client" in refreshed(notification).attempts.first().detail


@pytest.mark.django_db
def test_a_client_secret_works_too(ebox_services, municipality, settings):
    settings.LOKET_EBOX_CLIENT_AUTH = "client_secret_basic"
    notification_deliver(
        notification_id=_send(_resident(municipality, ebox_services, "activated"), municipality).pk
    )

    assert ebox_services.assertions == []
    assert ebox_services.token_requests == 1
    assert len(ebox_services.publications) == 1


@pytest.mark.django_db
def test_the_token_is_kept_until_it_expires(ebox_services, municipality):
    first = _resident(municipality, ebox_services, "activated")
    second = _resident(municipality, ebox_services, "activated")
    notification_deliver(notification_id=_send(first, municipality).pk)
    notification_deliver(notification_id=_send(second, municipality).pk)

    assert ebox_services.token_requests == 1

    # A token that expires within the minute of leeway is renewed before it is used.
    ebox.access_token_forget()
    ebox_services.token_lifetime = 30
    third = _resident(municipality, ebox_services, "activated")
    fourth = _resident(municipality, ebox_services, "activated")
    notification_deliver(notification_id=_send(third, municipality).pk)
    notification_deliver(notification_id=_send(fourth, municipality).pk)

    assert ebox_services.token_requests == 3
    assert [p.authorization for p in ebox_services.publications] == [
        "Bearer token-1",
        "Bearer token-1",
        "Bearer token-2",
        "Bearer token-3",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("profile", ["not_activated", "no_profile"])
def test_a_resident_without_an_activated_ebox_gets_the_next_channel(
    ebox_services, municipality, profile
):
    person = _resident(municipality, ebox_services, profile)
    notification = _send(person, municipality)

    assert notification_deliver(notification_id=notification.pk) is None

    assert ebox_services.publications == []
    assert ebox_services.profile_requests == [person.national_number]
    stored = refreshed(notification)
    assert stored.status == "delivered"
    assert stored.channel == "portal"
    assert stored.channels_given_up == ["ebox"]
    assert _outcomes(notification) == [("ebox", "permanent_failure"), ("portal", "delivered")]
    assert "not activated" in stored.attempts.first().detail
    assert InboxMessage.objects.filter(notification=notification, person=person).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("broken", ["citizen_profile", "publish"])
def test_errors_are_retried_then_the_next_channel_is_used(
    ebox_services, municipality, settings, broken
):
    person = _resident(municipality, ebox_services, "activated")
    if broken == "citizen_profile":
        ebox_services.profiles[person.national_number] = "error"
    else:
        ebox_services.publish_status = 503
    notification = _send(person, municipality)

    for attempt in range(1, settings.LOKET_NOTIFY_FAILURES_BEFORE_FALLBACK):
        notification_deliver(notification_id=notification.pk)
        stored = refreshed(notification)
        assert (stored.status, stored.channel, stored.temporary_failures) == (
            "queued",
            "ebox",
            attempt,
        )
        _due_again(notification)
    notification_deliver(notification_id=notification.pk)

    failures = settings.LOKET_NOTIFY_FAILURES_BEFORE_FALLBACK
    assert _outcomes(notification) == [("ebox", "temporary_failure")] * failures + [
        ("portal", "delivered")
    ]
    stored = refreshed(notification)
    assert (stored.status, stored.channel, stored.channels_given_up) == (
        "delivered",
        "portal",
        ["ebox"],
    )
    assert ebox_services.publications == []
    detail = stored.attempts.first().detail
    assert (
        ("SOAP fault" in detail or "HTTP 500" in detail)
        if broken == "citizen_profile"
        else ("HTTP 503" in detail)
    )


@pytest.mark.django_db
def test_a_request_the_service_refuses_moves_on_at_once(ebox_services, municipality, settings):
    # A sender organisation that is not a KBO number breaks the contract's pattern.
    settings.LOKET_EBOX_SENDER_ORGANIZATION_ID = "BE-12345"
    person = _resident(municipality, ebox_services, "activated")
    notification = _send(person, municipality)

    notification_deliver(notification_id=notification.pk)

    assert any("senderOrganizationId" in refusal for refusal in ebox_services.refusals)
    assert _outcomes(notification) == [("ebox", "permanent_failure"), ("portal", "delivered")]
    assert "HTTP 400" in refreshed(notification).attempts.first().detail


@pytest.mark.django_db
def test_a_municipality_publishes_under_its_own_enterprise_number(
    ebox_services, municipality, settings
):
    settings.LOKET_EBOX_SENDER_ORGANIZATION_IDS = {municipality.nis_code: "0207451227"}
    person = _resident(municipality, ebox_services, "activated")

    notification_deliver(notification_id=_send(person, municipality).pk)

    assert ebox_services.publications[0].message["senderOrganizationId"] == "0207451227"


@pytest.mark.django_db
def test_too_many_attachments_go_to_the_next_channel(ebox_services, municipality):
    person = _resident(municipality, ebox_services, "activated")
    files = [AttachmentFile(f"f{n}.pdf", "application/pdf", PDF) for n in range(7)]
    notification = _send(person, municipality, attachments=files)

    notification_deliver(notification_id=notification.pk)

    assert ebox_services.profile_requests == []
    assert _outcomes(notification) == [("ebox", "permanent_failure"), ("portal", "delivered")]


@pytest.mark.django_db
def test_without_configuration_the_ebox_is_neither_used_nor_offered(settings, municipality):
    settings.LOKET_EBOX_URL = ""
    person = PersonFactory(municipality=municipality, preferred_channels=["ebox", "portal"])
    notification = _send(person, municipality)

    notification_deliver(notification_id=notification.pk)

    assert _outcomes(notification) == [("portal", "delivered")]
    assert "channel_ebox" not in ContactPreferencesForm().fields
    settings.LOKET_EBOX_URL = "https://ebox.test/ebox"
    assert "channel_ebox" in ContactPreferencesForm().fields


# --- the stand-in itself refuses what the contract does not allow ------------------------


def _valid_message() -> dict[str, Any]:
    return {
        "recipient": {"eboxType": "citizen", "eboxIdValue": "71022722580"},
        "subject": {"nl": "Test"},
        "senderOrganizationId": "0207500123",
        "bodyMainContent": True,
        "bodyContent": {"nl": "Hallo"},
        "replyAuthorized": False,
    }


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda m: m.pop("recipient"), "'recipient' is a required property"),
        (lambda m: m["recipient"].update(eboxType="person"), "is not one of"),
        (lambda m: m.update(senderOrganizationId="12345"), "does not match"),
        (lambda m: m.update(replyAuthorized="no"), "is not of type 'boolean'"),
        (lambda m: m.update(attachments=[{"httpPartName": "upfile1"}]), "'mainContent'"),
    ],
)
def test_the_stand_in_refuses_a_message_that_breaks_the_contract(change, problem):
    validator = jsonschema.Draft4Validator(ebox_stub.message_to_publish_schema())
    assert list(validator.iter_errors(_valid_message())) == []
    message = _valid_message()
    change(message)

    problems, _ = ebox_stub.publication_problems(
        {"messageToPublish": (None, "application/json", json.dumps(message).encode())}, validator
    )

    assert any(problem in text for text in problems), problems


def test_the_stand_in_answers_400_to_a_malformed_publication(ebox_services):
    token = requests.post(
        f"{ebox_services.base_url}/oauth/token",
        data={"grant_type": "client_credentials"},
        auth=(ebox_stub.CLIENT_ID, ebox_stub.CLIENT_SECRET),
        timeout=5,
    ).json()["access_token"]
    message = _valid_message()
    message["attachments"] = [{"httpPartName": "upfile1", "mainContent": False}]

    answer = requests.post(
        f"{ebox_services.base_url}/ebox/publishMessage",
        files=[("messageToPublish", (None, json.dumps(message), "application/json"))],
        headers={"Authorization": f"Bearer {token}"},
        timeout=5,
    )

    assert answer.status_code == 400
    assert "upfile1 is missing" in answer.json()["message"]
    assert ebox_services.publications == []


@pytest.mark.parametrize(("inss", "valid"), [("71022722580", True), ("7102272258", False)])
def test_the_stand_in_checks_the_citizen_profile_request_against_its_schema(inss, valid):
    from lxml import etree

    request = etree.fromstring(ebox.citizen_profile_request(inss)).find(
        f"{{{ebox_stub.SOAP_NS}}}Body"
    )[0]

    assert ebox_stub.citizen_profile_schema().validate(request) is valid
