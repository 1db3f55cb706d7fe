"""How often one client address may take a ticket on the public pages and the public API,
counted in the PostgreSQL rate-limit counters that report intake introduced."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import ngettext

from loket.reports.ratelimit import RateLimitResult, rate_limit_hit

TICKETS_PER_MINUTE = 10


def ticket_take_hit(*, address: str) -> RateLimitResult:
    """Count one attempt to take a ticket from `address` (a kiosk in a busy hall takes a
    few a minute; more is a flood)."""
    limit = int(getattr(settings, "LOKET_QUEUE_TICKETS_PER_MINUTE", TICKETS_PER_MINUTE))
    return rate_limit_hit(bucket=f"queue-ticket:ip:{address}", limit=limit)


def ticket_take_refusal(result: RateLimitResult) -> str:
    """The translated message shown when `result` refuses a ticket."""
    return ngettext(
        "Many tickets were taken from this connection in a short time. "
        "Try again in %(seconds)d second.",
        "Many tickets were taken from this connection in a short time. "
        "Try again in %(seconds)d seconds.",
        result.retry_after_seconds,
    ) % {"seconds": result.retry_after_seconds}
