"""A simulated office day, to measure the waiting-time estimate against what really happens.

600 visitors (by default) arrive between 08:00 and 18:00, more of them in the morning and
after lunch; each comes for one of three product groups whose service times follow
log-normal distributions (a quick pick-up, an ordinary document, a registration that takes
long); a few have priority. Four desks call the next ticket (priority first, then in order
of arrival) as soon as they are free; one opens an hour late and each takes a break (after
finishing its current visitor). When a ticket is taken, both estimates are computed from
what an office can know at that moment (the desks open now and what they are doing, and
the service times of the last hour); when it is called, the actual wait is known.

Pure Python and deterministic for a seed: the test suite runs one day, bench/queue_estimate.py
many. Times are minutes after 08:00.
"""

from __future__ import annotations

import heapq
import math
import random
import statistics
from collections import deque
from dataclasses import dataclass, field

from loket.queue.estimate import DeskLoad, ServiceHistory, naive_estimate, wait_estimate

DAY_MINUTES = 600.0
HISTORY_WINDOW_MINUTES = 60.0
# Arrivals per half hour from 08:00 (relative weights): a morning peak, a quiet lunch, an
# afternoon peak after work.
ARRIVAL_WEIGHTS = (4, 7, 9, 9, 8, 6, 5, 4, 3, 3, 5, 6, 6, 5, 4, 4, 5, 6, 4, 2)
# Product group: (share of visitors, median minutes, log-normal sigma).
GROUPS: dict[str, tuple[float, float, float]] = {
    "A": (0.50, 1.4, 0.45),  # pick up an identity card or a passport
    "B": (0.35, 3.0, 0.55),  # an extract, a certificate, a declaration
    "C": (0.15, 6.0, 0.60),  # a registration, a marriage file
}
PRIORITY_SHARE = 0.04
# Desk: (opens at, [(break from, minutes)]); a desk finishes its visitor before a break.
DESKS: tuple[tuple[float, tuple[tuple[float, float], ...]], ...] = (
    (0.0, ((120.0, 15.0), (390.0, 15.0))),
    (0.0, ((240.0, 45.0),)),
    (0.0, ((285.0, 45.0),)),
    (60.0, ((420.0, 20.0),)),
)


@dataclass
class Visitor:
    number: int
    arrival: float
    group: str
    service: float
    priority: bool
    estimate: float | None = None
    naive: float = 0.0
    naive_per_desk: float = 0.0
    called: float | None = None

    @property
    def wait(self) -> float:
        assert self.called is not None
        return self.called - self.arrival


@dataclass
class Desk:
    opens: float
    breaks: list[tuple[float, float]]
    open: bool = False
    serving: Visitor | None = None
    started: float = 0.0
    on_break: bool = False


@dataclass
class DayResult:
    visitors: list[Visitor]

    def _errors(self, attribute: str) -> list[float]:
        return [
            abs(float(getattr(visitor, attribute) or 0.0) - visitor.wait)
            for visitor in self.visitors
        ]

    @property
    def mae_estimate(self) -> float:
        return statistics.fmean(self._errors("estimate"))

    @property
    def mae_naive(self) -> float:
        return statistics.fmean(self._errors("naive"))

    @property
    def mae_naive_per_desk(self) -> float:
        return statistics.fmean(self._errors("naive_per_desk"))

    @property
    def mean_wait(self) -> float:
        return statistics.fmean(visitor.wait for visitor in self.visitors)

    @property
    def max_wait(self) -> float:
        return max(visitor.wait for visitor in self.visitors)


def visitors_draw(rng: random.Random, count: int) -> list[Visitor]:
    slot_minutes = DAY_MINUTES / len(ARRIVAL_WEIGHTS)
    slots = rng.choices(range(len(ARRIVAL_WEIGHTS)), weights=ARRIVAL_WEIGHTS, k=count)
    arrivals = sorted(slot * slot_minutes + rng.random() * slot_minutes for slot in slots)
    names = list(GROUPS)
    shares = [GROUPS[name][0] for name in names]
    visitors = []
    for number, arrival in enumerate(arrivals):
        group = rng.choices(names, weights=shares)[0]
        _, median, sigma = GROUPS[group]
        service = rng.lognormvariate(math.log(median), sigma)
        priority = rng.random() < PRIORITY_SHARE
        visitors.append(Visitor(number, arrival, group, service, priority))
    return visitors


