"""The waiting-time estimate: when will the desks reach this ticket?

The naive estimate multiplies the people ahead by the average service time. It ignores
how many desks are open, that a desk already busy for a while is closer to done, and that
some product groups take much longer than others. This estimate replays the desks instead:

1. each open desk is free after the expected *remaining* time of the service it is doing,
   read from recent service times of that product group that lasted at least as long as
   this one already has (an empty desk is free now);
2. the tickets ahead are handed, in calling order, to the desk that is free first, each
   keeping it for the recent mean service time of its own product group;
3. the ticket's wait is the moment the first desk is free after that.

Service times come from the office's recent history (`ServiceHistory`): per product group,
with the office's pooled mean when a group has too few services yet, and a configured
default before anything was served. Pure Python (no Django), so the simulation in
`loket.queue.simulation` and bench/queue_estimate.py measure exactly this code.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

DEFAULT_SERVICE_MINUTES = 5.0
# Fewer recent services than this in a product group: use the office's pooled mean.
MIN_GROUP_SAMPLES = 3
# A service already longer than (almost) every recent one still needs a little time.
MIN_REMAINING_SHARE = 0.3


@dataclass(frozen=True)
class DeskLoad:
    """An open desk: the product group it is serving (None: free) and for how long."""

    group: str | None = None
    elapsed_minutes: float = 0.0


@dataclass
class ServiceHistory:
    """Recent service durations in minutes, per product group."""

    durations: Mapping[str, Sequence[float]] = field(default_factory=dict)
    default_minutes: float = DEFAULT_SERVICE_MINUTES

    def pooled_mean(self) -> float:
        values = [value for group in self.durations.values() for value in group]
        return sum(values) / len(values) if values else self.default_minutes

    def mean(self, group: str) -> float:
        values = self.durations.get(group, ())
        if len(values) < MIN_GROUP_SAMPLES:
            return self.pooled_mean()
        return sum(values) / len(values)

    def remaining(self, group: str, elapsed: float) -> float:
        """Expected remaining minutes of a service of `group` that has lasted `elapsed`:
        the mean of (duration - elapsed) over recent services that lasted longer."""
        values = self.durations.get(group, ())
        if len(values) < MIN_GROUP_SAMPLES:
            values = [value for group_values in self.durations.values() for value in group_values]
        longer = [value - elapsed for value in values if value > elapsed]
        floor = MIN_REMAINING_SHARE * self.mean(group)
        if len(longer) < MIN_GROUP_SAMPLES:
            return max(self.mean(group) - elapsed, floor)
        return max(sum(longer) / len(longer), floor)


def wait_estimate(
    *, ahead: Sequence[str], desks: Sequence[DeskLoad], history: ServiceHistory
) -> float | None:
    """Minutes until a desk calls the ticket behind `ahead` (the product groups of the
    tickets called before it, in calling order). None when no desk is open."""
    if not desks:
        return None
    free = [
        0.0 if desk.group is None else history.remaining(desk.group, desk.elapsed_minutes)
        for desk in desks
    ]
    heapq.heapify(free)
    for group in ahead:
        moment = heapq.heappop(free)
        heapq.heappush(free, moment + history.mean(group))
    return free[0]


def naive_estimate(*, ahead: int, history: ServiceHistory) -> float:
    """People ahead times the average service time (what the estimate is measured against)."""
    return ahead * history.pooled_mean()
