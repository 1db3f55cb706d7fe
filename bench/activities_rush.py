"""Benchmark: the registration rush of the summer camps, through the HTTP API.

Registrations open and 3,000 sign-up attempts hit 400 places spread over 10 camps of one
municipality (one week of 40 places each), through `POST /api/v1/activities/registrations`
served by gunicorn (sync workers) on the benchmark database. The attempts, all queued at
the opening, are sent by --clients concurrent connections as fast as the server answers:

- 2,700 parents (residents) each register their child for one of the 10 camps;
- 100 of them send the same request a second time at once (same Idempotency-Key: a retry);
- 150 parents of a neighbouring municipality try before registration opens for them;
- 50 parents try with a child who is too old.

Asserted afterwards: no period holds more registrations than places (and every camp is
full), every attempt was answered (confirmed, waiting, or a clear refusal: 422 with a
message), no child is registered twice, each retry got the very registration of its first
try, and each waiting list is in arrival order (ranks 1..n by arrival number).

The run is repeated with the naive claim (lock the period row, count, insert) in the same
process, on fresh data, and the ratio reported.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/loket_bench_activities \\
        /path/to/python bench/activities_rush.py [--clients 48] [--workers 4] [--write]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import secrets
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from reports_common import database_ensure, machine, machine_line, percentile

BENCH_DIR = Path(__file__).resolve().parent
REPOSITORY = BENCH_DIR.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/loket_bench_activities"
CAMPS = 10
PLACES = 40
RESIDENTS = 2_700
RETRIES = 100
NON_RESIDENTS = 150
TOO_OLD = 50
ATTEMPTS = RESIDENTS + RETRIES + NON_RESIDENTS + TOO_OLD  # 3,000
TARGET_SECONDS = 30
TARGET_P95 = 1.0
CAMP_START = dt.date(2031, 7, 7)
SECTION = "## Activities"


def django_setup() -> None:
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    database_ensure()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loket.config.settings")
    os.environ.setdefault("LOKET_MODE", "demo")
    sys.path.insert(0, str(REPOSITORY / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


@dataclass
class Attempt:
    kind: str  # resident, retry, non_resident, too_old
    period_id: int
    child_id: int
    key: str
    session: str
    csrf: str
    parent_id: int = 0
    status: int = 0
    body: dict[str, object] = field(default_factory=dict)
    seconds: float = 0.0


def prepare() -> tuple[list[Attempt], list[int]]:
    """Fresh data: the camps, the families, a signed-in session per parent, the attempts."""
    from django.conf import settings
    from django.contrib.sessions.models import Session
    from django.db import connection
    from django.utils import timezone
    from django.utils.module_loading import import_string

    from loket.activities.services import ActivityFields, activity_save, period_add
    from loket.identity.middleware import SEEN_KEY
    from loket.identity.services import SESSION_KEY
    from loket.people.models import Address, HouseholdLink, HouseholdRelation, Person
    from loket.people.validators import national_number_build
    from loket.tenancy.access import Actor, ActorKind
    from loket.tenancy.models import Municipality, Region
    from loket.tenancy.permissions import Permission
    from loket.tenancy.services import municipality_create_from_nis, region_create

    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE activities_registrationevent, activities_registration, activities_seat, "
            "activities_period, activities_activity, payments_paymentrequestevent, "
            "payments_paymentrequest, notify_notification, people_householdlink, "
            "people_address, people_person, django_session, procrastinate_jobs CASCADE"
        )
    region = Region.objects.filter(slug="rush").first() or region_create(
        slug="rush", name_nl="Rush", name_fr="Rush"
    )
    home = Municipality.objects.filter(nis_code="34022").first() or (
        municipality_create_from_nis(region=region, nis_code="34022")
    )
    neighbour = Municipality.objects.filter(nis_code="34027").first() or (
        municipality_create_from_nis(region=region, nis_code="34027")
    )
    admin = Actor(
        kind=ActorKind.INTEGRATION,
        municipality_grants={Permission.ACTIVITIES_MANAGE: frozenset({home.pk})},
    )
    now = timezone.now()
    periods = []
    for number in range(1, CAMPS + 1):
        activity = activity_save(
            actor=admin,
            municipality=home,
            fields=ActivityFields(
                kind="camp",
                titles={"nl": f"Sportkamp {number}"},
                descriptions={},
                location="Sporthal",
                age_min=6,
                age_max=12,
                school_year_min=None,
                school_year_max=None,
                price_resident_cents=8000,
                price_non_resident_cents=12000,
                social_reduction_percent=50,
                sibling_reduction_percent=25,
                opens_residents_at=now - dt.timedelta(seconds=1),
                opens_everyone_at=now + dt.timedelta(days=7),
                closes_at=now + dt.timedelta(days=30),
                offer_hours=48,
                is_published=True,
            ),
        )
        periods.append(
            period_add(
                actor=admin,
                activity=activity,
                label="Week 1",
                starts_on=CAMP_START,
                ends_on=CAMP_START + dt.timedelta(days=4),
                capacity=PLACES,
            ).pk
        )
    store_class = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
    specs = (
        [(index, home, 8, "resident") for index in range(RESIDENTS)]
        + [(RESIDENTS + i, neighbour, 8, "non_resident") for i in range(NON_RESIDENTS)]
        + [(RESIDENTS + NON_RESIDENTS + i, home, 15, "too_old") for i in range(TOO_OLD)]
    )
    parents, children = [], []
    for index, municipality, child_age, _kind in specs:
        parent_birth = dt.date(1970, 1, 1) + dt.timedelta(days=index)
        child_birth = dt.date(CAMP_START.year - child_age, 1, 1) + dt.timedelta(days=index % 300)
        for people, first, birth, number in (
            (parents, "Ouder", parent_birth, 1),
            (children, "Kind", child_birth, index // 300 + 1),
        ):
            people.append(
                Person(
                    region=region,
                    municipality=municipality,
                    national_number=national_number_build(birth, number),
                    first_names=first,
                    last_name=f"Rush{index}",
                    birth_date=birth,
                    search_name=f"{first} rush{index}".lower(),
                )
            )
    Person.objects.bulk_create(parents + children, batch_size=1000)
    Address.objects.bulk_create(
        [
            Address(
                person=person,
                municipality=person.municipality,
                street="Rushstraat",
                number="1",
                postal_code="8500",
                valid_from=dt.date(2000, 1, 1),
            )
            for person in parents + children
        ],
        batch_size=1000,
    )
    HouseholdLink.objects.bulk_create(
        [
            HouseholdLink(person=parent, relative=child, relation=HouseholdRelation.PARENT)
            for parent, child in zip(parents, children, strict=True)
        ],
        batch_size=1000,
    )
    sessions = []
    for parent in parents:
        session = store_class()
        session[SESSION_KEY] = parent.pk
        session[SEEN_KEY] = int(time.time()) + 3600
        key = session._get_new_session_key()
        sessions.append(
            Session(
                session_key=key,
                session_data=session.encode(session._session),
                expire_date=timezone.now() + dt.timedelta(hours=2),
            )
        )
    Session.objects.bulk_create(sessions, batch_size=1000)
    attempts: list[Attempt] = []
    for (index, _municipality, _age, kind), parent, child, session_row in zip(
        specs, parents, children, sessions, strict=True
    ):
        attempts.append(
            Attempt(
                kind,
                periods[index % CAMPS],
                child.pk,
                f"k{index}",
                session_row.session_key,
                secrets.token_hex(16),
                parent.pk,
            )
        )
    firsts = [attempt for attempt in attempts if attempt.kind == "resident"]
    for index in range(RETRIES):
        first = firsts[index * (RESIDENTS // RETRIES)]
        attempts.append(
            Attempt(
                "retry",
                first.period_id,
                first.child_id,
                first.key,
                first.session,
                first.csrf,
                first.parent_id,
            )
        )
    # Arrival order: each retry right behind its first try, the rest interleaved.
    ordered: list[Attempt] = []
    retries = {attempt.key: attempt for attempt in attempts if attempt.kind == "retry"}
    others = [attempt for attempt in attempts if attempt.kind in {"non_resident", "too_old"}]
    for index, attempt in enumerate(a for a in attempts if a.kind == "resident"):
        ordered.append(attempt)
        if attempt.key in retries:
            ordered.append(retries[attempt.key])
        if index % 13 == 0 and others:
            ordered.append(others.pop())
    ordered.extend(others)
    assert len(ordered) == ATTEMPTS
    return ordered, periods


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc), 0 when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children_of(pid: int) -> list[int]:
    try:
        return [
            int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        ]
    except OSError:
        return []


def database_backends() -> list[int]:
    """The PostgreSQL server processes serving the benchmark database (other than ours)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        )
        pids = [int(row[0]) for row in cursor.fetchall()]
    connection.close()
    return pids


