"""The CitizenProfile request of the eBox channel signed with WS-Security: the stand-in
checks the X.509 token's signature over Body and Timestamp and the timestamp. A signed
request is answered; a tampered one gets a SOAP fault, a temporary failure for the
channel."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.notify import ebox_stub
from tests.wssecurity_keys import self_signed_write

from loket.notify.channels import ebox
from loket.notify.channels.base import TemporaryFailure

INSS = "85073003328"


@pytest.fixture
def signing_services(settings: Any, tmp_path: Path) -> Iterator[ebox_stub.EboxServices]:
    cert_file, key_file, pem = self_signed_write(tmp_path)
    state = ebox_stub.EboxServices(signing_cert=pem, profiles={INSS: "activated"})
    server = ebox_stub.start(state)
    settings.LOKET_EBOX_CITIZEN_PROFILE_URL = f"{state.base_url}/citizenprofile"
    settings.LOKET_EBOX_CLIENT_CERT_FILE = cert_file
    settings.LOKET_EBOX_CLIENT_KEY_FILE = key_file
    settings.LOKET_EBOX_TIMEOUT = 5.0
    yield state
    server.shutdown()
    server.server_close()


def test_a_signed_citizen_profile_request_is_answered(
    signing_services: ebox_stub.EboxServices,
) -> None:
    assert ebox.citizen_ebox_activated(INSS) is True
    assert signing_services.refusals == []
    assert signing_services.profile_requests == [INSS]


def test_an_unsigned_citizen_profile_request_is_refused(
    signing_services: ebox_stub.EboxServices, settings: Any
) -> None:
    settings.LOKET_EBOX_CLIENT_CERT_FILE = None  # no certificate: nothing is signed
    with pytest.raises(TemporaryFailure):
        ebox.citizen_ebox_activated(INSS)
    assert signing_services.refusals == ["citizenprofile: no WS-Security timestamp"]


def test_a_tampered_citizen_profile_request_is_refused(
    signing_services: ebox_stub.EboxServices,
) -> None:
    signing_services.tamper = True
    with pytest.raises(TemporaryFailure):
        ebox.citizen_ebox_activated(INSS)
    assert signing_services.profile_requests == []
    assert "Digest mismatch" in signing_services.refusals[0]
