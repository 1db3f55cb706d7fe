"""Two-step verification in tests.

`client.force_login(user)` (Django's test client) stands for a staff member who completed
the whole sign-in, second factor included: the suite puts `SecondFactorVerifiedBackend`
first in AUTHENTICATION_BACKENDS (tests/conftest.py), and `force_login` records the first
backend in the session. It authenticates nobody by password (it answers None), so a sign-in
through the sign-in form or `client.login(...)` goes through Django's ModelBackend and must
still pass the two-step gate, as in production. The gate's own tests (tests/identity/
test_two_factor.py) sign in with the form or with `force_login(user, backend=PASSWORD_ONLY)`.
"""

from __future__ import annotations

import time
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD_ONLY = "django.contrib.auth.backends.ModelBackend"
VERIFIED_BACKEND = "tests.two_factor.SecondFactorVerifiedBackend"


class SecondFactorVerifiedBackend(ModelBackend):
    """Test only: a session signed in through this backend proved its second factor."""

    asserts_mfa = True

    def authenticate(self, request: Any, **credentials: Any) -> None:
        return None


def totp_enrol(user: Any) -> TOTPDevice:
    """A confirmed authenticator device for `user` (the one they have, or a new one)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def totp_code(device: TOTPDevice, *, at: float | None = None) -> str:
    """The code the authenticator app shows, for a time step not used yet by this device
    (a code is accepted once: a second sign-in within 30 seconds takes the next step's)."""
    device.refresh_from_db()
    now = time.time() if at is None else at
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = now
    if totp.t() <= device.last_t:
        totp.time = now + device.step * (device.last_t + 1 - totp.t())
    return f"{totp.token():0{device.digits}d}"
