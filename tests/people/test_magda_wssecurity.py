"""MAGDA requests signed with WS-Security: the replay server checks the X.509 token's
signature over Body and Timestamp and the timestamp's validity. Signed requests are
answered; an unsigned or tampered request gets a SOAP fault, which the clerk sees as
"service down"."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.utils import translation

from loket.people.authentic_sources import SourceUnavailable, authentic_source
from tests.people import magda_stub
from tests.wssecurity_keys import self_signed_write

FOUND = "00600099536"  # Hamid Daoud, Kortenberg (MAGDA-Mock persona)
DOWN = "De authentieke bron is op dit moment niet beschikbaar."


@pytest.fixture
def signing_services(settings: Any, tmp_path: Path) -> Iterator[magda_stub.MagdaServices]:
    cert_file, key_file, pem = self_signed_write(tmp_path)
    state = magda_stub.MagdaServices(signing_cert=pem)
    server = magda_stub.start(state)
    magda_stub.configure(settings, state)
    settings.LOKET_MAGDA_CLIENT_CERT_FILE = cert_file
    settings.LOKET_MAGDA_CLIENT_KEY_FILE = key_file
    cache.clear()
    yield state
    cache.clear()
    server.shutdown()
    server.server_close()


def test_signed_requests_are_accepted(signing_services: magda_stub.MagdaServices) -> None:
    record = authentic_source().person_lookup(FOUND)

    assert record is not None
    assert (record.first_names, record.last_name) == ("Hamid", "Daoud")
    assert signing_services.refusals == []
    assert [service for service, _ in signing_services.requests] == [
        "GeefPersoon",
        "GeefGezinssamenstelling",
    ]
    for body in signing_services.bodies:
        assert b"wsse:BinarySecurityToken" in body
        assert b"<wsu:Timestamp" in body


def test_an_unsigned_request_is_refused(
    signing_services: magda_stub.MagdaServices, settings: Any
) -> None:
    settings.LOKET_MAGDA_CLIENT_KEY_FILE = None  # no key: requests go out unsigned
    with pytest.raises(SourceUnavailable):
        authentic_source().person_lookup(FOUND)
    assert signing_services.refusals == ["no WS-Security timestamp"]


def test_a_tampered_body_is_refused_and_reads_as_service_down(
    signing_services: magda_stub.MagdaServices,
) -> None:
    signing_services.tamper = True
    with pytest.raises(SourceUnavailable) as raised:
        authentic_source().person_lookup(FOUND)
    assert signing_services.requests == []
    assert len(signing_services.refusals) == 1
    assert "Digest mismatch" in signing_services.refusals[0]
    with translation.override("nl"):
        assert str(raised.value.user_message).startswith(DOWN)


def test_a_request_signed_with_another_key_is_refused(
    signing_services: magda_stub.MagdaServices, tmp_path: Path
) -> None:
    signing_services.signing_cert = self_signed_write(tmp_path, "someone-else")[2]
    with pytest.raises(SourceUnavailable):
        authentic_source().person_lookup(FOUND)
    assert signing_services.requests == []
    assert signing_services.refusals[0].startswith("signature:")