@dataclass
class CpuSplit:
    """CPU seconds spent by the web workers, the database server processes and the client
    while the attempts were sent (on this machine: all on the same 2 cores)."""

    web: float
    database: float
    client: float

    @property
    def total(self) -> float:
        return self.web + self.database + self.client


class Server:
    """gunicorn with sync workers; the claim strategy comes from the environment."""

    def __init__(self, *, workers: int, strategy: str, port: int = 8941) -> None:
        self.workers, self.strategy, self.port = workers, strategy, port
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Server:
        environment = dict(os.environ)
        environment.update(
            {
                "LOKET_MODE": environment.get("LOKET_MODE", "demo"),
                "PYTHONPATH": f"{REPOSITORY / 'src'}:{BENCH_DIR}",
                "DJANGO_SETTINGS_MODULE": "activities_settings",
                "LOKET_ACTIVITIES_SEAT_CLAIM": self.strategy,
            }
        )
        gunicorn = Path(sys.executable).parent / "gunicorn"
        self.process = subprocess.Popen(
            [
                str(gunicorn),
                "loket.config.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--backlog",
                "4096",
                "--log-level",
                "warning",
            ],
            env=environment,
            cwd=REPOSITORY,
        )
        deadline = time.time() + 90
        while time.time() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/health", timeout=2)
                return self
            except OSError:
                time.sleep(0.3)
        self.__exit__()
        sys.exit("the server did not start")

    def workers_cpu(self) -> dict[int, float]:
        assert self.process is not None
        return {pid: cpu_seconds(pid) for pid in children_of(self.process.pid)}

    def __exit__(self, *args: object) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


