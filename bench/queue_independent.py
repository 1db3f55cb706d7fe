"""Independent test of the walk-in waiting-time estimator (tickets, desks).

Written without reading the estimator's body, its own benchmark or its simulation: the office
days below are this script's own assumptions about the "burgerzaken" counter of a Belgian
town hall. Each day is simulated event by event (standard library only, deterministic per
seed). At every ticket's issue the office's knowledge at that moment is handed to
`wait_estimate` and `naive_estimate` (and "naive per desk" = naive / open desks); when the
ticket is called, the real wait is known. The estimates are scored by their mean absolute
error (minutes) per day.

Assumptions (all of them mine):

- Product groups and service times in minutes (the clerk's part; a walk-up of 0.1-0.4 min
  from the call to the desk is added, and each clerk has a speed factor 0.95-1.15):
  pickup (eID/driving licence/passport pick-up with PIN code): gamma, shape 3, mean 1.8;
  extract (register extracts, certificates, legalisations): lognormal, median 1.2, sigma 0.55;
  eid (eID or Kids-ID application: photo, fingerprints, signature): gamma, shape 6, mean 4.5;
  travel (passport or driving-licence application): Weibull, shape 1.7, mean 5.5;
  address (change of address, registration): gamma, shape 2, mean 3.5;
  civil (civil status, foreigners): 92% lognormal, median 6, sigma 0.45, and 8% complicated
  files (a foreign marriage, a recognition, a nationality file): uniform 20-50.
- Weekday mix: pickup 36%, extract 22%, eid 18%, travel 10%, address 9%, civil 5%.
- Priority tickets (reduced mobility, pregnancy): 6% on weekdays, 4% on Saturday; they are
  called before every ordinary ticket; otherwise tickets are called in order of issue.
- No-shows: a called visitor fails to come with probability 3% + 6% x min(wait / 60 min, 1)
  (people give up when it takes long); the desk waits 0.8-1.2 min, then calls the next one.
  The no-show ticket is still scored: its wait is the time until it was called.
- Arrivals: a crowd waiting at the door at opening (issued in the first 4 minutes), then a
  piecewise-constant daily profile per scenario; the day's number of visitors is fixed.
- Desks log in at the start of their shift and after breaks; a desk still serving at the
  start of its break finishes that visitor first (the break is shortened if it overruns).
  The ticket machine stops at closing time; desks whose shift ends then serve the remaining
  queue. A desk that leaves earlier leaves with its visitor served.
- What the office knows at an issue: the groups of the waiting tickets that will be called
  before this one (calling order), each logged-in desk with the group of the ticket it
  called and for how long (also while it waits for a no-show: it does not know yet), and the
  durations (call to desk free) of the services completed in the last 60 minutes, per
  group, with default_minutes 5.0. It does not know the breaks, late openings or closings
  to come, nor the priority tickets to come.
- Tickets issued while no desk is logged in have no estimate and are left out of all three
  errors (counted in the second table).

Scenarios (4 desks each):

- monday-rush: 600 visitors, doors 08:30-18:30, 30 people at the door, busy morning and an
  after-work peak; desk 4 logs in at 09:15 (meeting); staggered coffee and lunch breaks.
- thursday-shifts: 560 visitors, doors 08:00-19:00 (evening opening), two desks 08:00-17:00
  and two 10:00-19:00, so only two desks in the first two and the last two hours.
- wednesday-afternoon: 360 visitors, doors 08:30-16:30; desks 3 and 4 leave at 12:30
  (part-time, Wednesday afternoon off); a lull 11:45-13:15 while parents fetch their
  children from school, then families come for Kids-IDs (eid 32% in the afternoon).
- saturday-morning: 200 visitors, doors 09:00-12:00; only pickup 55%, extract 15%, eid 30%;
  20 at the door, desk 3 logs in at 09:20, desk 4 leaves at 11:30; no breaks.
- monday-specialised-desk: monday-rush where desk 4 serves only civil, address and travel
  tickets (it calls the first such ticket in calling order). THIS BREAKS THE ESTIMATOR'S
  ASSUMPTION that any open desk serves any ticket: read it apart.

    PYTHONPATH=src .venv/bin/python bench/queue_independent.py [--days 30]
"""

