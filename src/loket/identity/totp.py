"""Staff two-factor devices, kept by django-otp: one TOTP device (an authenticator app) and
one set of recovery codes (django-otp's static device) per staff member.

Recovery codes are shown once, when they are made; the database keeps only a salted PBKDF2
digest of each (`_recovery_digest`), so a copy of the database does not give them away.
Every wrong code counts against its device, and django-otp makes the next try wait 1, 2, 4,
8 … seconds (its `ThrottlingMixin`); while it waits, even the right code is refused.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from base64 import b32decode, b32encode
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import segno
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.models import VerifyNotAllowed
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from loket.tenancy.access import Actor
from loket.tenancy.models import Municipality, StaffAccessEventKind
from loket.tenancy.selectors import (
    municipality_get_managed,
    staff_member_get_managed,
    staff_member_scope_within,
)
from loket.tenancy.services import staff_access_event_append

if TYPE_CHECKING:
    from loket.accounts.models import User

DEVICE_NAME = "authenticator"
RECOVERY_DEVICE_NAME = "recovery"
RECOVERY_CODE_COUNT = 10
# Ten characters of an alphabet without look-alikes (0/o, 1/l/i): about 50 bits each.
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
_RECOVERY_LENGTH = 10
_RECOVERY_ITERATIONS = 60_000


@dataclass(frozen=True)
class CodeCheck:
    """The outcome of a code typed at the verification step."""

    ok: bool
    retry_after_seconds: int = 0  # > 0: refused without looking, the device is waiting

    @property
    def throttled(self) -> bool:
        return self.retry_after_seconds > 0


def totp_device_confirmed(*, user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()


def totp_enrolled_user_ids(*, users: Iterable[User]) -> set[int]:
    """Which of `users` have a confirmed authenticator (one query)."""
    return set(
        TOTPDevice.objects.filter(user__in=list(users), confirmed=True).values_list(
            "user_id", flat=True
        )
    )


def totp_enrolment_device(*, user: User) -> TOTPDevice:
    """The unconfirmed device being enrolled (the same one until it is confirmed, so the QR
    code does not change when the page is shown again)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def totp_secret_base32(device: TOTPDevice) -> str:
    """The key as people type it into an authenticator app, in groups of four."""
    text = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[index : index + 4] for index in range(0, len(text), 4))


def totp_qr_svg(device: TOTPDevice, *, title: str = "") -> str:
    """The otpauth:// address of the device as an inline SVG QR code (no style attribute:
    the page's Content-Security-Policy allows none)."""
    qr = segno.make_qr(device.config_url, error="m")
    svg: str = qr.svg_inline(
        scale=4, border=4, dark="#000", light="#fff", title=title or None, svgclass="totp-qr"
    )
    return svg


def _check(device: TOTPDevice | StaticDevice, token: str) -> CodeCheck:
    allowed, details = device.verify_is_allowed()
    if not allowed and details and details.get("reason") is VerifyNotAllowed.N_FAILED_ATTEMPTS:
        locked_until: dt.datetime = details["locked_until"]
        wait = max(1, int((locked_until - timezone.now()).total_seconds() + 0.999))
        return CodeCheck(ok=False, retry_after_seconds=wait)
    return CodeCheck(ok=bool(device.verify_token(token)))


def _totp_locked(*, user: User, confirmed: bool) -> TOTPDevice | None:
    """The user's newest (un)confirmed authenticator, locked until the transaction ends."""
    devices = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=confirmed)
    return devices.order_by("pk").last()


def _token_clean(token: str) -> str:
    return "".join(token.split()).replace("-", "").lower()


@transaction.atomic
def totp_enrolment_confirm(*, user: User, token: str) -> tuple[CodeCheck, list[str]]:
    """Confirm the device being enrolled with a code from the app. On success the user's
    other authenticator devices are removed and ten new recovery codes are made: returned
    here, and shown only this once."""
    device = (
        TOTPDevice.objects.select_for_update()
        .filter(user=user, confirmed=False)
        .order_by("pk")
        .last()
    )
    if device is None:
        return CodeCheck(ok=False), []
    check = _check(device, _token_clean(token))
    if not check.ok:
        return check, []
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return check, recovery_codes_regenerate(user=user)


