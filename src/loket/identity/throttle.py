"""Sign-in throttling for staff and residents, counted in PostgreSQL.

Failed sign-ins are counted per account (the user name typed, or the national register
number a resident sign-in claimed) and per IP address, in the shared rate-limit counter
table (`loket.reports.ratelimit`: one row per bucket and minute, written with one upsert,
so every web process sees the same counts). An account or address with too many failures
in the last `LOKET_LOGIN_LOCKOUT_MINUTES` minutes is refused, whether or not the account
exists: an unknown user name is counted and locked exactly like a known one, so the
answers never tell which accounts exist. A successful sign-in clears its account's
failures (not the address's).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import ngettext

from loket.reports.ratelimit import (
    client_address,
    rate_limit_bucket_clear,
    rate_limit_bucket_windows,
    rate_limit_hit,
)

_SCOPE = "login"


@dataclass(frozen=True)
class LoginLockout:
    """A refused sign-in: how long until the caller may try again."""

    retry_after_seconds: int

    @property
    def retry_after_minutes(self) -> int:
        return max(1, math.ceil(self.retry_after_seconds / 60))

    @property
    def message(self) -> str:
        minutes = self.retry_after_minutes
        return ngettext(
            "Too many failed sign-in attempts. Try again in %(minutes)d minute.",
            "Too many failed sign-in attempts. Try again in %(minutes)d minutes.",
            minutes,
        ) % {"minutes": minutes}


def _account_bucket(account: str) -> str:
    # Hashed: the counter table never holds user names or national register numbers.
    digest = hashlib.sha256(account.strip().casefold().encode()).hexdigest()[:40]
    return f"{_SCOPE}:account:{digest}"


def _address_bucket(request: HttpRequest) -> str:
    return f"{_SCOPE}:ip:{client_address(request)}"


def _lockout_period() -> dt.timedelta:
    return dt.timedelta(minutes=int(settings.LOKET_LOGIN_LOCKOUT_MINUTES))


def _retry_after(*, bucket: str, limit: int, now: dt.datetime) -> int | None:
    """Seconds until the bucket holds fewer than `limit` failures again; None if it does."""
    period = _lockout_period()
    windows = rate_limit_bucket_windows(bucket=bucket, since=now - period)
    failures = sum(hits for _, hits in windows)
    if failures < limit:
        return None
    # The lock lifts when enough of the oldest failures have aged out of the period.
    to_expire = failures - limit + 1
    for window_start, hits in windows:
        to_expire -= hits
        if to_expire <= 0:
            lifted_at = window_start + period
            return max(1, math.ceil((lifted_at - now).total_seconds()))
    return int(period.total_seconds())  # pragma: no cover - the loop always returns


def login_lockout_get(
    *, request: HttpRequest, account: str, now: dt.datetime | None = None
) -> LoginLockout | None:
    """The lockout that applies to this account or this caller's address, if any."""
    now = now or timezone.now()
    waits = [
        _retry_after(
            bucket=_account_bucket(account),
            limit=int(settings.LOKET_LOGIN_MAX_FAILURES_PER_ACCOUNT),
            now=now,
        )
        if account.strip()
        else None,
        _retry_after(
            bucket=_address_bucket(request),
            limit=int(settings.LOKET_LOGIN_MAX_FAILURES_PER_ADDRESS),
            now=now,
        ),
    ]
    longest = max((wait for wait in waits if wait is not None), default=None)
    return LoginLockout(retry_after_seconds=longest) if longest is not None else None


def login_failure_record(
    *, request: HttpRequest, account: str, now: dt.datetime | None = None
) -> None:
    """Count one failed sign-in for the account (if one was given) and the address."""
    if account.strip():
        rate_limit_hit(bucket=_account_bucket(account), limit=0, now=now)
    rate_limit_hit(bucket=_address_bucket(request), limit=0, now=now)


def login_success_record(*, account: str) -> None:
    """A successful sign-in clears the account's failures."""
    rate_limit_bucket_clear(bucket=_account_bucket(account))
