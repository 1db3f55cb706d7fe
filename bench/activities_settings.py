"""Settings of the activities rush benchmark: Loket's own, with the seat-claim strategy
taken from the environment (seats or naive) so one run can compare both."""

import os

from loket.config.settings import *  # noqa: F403

LOKET_ACTIVITIES_SEAT_CLAIM = os.environ.get("LOKET_ACTIVITIES_SEAT_CLAIM", "seats")