from __future__ import annotations

import argparse
import heapq
import itertools
import math
import random
import statistics
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from loket.queue.estimate import DeskLoad, ServiceHistory, naive_estimate, wait_estimate

Sampler = Callable[[random.Random], float]

HISTORY_MINUTES = 60.0
DEFAULT_MINUTES = 5.0
DOOR_CROWD_MINUTES = 4.0


# --- service times ------------------------------------------------------------------------


def gamma(mean: float, shape: float) -> Sampler:
    return lambda rng: rng.gammavariate(shape, mean / shape)


def lognormal(median: float, sigma: float) -> Sampler:
    mu = math.log(median)
    return lambda rng: rng.lognormvariate(mu, sigma)


def weibull(mean: float, shape: float) -> Sampler:
    scale = mean / math.gamma(1.0 + 1.0 / shape)
    return lambda rng: rng.weibullvariate(scale, shape)


def mixture(p_long: float, regular: Sampler, low: float, high: float) -> Sampler:
    def draw(rng: random.Random) -> float:
        if rng.random() < p_long:
            return rng.uniform(low, high)
        return regular(rng)

    return draw


SERVICE: dict[str, Sampler] = {
    "pickup": gamma(1.8, 3.0),
    "extract": lognormal(1.2, 0.55),
    "eid": gamma(4.5, 6.0),
    "travel": weibull(5.5, 1.7),
    "address": gamma(3.5, 2.0),
    "civil": mixture(0.08, lognormal(6.0, 0.45), 20.0, 50.0),
}

WEEKDAY_MIX = {
    "pickup": 0.36,
    "extract": 0.22,
    "eid": 0.18,
    "travel": 0.10,
    "address": 0.09,
    "civil": 0.05,
}
WEDNESDAY_AFTERNOON_MIX = {
    "pickup": 0.28,
    "extract": 0.16,
    "eid": 0.32,
    "travel": 0.10,
    "address": 0.09,
    "civil": 0.05,
}
SATURDAY_MIX = {"pickup": 0.55, "extract": 0.15, "eid": 0.30}


# --- scenarios ----------------------------------------------------------------------------


def hm(clock: str) -> float:
    """Minutes since midnight of "HH:MM"."""
    hours, minutes = clock.split(":")
    return int(hours) * 60.0 + int(minutes)


def shift(start: str, end: str, *breaks: tuple[str, int]) -> tuple[tuple[float, float], ...]:
    """The log-in windows of a shift with breaks given as (start, minutes)."""
    windows: list[tuple[float, float]] = []
    begin = hm(start)
    for break_start, length in breaks:
        windows.append((begin, hm(break_start)))
        begin = hm(break_start) + length
    windows.append((begin, hm(end)))
    return tuple(windows)


@dataclass(frozen=True)
class DeskPlan:
    windows: tuple[tuple[float, float], ...]
    speed: float = 1.0
    serves: frozenset[str] | None = None  # None: every group


@dataclass(frozen=True)
class Scenario:
    name: str
    visitors: int
    doors: tuple[float, float]
    door_crowd: int
    profile: tuple[tuple[str, str, float], ...]  # (from, to, relative rate per minute)
    mix: tuple[tuple[str, Mapping[str, float]], ...]  # (from, weights), in time order
    desks: tuple[DeskPlan, ...]
    priority_share: float = 0.06
    stream: str = ""  # random streams; scenarios that share it get the very same visitors

    @property
    def seed_name(self) -> str:
        return self.stream or self.name

    def mix_at(self, minute: float) -> Mapping[str, float]:
        weights = self.mix[0][1]
        for start, candidate in self.mix:
            if minute >= hm(start):
                weights = candidate
        return weights