async def _send(attempts: list[Attempt], port: int, clients: int) -> float:
    import aiohttp

    queue: asyncio.Queue[Attempt] = asyncio.Queue()
    for attempt in attempts:
        queue.put_nowait(attempt)
    url = f"http://127.0.0.1:{port}/api/v1/activities/registrations"

    async def client(session: aiohttp.ClientSession) -> None:
        while not queue.empty():
            attempt = queue.get_nowait()
            started = time.perf_counter()
            async with session.post(
                url,
                json={"period_id": attempt.period_id, "child_id": attempt.child_id},
                headers={
                    "Idempotency-Key": attempt.key,
                    "X-CSRFToken": attempt.csrf,
                    "Cookie": f"sessionid={attempt.session}; csrftoken={attempt.csrf}",
                    "Accept-Language": "en",
                },
            ) as response:
                attempt.status = response.status
                attempt.body = await response.json()
            attempt.seconds = time.perf_counter() - started

    connector = aiohttp.TCPConnector(limit=clients)
    timeout = aiohttp.ClientTimeout(total=300)
    async with aiohttp.ClientSession(
        connector=connector, timeout=timeout, cookie_jar=aiohttp.DummyCookieJar()
    ) as session:
        started = time.perf_counter()
        await asyncio.gather(*(client(session) for _ in range(clients)))
        return time.perf_counter() - started


def _floor_worker(
    job: tuple[list[tuple[int, Attempt]], str],
) -> list[tuple[int, int, dict[str, object], float]]:
    """One process of the floor: the registration service called directly (no HTTP, no
    middleware, no serialisation), for its share of the attempts in arrival order."""
    share, strategy = job
    from django.conf import settings
    from django.core.exceptions import ValidationError
    from django.db import connection

    from loket.activities.services import registration_create
    from loket.tenancy.access import actor_for_resident

    settings.LOKET_ACTIVITIES_SEAT_CLAIM = strategy
    connection.close()  # a connection of its own, not the parent's
    answers = []
    for index, attempt in share:
        started = time.perf_counter()
        try:
            result = registration_create(
                actor=actor_for_resident(attempt.parent_id),
                period_id=attempt.period_id,
                child_id=attempt.child_id,
                idempotency_key=attempt.key,
            )
            status, body = 201, {"status": result.registration.status, "id": result.registration.pk}
        except ValidationError as error:
            status, body = 422, {"error": {"message": " ".join(error.messages)}}
        answers.append((index, status, body, time.perf_counter() - started))
    return answers  # the connection stays open until the pool ends: its CPU is read first