@dataclass
class _Office:
    desks: list[Desk]
    waiting_priority: deque[Visitor] = field(default_factory=deque)
    waiting: deque[Visitor] = field(default_factory=deque)
    done: list[tuple[float, str, float]] = field(default_factory=list)  # (end, group, minutes)
    events: list[tuple[float, int, str, int]] = field(default_factory=list)
    sequence: int = 0

    def schedule(self, moment: float, kind: str, index: int) -> None:
        self.sequence += 1
        heapq.heappush(self.events, (moment, self.sequence, kind, index))

    def history(self, now: float) -> ServiceHistory:
        durations: dict[str, list[float]] = {}
        for end, group, minutes in self.done:
            if end >= now - HISTORY_WINDOW_MINUTES:
                durations.setdefault(group, []).append(minutes)
        return ServiceHistory(durations=durations)

    def estimate(self, visitor: Visitor, now: float) -> None:
        ahead = list(self.waiting_priority)
        if not visitor.priority:
            ahead += list(self.waiting)
        open_desks = [desk for desk in self.desks if desk.open and not desk.on_break]
        loads = [
            DeskLoad(desk.serving.group, now - desk.started)
            if desk.serving is not None
            else DeskLoad()
            for desk in open_desks
        ]
        history = self.history(now)
        groups = [other.group for other in ahead]
        visitor.estimate = wait_estimate(ahead=groups, desks=loads, history=history)
        visitor.naive = naive_estimate(ahead=len(ahead), history=history)
        visitor.naive_per_desk = visitor.naive / max(len(open_desks), 1)

    def next_visitor(self) -> Visitor | None:
        if self.waiting_priority:
            return self.waiting_priority.popleft()
        if self.waiting:
            return self.waiting.popleft()
        return None

    def desk_free(self, index: int, now: float) -> None:
        desk = self.desks[index]
        if desk.breaks and desk.breaks[0][0] <= now:
            _, minutes = desk.breaks.pop(0)
            desk.on_break = True
            self.schedule(now + minutes, "back", index)
            return
        visitor = self.next_visitor()
        if visitor is None:
            return
        visitor.called = now
        desk.serving, desk.started = visitor, now
        self.schedule(now + visitor.service, "done", index)


def day_simulate(*, seed: int, visitors: int = 600) -> DayResult:
    """One office day; every visitor is served (the desks stay until the hall is empty)."""
    rng = random.Random(seed)
    people = visitors_draw(rng, visitors)
    office = _Office(desks=[Desk(opens, list(breaks)) for opens, breaks in DESKS])
    for index, desk in enumerate(office.desks):
        office.schedule(desk.opens, "open", index)
        for start, _minutes in desk.breaks:
            office.schedule(start, "break", index)
    for visitor in people:
        office.schedule(visitor.arrival, "arrive", visitor.number)
    while office.events:
        now, _, kind, index = heapq.heappop(office.events)
        if kind == "arrive":
            _arrive(office, people[index], now)
        else:
            _desk_event(office, kind, index, now)
    return DayResult(visitors=people)


def _arrive(office: _Office, visitor: Visitor, now: float) -> None:
    office.estimate(visitor, now)
    (office.waiting_priority if visitor.priority else office.waiting).append(visitor)
    for number, desk in enumerate(office.desks):
        if desk.open and not desk.on_break and desk.serving is None:
            office.desk_free(number, now)
            return


def _desk_event(office: _Office, kind: str, index: int, now: float) -> None:
    desk = office.desks[index]
    if kind == "done":
        assert desk.serving is not None
        office.done.append((now, desk.serving.group, desk.serving.service))
        desk.serving = None
    elif kind == "open":
        desk.open = True
    elif kind == "back":
        desk.on_break = False
    if kind == "break" and (desk.serving is not None or desk.on_break or not desk.open):
        return
    if not desk.on_break:
        office.desk_free(index, now)
