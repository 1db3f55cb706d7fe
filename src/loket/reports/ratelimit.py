"""Fixed-window rate limiting kept in PostgreSQL, shared by every web process.

Used by report intake (per minute) and by sign-in throttling (loket.identity.throttle,
which sums the per-minute windows of its lockout period).

One row per (bucket, window): an upsert adds the hit and returns the count in the same
statement, so concurrent processes never lose a hit. Old windows are purged by a
periodic task (`rate_limit_counters_purge`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.http import HttpRequest
from django.utils import timezone

from loket.config.env import Mode
from loket.reports.models import RateLimitCounter

WINDOW_SECONDS = 60

_UPSERT = f"""
INSERT INTO {RateLimitCounter._meta.db_table} (bucket, window_start, hits)
VALUES (%s, %s, 1)
ON CONFLICT (bucket, window_start)
DO UPDATE SET hits = {RateLimitCounter._meta.db_table}.hits + 1
RETURNING hits
"""


@dataclass(frozen=True)
class RateLimitResult:
    allowed: bool
    limit: int
    hits: int
    retry_after_seconds: int


def rate_limit_hit(*, bucket: str, limit: int, now: dt.datetime | None = None) -> RateLimitResult:
    """Count one hit for `bucket`; `allowed` is False once the window holds more than `limit`."""
    now = now or timezone.now()
    epoch = int(now.timestamp())
    window_start = dt.datetime.fromtimestamp(epoch - epoch % WINDOW_SECONDS, tz=dt.UTC)
    with connection.cursor() as cursor:
        cursor.execute(_UPSERT, [bucket[:120], window_start])
        row = cursor.fetchone()
    hits = int(row[0]) if row else 1
    retry_after = WINDOW_SECONDS - epoch % WINDOW_SECONDS
    return RateLimitResult(
        allowed=hits <= limit, limit=limit, hits=hits, retry_after_seconds=retry_after
    )


def rate_limit_bucket_windows(*, bucket: str, since: dt.datetime) -> list[tuple[dt.datetime, int]]:
    """The bucket's windows that started after `since`, oldest first: (start, hits)."""
    rows = RateLimitCounter.objects.filter(bucket=bucket[:120], window_start__gt=since).order_by(
        "window_start"
    )
    return [(row.window_start, row.hits) for row in rows]


def rate_limit_bucket_clear(*, bucket: str) -> None:
    """Forget every hit of the bucket."""
    RateLimitCounter.objects.filter(bucket=bucket[:120]).delete()


def client_address(request: HttpRequest) -> str:
    """The caller's IP address. In production Loket runs behind one reverse proxy, whose
    X-Forwarded-For entry (the last one) is the address it saw."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded and settings.LOKET_MODE is Mode.PRODUCTION:
        return str(forwarded).split(",")[-1].strip()
    return str(request.META.get("REMOTE_ADDR", "unknown"))


def rate_limit_for_address(request: HttpRequest, *, scope: str) -> RateLimitResult:
    limit = int(getattr(settings, "LOKET_REPORTS_RATE_LIMIT_PER_MINUTE", 30))
    return rate_limit_hit(bucket=f"{scope}:ip:{client_address(request)}", limit=limit)


def rate_limit_counters_purge(*, older_than: dt.timedelta | None = None) -> int:
    """Delete windows that ended long ago; returns how many rows went.

    By default an hour, or the sign-in lockout period when that is longer (sign-in
    failures share this table, see loket.identity.throttle).
    """
    if older_than is None:
        lockout = dt.timedelta(minutes=int(getattr(settings, "LOKET_LOGIN_LOCKOUT_MINUTES", 0)))
        older_than = max(dt.timedelta(hours=1), lockout + dt.timedelta(minutes=1))
    deleted, _ = RateLimitCounter.objects.filter(
        window_start__lt=timezone.now() - older_than
    ).delete()
    return deleted