def floor_run(strategy: str, *, clients: int) -> Result:
    """The floor: the same attempts through the service in `clients` processes, without the
    web server; checked with the same assertions."""
    import multiprocessing

    from django.db import connection

    attempts, periods = prepare()
    connection.close()
    shares: list[list[tuple[int, Attempt]]] = [[] for _ in range(clients)]
    for index, attempt in enumerate(attempts):
        shares[index % clients].append((index, attempt))
    database_before = {pid: cpu_seconds(pid) for pid in database_backends()}
    context = multiprocessing.get_context("fork")
    with context.Pool(clients) as pool:
        workers = [child.pid for child in multiprocessing.active_children() if child.pid]
        workers_before = {pid: cpu_seconds(pid) for pid in workers}
        started = time.perf_counter()
        results = pool.map(_floor_worker, [(share, strategy) for share in shares])
        seconds = time.perf_counter() - started
        workers_cpu = sum(cpu_seconds(pid) - workers_before.get(pid, 0.0) for pid in workers)
        database_after = {pid: cpu_seconds(pid) for pid in database_backends()}
    for answers in results:
        for index, status, body, elapsed in answers:
            attempts[index].status, attempts[index].body = status, body
            attempts[index].seconds = elapsed
    latencies = [attempt.seconds for attempt in attempts]
    outcomes = check(attempts, periods)
    cpu = CpuSplit(
        web=workers_cpu,
        database=sum(
            value - database_before.get(pid, 0.0) for pid, value in database_after.items()
        ),
        client=0.0,
    )
    return Result(
        f"floor ({strategy}, service in {clients} processes, no HTTP)",
        seconds,
        percentile(latencies, 0.5),
        percentile(latencies, 0.95),
        percentile(latencies, 0.99),
        outcomes,
        inversions_count(periods),
        cpu,
    )


def check(attempts: list[Attempt], periods: list[int]) -> dict[str, int]:
    """The assertions of the benchmark; returns the counts of outcomes."""
    from django.db.models import Count

    from loket.activities.models import Registration, Seat
    from loket.activities.workflow import HOLDING_STATUSES, RegistrationStatus

    outcomes: dict[str, int] = {}
    for attempt in attempts:
        if attempt.status in (200, 201):
            outcome = str(attempt.body["status"])
        elif attempt.status == 422 and attempt.body.get("error", {}).get("message"):  # type: ignore[union-attr]
            outcome = "refused"
        else:
            raise AssertionError(f"lost attempt: {attempt.kind} {attempt.status} {attempt.body}")
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
        expected = {"resident": {"confirmed", "waiting"}, "retry": {"confirmed", "waiting"}}
        assert outcome in expected.get(attempt.kind, {"refused"}), (attempt.kind, attempt.body)
    for period_id in periods:
        held = Registration.objects.filter(period_id=period_id, status__in=HOLDING_STATUSES)
        assert held.count() == PLACES, f"period {period_id}: {held.count()} places held"
        assert Seat.objects.filter(period_id=period_id, is_taken=True).count() == PLACES
        waiting = list(
            Registration.objects.filter(period_id=period_id, status=RegistrationStatus.WAITING)
            .order_by("arrival")
            .values_list("arrival", flat=True)
        )
        assert waiting == sorted(set(waiting)), "waiting list not in arrival order"
    duplicates = (
        Registration.objects.values("period_id", "child_id").annotate(n=Count("pk")).filter(n__gt=1)
    )
    assert not duplicates.exists(), "a child registered twice"
    assert Registration.objects.count() == RESIDENTS, Registration.objects.count()
    firsts = {a.key: a for a in attempts if a.kind == "resident"}
    for attempt in attempts:
        if attempt.kind == "retry":
            assert attempt.body["id"] == firsts[attempt.key].body["id"], "a retry made another"
    return outcomes


@dataclass
class Result:
    strategy: str
    seconds: float
    p50: float
    p95: float
    p99: float
    outcomes: dict[str, int]
    inversions: int
    cpu: CpuSplit


