"""The notification settings are checked when Loket starts."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from loket.config.env import LoketSettings


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"LOKET_NOTIFY_QUIET_HOURS": "21h-8h"}, "must look like 21:00-08:00"),
        ({"LOKET_NOTIFY_QUIET_HOURS_TIME_ZONE": "Mars/Olympus"}, "must be a time zone name"),
        ({"LOKET_SMS_GATEWAY": "carrier-pigeon"}, "must be one of demo, http, disabled"),
        ({"LOKET_SMS_GATEWAY": "http"}, "the http SMS gateway needs the gateway's URL"),
        ({"LOKET_WORKER_STALLED_CHECK_SECONDS": "7"}, "must be one of 5, 10, 15, 20, 30, 60"),
        ({"LOKET_NOTIFY_BATCH_SIZE": "0"}, "greater than or equal to 1"),
        (
            {
                "LOKET_MODE": "production",
                "LOKET_SECRET_KEY": "x" * 50,
                "LOKET_ALLOWED_HOSTS": "loket.example",
                "LOKET_RESIDENT_LOGIN": "itsme",
                "LOKET_ITSME_ISSUER": "https://idp.example.org",
                "LOKET_ITSME_CLIENT_ID": "loket",
                "LOKET_ITSME_CLIENT_SECRET": "x" * 32,
                "LOKET_SMS_GATEWAY": "demo",
            },
            "the demo SMS gateway cannot be used in production mode",
        ),
    ],
)
def test_a_wrong_notification_setting_stops_start_up(monkeypatch, variables, message):
    for name, value in variables.items():
        monkeypatch.setenv(name, value)

    with pytest.raises(ValidationError, match=message):
        LoketSettings()


def test_the_defaults(monkeypatch):
    for name in ("LOKET_NOTIFY_QUIET_HOURS", "LOKET_SMS_GATEWAY", "LOKET_NOTIFY_BATCH_SIZE"):
        monkeypatch.delenv(name, raising=False)

    config = LoketSettings()

    assert config.LOKET_NOTIFY_QUIET_HOURS == "21:00-08:00"
    assert config.LOKET_NOTIFY_QUIET_HOURS_TIME_ZONE == "Europe/Brussels"
    assert config.LOKET_SMS_GATEWAY is None  # demo, or disabled in production mode
    assert config.LOKET_NOTIFY_BATCH_SIZE == 50
    assert config.LOKET_WORKER_STALLED_AFTER_SECONDS == 30
