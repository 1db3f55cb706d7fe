"""Booking without an account is limited per client address: anyone may book (and so have
an e-mail or SMS sent to any address) without signing in, so one connection gets at most
`LOKET_APPOINTMENTS_GUEST_BOOKINGS_PER_MINUTE` attempts a minute (default 5), counted in the
shared PostgreSQL rate-limit counters (loket.reports.ratelimit)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext

from loket.reports.ratelimit import RateLimitResult, client_address, rate_limit_hit

DEFAULT_PER_MINUTE = 5


def guest_booking_throttle(request: HttpRequest) -> RateLimitResult:
    """Count one guest booking attempt from this request's address."""
    limit = int(
        getattr(settings, "LOKET_APPOINTMENTS_GUEST_BOOKINGS_PER_MINUTE", DEFAULT_PER_MINUTE)
    )
    return rate_limit_hit(
        bucket=f"appointments-guest-book:ip:{client_address(request)}", limit=limit
    )


def guest_booking_throttled_message() -> str:
    return gettext(
        "Many bookings came from your connection in a short time. "
        "Please wait a minute and try again."
    )