def inversions_count(periods: list[int]) -> int:
    """Waiting registrations that arrived before a confirmed one of the same camp (requests
    in flight at the same moment; the arrival number is taken when a request comes in)."""
    from loket.activities.models import Registration
    from loket.activities.workflow import RegistrationStatus

    total = 0
    for period_id in periods:
        rows = Registration.objects.filter(period_id=period_id)
        last_confirmed = max(
            rows.filter(status=RegistrationStatus.CONFIRMED).values_list("arrival", flat=True)
        )
        total += rows.filter(status=RegistrationStatus.WAITING, arrival__lt=last_confirmed).count()
    return total


def run(strategy: str, *, clients: int, workers: int) -> Result:
    from django.db import connection

    attempts, periods = prepare()
    connection.close()
    with Server(workers=workers, strategy=strategy) as server:
        web_before = server.workers_cpu()
        database_before = {pid: cpu_seconds(pid) for pid in database_backends()}
        client_before = time.process_time()
        seconds = asyncio.run(_send(attempts, server.port, clients))
        client_cpu = time.process_time() - client_before
        web_after = server.workers_cpu()
        database_after = {pid: cpu_seconds(pid) for pid in database_backends()}
    cpu = CpuSplit(
        web=sum(value - web_before.get(pid, 0.0) for pid, value in web_after.items()),
        database=sum(
            value - database_before.get(pid, 0.0) for pid, value in database_after.items()
        ),
        client=client_cpu,
    )
    latencies = [attempt.seconds for attempt in attempts]
    print(
        f"{strategy}: {seconds:.1f} s, p95 {percentile(latencies, 0.95) * 1000:.0f} ms",
        flush=True,
    )
    outcomes = check(attempts, periods)
    return Result(
        strategy,
        seconds,
        percentile(latencies, 0.5),
        percentile(latencies, 0.95),
        percentile(latencies, 0.99),
        outcomes,
        inversions_count(periods),
        cpu,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=48)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--strategies", default="seats,naive")
    parser.add_argument(
        "--floor",
        type=int,
        default=4,
        help="processes calling the service directly for the floor (0: no floor)",
    )
    options = parser.parse_args()
    django_setup()
    results = []
    floor: Result | None = None
    runs: list[tuple[str, int]] = [(strategy, 0) for strategy in options.strategies.split(",")]
    if options.floor:
        runs.append(("seats", options.floor))
    for strategy, floor_processes in runs:
        before = os.getloadavg()
        if floor_processes:
            result = floor = floor_run(strategy, clients=floor_processes)
        else:
            result = run(strategy, clients=options.clients, workers=options.workers)
            results.append(result)
        print(
            f"{result.strategy:6} {ATTEMPTS} attempts in {result.seconds:5.1f} s "
            f"({ATTEMPTS / result.seconds:5.0f}/s), latency p50 {result.p50 * 1000:4.0f} ms "
            f"p95 {result.p95 * 1000:5.0f} ms p99 {result.p99 * 1000:5.0f} ms; {result.outcomes}; "
            f"arrival inversions {result.inversions}; load before "
            f"{before[0]:.2f} {before[1]:.2f} {before[2]:.2f}"
        )
        per = 1000 / ATTEMPTS
        total_ms = (result.cpu.web + result.cpu.database + result.cpu.client) * per
        cores = os.cpu_count() or 1
        print(
            f"       CPU per attempt: web {result.cpu.web * per:.1f} ms, database "
            f"{result.cpu.database * per:.1f} ms, client {result.cpu.client * per:.1f} ms; "
            f"total {total_ms:.1f} ms, so at most {cores * 1000 / total_ms:.0f}/s on "
            f"{cores} cores"
        )
        ok = result.seconds <= TARGET_SECONDS and result.p95 <= TARGET_P95
        verdict = "met" if ok else "NOT met"
        print(f"       target (≤ {TARGET_SECONDS} s, p95 ≤ {TARGET_P95} s): {verdict}")
    if len(results) == 2:
        fast, naive = results
        print(
            f"ratio naive/seats: time {naive.seconds / fast.seconds:.2f}, "
            f"p95 {naive.p95 / fast.p95:.2f}"
        )
    if floor is not None and results:
        print(
            f"ratio HTTP/floor (seats): time {results[0].seconds / floor.seconds:.2f}, "
            f"CPU per attempt {results[0].cpu.total / floor.cpu.total:.2f}"
        )
    print(f"machine: {machine_line(machine())}; load average now {os.getloadavg()}")


if __name__ == "__main__":
    main()