MONDAY = Scenario(
    name="monday-rush",
    visitors=600,
    doors=(hm("08:30"), hm("18:30")),
    door_crowd=30,
    profile=(
        ("08:30", "10:30", 3.0),
        ("10:30", "12:00", 2.0),
        ("12:00", "13:30", 1.6),
        ("13:30", "16:00", 1.2),
        ("16:00", "17:00", 1.6),
        ("17:00", "18:15", 2.2),
        ("18:15", "18:30", 0.8),
    ),
    mix=(("00:00", WEEKDAY_MIX),),
    desks=(
        DeskPlan(shift("08:30", "18:30", ("10:30", 15), ("12:00", 30)), speed=1.0),
        DeskPlan(shift("08:30", "18:30", ("10:45", 15), ("12:30", 30)), speed=0.95),
        DeskPlan(shift("08:30", "18:30", ("13:00", 30), ("15:00", 15)), speed=1.05),
        DeskPlan(shift("09:15", "18:30", ("13:30", 30), ("15:15", 15)), speed=1.15),
    ),
)

THURSDAY = Scenario(
    name="thursday-shifts",
    visitors=560,
    doors=(hm("08:00"), hm("19:00")),
    door_crowd=10,
    profile=(
        ("08:00", "09:00", 1.5),
        ("09:00", "12:00", 2.0),
        ("12:00", "13:30", 1.8),
        ("13:30", "16:30", 1.3),
        ("16:30", "18:30", 2.0),
        ("18:30", "19:00", 1.0),
    ),
    mix=(("00:00", WEEKDAY_MIX),),
    desks=(
        DeskPlan(shift("08:00", "17:00", ("10:00", 15), ("12:00", 30)), speed=1.0),
        DeskPlan(shift("08:00", "17:00", ("10:15", 15), ("12:30", 30)), speed=0.95),
        DeskPlan(shift("10:00", "19:00", ("14:00", 30), ("16:30", 15)), speed=1.05),
        DeskPlan(shift("10:00", "19:00", ("14:30", 30), ("16:45", 15)), speed=1.15),
    ),
)

WEDNESDAY = Scenario(
    name="wednesday-afternoon",
    visitors=360,
    doors=(hm("08:30"), hm("16:30")),
    door_crowd=15,
    profile=(
        ("08:30", "10:00", 2.5),
        ("10:00", "11:45", 2.2),
        ("11:45", "13:15", 0.5),
        ("13:15", "15:30", 1.4),
        ("15:30", "16:30", 1.0),
    ),
    mix=(("00:00", WEEKDAY_MIX), ("12:30", WEDNESDAY_AFTERNOON_MIX)),
    desks=(
        DeskPlan(shift("08:30", "16:30", ("10:15", 15), ("12:30", 30)), speed=1.0),
        DeskPlan(shift("08:30", "16:30", ("10:30", 15), ("13:00", 30)), speed=0.95),
        DeskPlan(shift("08:30", "12:30", ("10:45", 15)), speed=1.05),
        DeskPlan(shift("08:30", "12:30", ("11:00", 15)), speed=1.15),
    ),
)

SATURDAY = Scenario(
    name="saturday-morning",
    visitors=200,
    doors=(hm("09:00"), hm("12:00")),
    door_crowd=20,
    profile=(
        ("09:00", "10:00", 2.0),
        ("10:00", "11:15", 2.5),
        ("11:15", "12:00", 1.5),
    ),
    mix=(("00:00", SATURDAY_MIX),),
    desks=(
        DeskPlan(shift("09:00", "12:00"), speed=1.0),
        DeskPlan(shift("09:00", "12:00"), speed=0.95),
        DeskPlan(shift("09:20", "12:00"), speed=1.05),
        DeskPlan(shift("09:00", "11:30"), speed=1.15),
    ),
    priority_share=0.04,
)

