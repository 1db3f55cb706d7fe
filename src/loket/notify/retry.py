"""Back-off with jitter, and the retry strategy of the delivery task."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.conf import settings
from procrastinate import retry as procrastinate_retry

# A bug or a database outage (not a delivery failure) is retried this often.
UNEXPECTED_ERROR_RETRIES = 10

_random = random.SystemRandom()


def backoff_seconds(failures: int) -> float:
    """Exponential back-off with "equal jitter": half the delay fixed, half random, so
    messages that failed together do not all come back at the same moment."""
    base = float(settings.LOKET_NOTIFY_RETRY_BASE_SECONDS)
    ceiling = float(settings.LOKET_NOTIFY_RETRY_MAX_SECONDS)
    delay: float = min(ceiling, base * 2.0 ** max(0, failures - 1))
    jitter: float = _random.uniform(0, delay / 2)
    return delay / 2 + jitter


class DeliveryPostponed(Exception):
    """Raised by the delivery task to have its job run again at `at`."""

    def __init__(self, at: dt.datetime) -> None:
        super().__init__(f"next attempt at {at.isoformat()}")
        self.at = at


class DeliveryRetryStrategy(procrastinate_retry.BaseRetryStrategy):
    def get_retry_decision(
        self, *, exception: BaseException, job: Any
    ) -> procrastinate_retry.RetryDecision | None:
        if isinstance(exception, DeliveryPostponed):
            return procrastinate_retry.RetryDecision(retry_at=exception.at)
        if job.attempts >= UNEXPECTED_ERROR_RETRIES:
            return None
        return procrastinate_retry.RetryDecision(
            retry_in={"seconds": int(backoff_seconds(job.attempts + 1)) + 1}
        )