@transaction.atomic
def totp_verify(*, user: User, token: str) -> CodeCheck:
    device = (
        TOTPDevice.objects.select_for_update()
        .filter(user=user, confirmed=True)
        .order_by("pk")
        .last()
    )
    if device is None:
        return CodeCheck(ok=False)
    return _check(device, _token_clean(token))


def _recovery_digest(*, user: User, code: str) -> str:
    """What the database keeps of a recovery code: PBKDF2 salted per account (16 hex
    characters fit django-otp's token column)."""
    salt = f"loket-recovery:{user.pk}:{user.date_joined.isoformat()}".encode()
    digest = hashlib.pbkdf2_hmac("sha256", code.encode(), salt, _RECOVERY_ITERATIONS)
    return digest.hex()[:16]


def _recovery_code_new() -> str:
    code = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(_RECOVERY_LENGTH))
    return f"{code[:5]}-{code[5:]}"


@transaction.atomic
def recovery_codes_regenerate(*, user: User) -> list[str]:
    """Ten new recovery codes, replacing any earlier ones (which stop working)."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [_recovery_code_new() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(
        StaticToken(device=device, token=_recovery_digest(user=user, code=_token_clean(code)))
        for code in codes
    )
    return codes


@transaction.atomic
def recovery_code_use(*, user: User, code: str) -> CodeCheck:
    """Verify with a recovery code; a code that works is used up."""
    device = (
        StaticDevice.objects.select_for_update()
        .filter(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
        .first()
    )
    if device is None:
        return CodeCheck(ok=False)
    return _check(device, _recovery_digest(user=user, code=_token_clean(code)))


def recovery_codes_left(*, user: User) -> int:
    left: int = StaticToken.objects.filter(
        device__user=user, device__name=RECOVERY_DEVICE_NAME, device__confirmed=True
    ).count()
    return left


@transaction.atomic
def totp_device_install(*, user: User, secret_base32: str) -> TOTPDevice:
    """A confirmed authenticator with a key chosen beforehand (the demo accounts' published
    key), replacing the user's others; kept as it is when it already holds that key."""
    key = b32decode(secret_base32.replace(" ", "").upper()).hex()
    device = TOTPDevice.objects.filter(user=user, confirmed=True, key=key).first()
    if device is None:
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, key=key, confirmed=True)
    return device


@transaction.atomic
def two_factor_devices_remove(*, user: User) -> int:
    """Remove every second-factor device of `user` (their authenticator and recovery
    codes); they enrol again at their next sign-in. Callers check who may do this and log
    it (`loket.identity.two_factor_admin`)."""
    removed: int = TOTPDevice.objects.filter(user=user).delete()[0]
    removed += int(StaticDevice.objects.filter(user=user).delete()[0])
    return removed


@transaction.atomic
def staff_two_factor_reset(*, actor: Actor, municipality: Municipality, user_id: int) -> None:
    """A municipal administrator removes a staff member's authenticator and recovery codes
    (a lost phone): that person enrols again at their next sign-in. Only for staff whose
    every role lies in municipalities the administrator manages, never for themselves;
    written to the municipality's audit trail."""
    managed = municipality_get_managed(actor=actor, municipality_id=municipality.pk)
    if managed is None:
        raise Http404
    user = staff_member_get_managed(actor=actor, municipality=managed, user_id=user_id)
    if user is None:
        raise Http404
    if user.pk == actor.user_id:
        raise ValidationError(_("Reset your own two-step verification on your own page."))
    if not staff_member_scope_within(actor=actor, user=user):
        raise ValidationError(
            _(
                "This staff member also works outside the municipalities you manage: "
                "a regional administrator resets their two-step verification."
            )
        )
    two_factor_devices_remove(user=user)
    staff_access_event_append(
        actor=actor,
        municipality=managed,
        subject=user,
        kind=StaffAccessEventKind.TWO_FACTOR_RESET,
    )