MONDAY_SPECIALISED = replace(
    MONDAY,
    name="monday-specialised-desk (breaks any-desk assumption)",
    stream=MONDAY.name,
    desks=(
        *MONDAY.desks[:3],
        replace(MONDAY.desks[3], serves=frozenset({"civil", "address", "travel"})),
    ),
)

SCENARIOS = (MONDAY, THURSDAY, WEDNESDAY, SATURDAY, MONDAY_SPECIALISED)


# --- one office day -----------------------------------------------------------------------


@dataclass
class Ticket:
    number: int
    issued: float
    group: str
    priority: bool
    service: float  # clerk's time at speed 1.0, walk-up included
    called: float | None = None
    no_show: bool = False
    estimate: float | None = None
    naive: float = 0.0
    naive_per_desk: float | None = None


@dataclass
class Desk:
    index: int
    plan: DeskPlan
    window: int = 0
    logged_in: bool = False
    window_end: float = 0.0
    ticket: Ticket | None = None
    since: float = 0.0  # time of the last call, or of becoming idle

    def serves(self, group: str) -> bool:
        return self.plan.serves is None or group in self.plan.serves


def arrival_times(scenario: Scenario, rng: random.Random) -> list[float]:
    opening = scenario.doors[0]
    times = [opening + rng.uniform(0.0, DOOR_CROWD_MINUTES) for _ in range(scenario.door_crowd)]
    segments = [(hm(start), hm(end), rate) for start, end, rate in scenario.profile]
    weights = [(end - start) * rate for start, end, rate in segments]
    for start, end, _ in rng.choices(segments, weights, k=scenario.visitors - len(times)):
        times.append(rng.uniform(start, end))
    return sorted(times)


def make_tickets(scenario: Scenario, seed: int) -> list[Ticket]:
    arrivals = random.Random(f"{scenario.seed_name}:{seed}:arrivals")
    services = random.Random(f"{scenario.seed_name}:{seed}:services")
    tickets = []
    for number, issued in enumerate(arrival_times(scenario, arrivals), start=1):
        mix = scenario.mix_at(issued)
        group = arrivals.choices(list(mix), list(mix.values()))[0]
        priority = arrivals.random() < scenario.priority_share
        service = services.uniform(0.1, 0.4) + SERVICE[group](services)
        tickets.append(Ticket(number, issued, group, priority, service))
    return tickets


@dataclass
class OfficeDay:
    scenario: Scenario
    seed: int
    desks: list[Desk] = field(init=False)
    priority: list[Ticket] = field(default_factory=list)
    ordinary: list[Ticket] = field(default_factory=list)
    done: deque[tuple[float, str, float]] = field(default_factory=deque)
    events: list[tuple[float, int, str, int]] = field(default_factory=list)
    tickets: list[Ticket] = field(init=False)
    no_shows: random.Random = field(init=False)
    counter: itertools.count[int] = field(default_factory=itertools.count)

    def __post_init__(self) -> None:
        self.desks = [Desk(i, plan) for i, plan in enumerate(self.scenario.desks)]
        self.tickets = make_tickets(self.scenario, self.seed)
        self.no_shows = random.Random(f"{self.scenario.seed_name}:{self.seed}:no-shows")

    def schedule(self, time: float, kind: str, ref: int) -> None:
        heapq.heappush(self.events, (time, next(self.counter), kind, ref))

    def run(self) -> list[Ticket]:
        for desk in self.desks:
            self.schedule(desk.plan.windows[0][0], "login", desk.index)
        for ticket in self.tickets:
            self.schedule(ticket.issued, "arrival", ticket.number - 1)
        while self.events:
            now, _, kind, ref = heapq.heappop(self.events)
            if kind == "arrival":
                self.arrive(now, self.tickets[ref])
            elif kind == "login":
                self.login(now, self.desks[ref])
            elif kind == "window_end":
                self.try_call(now, self.desks[ref])
            else:
                self.finish(now, self.desks[ref])
        assert all(ticket.called is not None for ticket in self.tickets), "ticket never called"
        return self.tickets

    # the office's knowledge -------------------------------------------------------------

    def history(self, now: float) -> ServiceHistory:
        while self.done and self.done[0][0] < now - HISTORY_MINUTES:
            self.done.popleft()
        durations: dict[str, list[float]] = {}
        for _, group, minutes in self.done:
            durations.setdefault(group, []).append(minutes)
        return ServiceHistory(durations=durations, default_minutes=DEFAULT_MINUTES)

    def estimate(self, now: float, ticket: Ticket) -> None:
        queue = self.priority if ticket.priority else self.priority + self.ordinary
        ahead = [waiting.group for waiting in queue]
        loads = [
            DeskLoad(
                group=desk.ticket.group if desk.ticket else None,
                elapsed_minutes=now - desk.since if desk.ticket else 0.0,
            )
            for desk in self.desks
            if desk.logged_in
        ]
        history = self.history(now)
        ticket.estimate = wait_estimate(ahead=ahead, desks=loads, history=history)
        ticket.naive = naive_estimate(ahead=len(ahead), history=history)
        ticket.naive_per_desk = ticket.naive / len(loads) if loads else None

    # events -----------------------------------------------------------------------------

    def arrive(self, now: float, ticket: Ticket) -> None:
        self.estimate(now, ticket)
        (self.priority if ticket.priority else self.ordinary).append(ticket)
        idle = [desk for desk in self.desks if desk.logged_in and desk.ticket is None]
        for desk in sorted(idle, key=lambda desk: desk.since):
            self.try_call(now, desk)

    def login(self, now: float, desk: Desk) -> None:
        end = desk.plan.windows[desk.window][1]
        desk.logged_in, desk.window_end, desk.since = True, end, now
        if now < end:
            self.schedule(end, "window_end", desk.index)
        self.try_call(now, desk)

    def logout(self, now: float, desk: Desk) -> None:
        desk.logged_in = False
        desk.window += 1
        if desk.window < len(desk.plan.windows):
            self.schedule(max(now, desk.plan.windows[desk.window][0]), "login", desk.index)

    def serves_remaining_queue(self, desk: Desk) -> bool:
        last = desk.window == len(desk.plan.windows) - 1
        return last and desk.window_end >= self.scenario.doors[1]

    def try_call(self, now: float, desk: Desk) -> None:
        if not desk.logged_in or desk.ticket is not None:
            return
        if now >= desk.window_end and not self.serves_remaining_queue(desk):
            self.logout(now, desk)
            return
        ticket = self.next_ticket(desk)
        if ticket is None:
            if now >= desk.window_end:
                self.logout(now, desk)  # closing time and nothing left to call
            return
        self.call(now, desk, ticket)

    def next_ticket(self, desk: Desk) -> Ticket | None:
        for queue in (self.priority, self.ordinary):
            for position, ticket in enumerate(queue):
                if desk.serves(ticket.group):
                    return queue.pop(position)
        return None

    def call(self, now: float, desk: Desk, ticket: Ticket) -> None:
        ticket.called = now
        wait = now - ticket.issued
        ticket.no_show = self.no_shows.random() < 0.03 + 0.06 * min(wait / 60.0, 1.0)
        if ticket.no_show:
            busy = self.no_shows.uniform(0.8, 1.2)
        else:
            busy = ticket.service * desk.plan.speed
        desk.ticket, desk.since = ticket, now
        self.schedule(now + busy, "finish", desk.index)

    def finish(self, now: float, desk: Desk) -> None:
        ticket = desk.ticket
        assert ticket is not None
        if not ticket.no_show:
            self.done.append((now, ticket.group, now - desk.since))
        desk.ticket, desk.since = None, now
        self.try_call(now, desk)


# --- scoring ------------------------------------------------------------------------------


@dataclass
class DayScore:
    mean_wait: float
    mae_estimate: float
    mae_naive: float
    mae_per_desk: float
    bias_estimate: float
    scored: int
    unscored: int
    no_shows: int
    max_wait: float


def score_day(tickets: Sequence[Ticket]) -> DayScore:
    waits = [ticket.called - ticket.issued for ticket in tickets if ticket.called is not None]
    errors: tuple[list[float], list[float], list[float]] = ([], [], [])
    signed: list[float] = []
    for ticket in tickets:
        assert ticket.called is not None
        if ticket.estimate is None or ticket.naive_per_desk is None:
            continue
        actual = ticket.called - ticket.issued
        errors[0].append(abs(ticket.estimate - actual))
        errors[1].append(abs(ticket.naive - actual))
        errors[2].append(abs(ticket.naive_per_desk - actual))
        signed.append(ticket.estimate - actual)
    return DayScore(
        mean_wait=statistics.fmean(waits),
        mae_estimate=statistics.fmean(errors[0]),
        mae_naive=statistics.fmean(errors[1]),
        mae_per_desk=statistics.fmean(errors[2]),
        bias_estimate=statistics.fmean(signed),
        scored=len(signed),
        unscored=len(tickets) - len(signed),
        no_shows=sum(ticket.no_show for ticket in tickets),
        max_wait=max(waits),
    )


def offered_load(scenario: Scenario, tickets: Sequence[Ticket]) -> float:
    """Work brought in over desk-minutes scheduled (speed 1.0): the day's utilisation."""
    work = sum(ticket.service for ticket in tickets)
    capacity = sum(end - start for desk in scenario.desks for start, end in desk.windows)
    return work / capacity


def spread(values: Sequence[float]) -> str:
    return f"{statistics.fmean(values):.1f} ({min(values):.1f}-{max(values):.1f})"


def report(scenario: Scenario, days: int) -> tuple[str, str]:
    scores: list[DayScore] = []
    loads: list[float] = []
    for seed in range(days):
        day = OfficeDay(scenario, seed)
        loads.append(offered_load(scenario, day.tickets))
        scores.append(score_day(day.run()))
    beats_naive = sum(score.mae_estimate < score.mae_naive for score in scores)
    beats_per_desk = sum(score.mae_estimate < score.mae_per_desk for score in scores)
    main = (
        f"| {scenario.name} | {statistics.fmean(s.mean_wait for s in scores):.1f} "
        f"| {spread([s.mae_estimate for s in scores])} "
        f"| {spread([s.mae_naive for s in scores])} "
        f"| {spread([s.mae_per_desk for s in scores])} "
        f"| {beats_naive}/{days} | {beats_per_desk}/{days} |"
    )
    context = (
        f"| {scenario.name} | {scenario.visitors} | {statistics.fmean(loads):.2f} "
        f"| {statistics.fmean(s.max_wait for s in scores):.0f} "
        f"| {statistics.fmean(s.no_shows for s in scores):.1f} "
        f"| {statistics.fmean(s.unscored for s in scores):.1f} "
        f"| {statistics.fmean(s.bias_estimate for s in scores):+.1f} |"
    )
    return main, context


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--days", type=int, default=30, help="simulated days (seeds) per scenario")
    args = parser.parse_args()
    rows = [report(scenario, args.days) for scenario in SCENARIOS]
    print(f"Waiting-time estimates at ticket issue, {args.days} days per scenario, 4 desks.")
    print("MAE in minutes: mean over days (best day-worst day).\n")
    print(
        "| scenario | mean actual wait (min) | wait_estimate MAE | naive MAE "
        "| naive per desk MAE | wait_estimate better than naive (days) "
        "| better than naive per desk (days) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for main_row, _ in rows:
        print(main_row)
    print("\nPer scenario, mean per day:\n")
    print(
        "| scenario | visitors | offered load | longest wait (min) | no-shows "
        "| tickets without estimate (no desk open) | wait_estimate bias (min) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for _, context_row in rows:
        print(context_row)


if __name__ == "__main__":
    main()
