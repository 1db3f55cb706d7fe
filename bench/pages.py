"""Benchmark: what a back-office page costs, page by page, on region-scale data.

Builds (or reuses) a benchmark database with the whole demo (every domain, every demo
account) topped up to region scale in Zuid-West-Vlaanderen: 100,000 reports (COPY, from
`reports_data`), 30,000 cases (COPY; a featured resident is the applicant of a few hundred,
so their 360° view has a long timeline) and 50,000 extra residents. Then, for every
back-office list and detail page, signed in as a demo account whose role opens it:

- HTTP (default): starts gunicorn itself (2 sync workers), signs in through the sign-in form
  (session cookie) and requests each page N times from 4 concurrent clients; p50/p95 of the
  wall-clock time per request;
- the floor: the SQL the page ran (captured once in-process), replayed N times on one
  connection (p50/p95 of the replay), i.e. what the page costs the database alone;
- `--in-process`: the Django test client instead of HTTP (steadier on a shared machine),
  splitting each request into SQL, template rendering (without the SQL of the querysets
  it evaluated) and the rest (middleware, view, ORM outside the templates), and counting
  the Python function calls of one request (the same on every run, whatever the load);
  over HTTP the same split comes from `--split-requests` in-process requests per page;
- `--in-process --profile`: cProfile over the requests, the top functions per page.

A quiet re-run from a clean data set (the table goes into BENCHMARKS.md as printed):

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/loket_bench_pages
    .venv/bin/python bench/pages.py --fresh --data-only      # drop, rebuild (about 40 s)
    .venv/bin/python bench/pages.py --requests 40 --runs 3   # HTTP, 4 clients, 3 runs
    .venv/bin/python bench/pages.py --in-process --requests 30

Other options: `--only "cases queue,case"` (pages whose name contains one of these),
`--clients 1`, `--sort tottime` with `--profile`.

The database name must contain "bench". Every run prints the machine, the date and the
load average before and after (this machine is shared: compare runs, not absolute figures).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import http.client
import io
import os
import pstats
import random
import re
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from reports_common import Server, django_setup, machine, machine_line, percentile

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/loket_bench_pages"
REGION = "zuid-west-vlaanderen"
KORTRIJK = "34022"
REPORTS = 100_000
CASES = 30_000
EXTRA_RESIDENTS = 50_000
FEATURED_CASES = 300
TARGET_P95_MS = 100.0
CLIENTS = 4
WORKERS = 2
# Who opens the pages: the first of these accounts the page answers 200 for.
ACCOUNTS = (
    "kortrijk.admin",
    "kortrijk.handler",
    "zwvl.admin",
    "kortrijk.clerk",
    "kortrijk.secretary",
    "zwvl.contactcenter",
)


@dataclass
class Page:
    name: str
    path: str
    account: str = ""
    # filled in while measuring
    http: list[float] = field(default_factory=list)
    floor: list[float] = field(default_factory=list)
    total: list[float] = field(default_factory=list)
    sql: list[float] = field(default_factory=list)
    # time in template rendering, without the SQL run while rendering (lazy querysets)
    render: list[float] = field(default_factory=list)
    queries: int = 0
    # Python function calls made to answer one request (the same on every run of the same
    # code, whatever the load: the stable measure of the work)
    calls: int = 0
    statements: list[tuple[str, Any]] = field(default_factory=list)


# --- data -------------------------------------------------------------------------------


def _data_prepare() -> None:
    from django.core.management import call_command

    from loket.accounts.models import User

    call_command("migrate", verbosity=0)
    if not User.objects.filter(username="kortrijk.admin").exists():
        print("loading the demo …", flush=True)
        started = time.perf_counter()
        call_command("demo_load", no_accounts=True, stdout=io.StringIO())
        print(f"demo loaded in {time.perf_counter() - started:.0f} s", flush=True)


def _residents_top_up() -> None:
    from people_search import FIRST_NAMES, SURNAMES

    from loket.people.models import Person
    from loket.people.services import name_normalise
    from loket.people.validators import national_number_build
    from loket.tenancy.models import Municipality

    municipalities = list(Municipality.objects.filter(region__slug=REGION).order_by("nis_code"))
    marker = "bench"
    if Person.objects.filter(email__endswith=f"@{marker}.invalid").exists():
        return
    started = time.perf_counter()
    rng = random.Random(50_000)
    batch: list[Person] = []
    for index in range(EXTRA_RESIDENTS):
        born = dt.date(1930, 1, 1) + dt.timedelta(days=index % 30_000)
        first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
        municipality = rng.choice(municipalities)
        batch.append(
            Person(
                region_id=municipality.region_id,
                municipality=municipality,
                national_number=national_number_build(born, 900 + index // 30_000),
                first_names=first,
                last_name=last,
                birth_date=born,
                email=f"r{index}@{marker}.invalid",
                search_name=name_normalise(f"{first} {last}"),
            )
        )
        if len(batch) == 5_000:
            Person.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    Person.objects.bulk_create(batch, ignore_conflicts=True)
    print(f"residents: +{EXTRA_RESIDENTS:,} in {time.perf_counter() - started:.0f} s", flush=True)


def _featured_resident_id() -> int:
    from loket.demo.services import featured_national_numbers
    from loket.people.models import Person

    return Person.objects.get(national_number=featured_national_numbers()["sofie"]).pk


def _cases_top_up() -> None:
    """COPY `CASES` cases into the region (marked by their idempotency scope "bench")."""
    from django.db import connection

    from loket.accounts.models import User
    from loket.cases.models import Case
    from loket.catalog.models import FormDefinition, Product
    from loket.people.models import Person
    from loket.tenancy.models import Department, Municipality

    if Case.objects.filter(idempotency_scope="bench").count() == CASES:
        return
    started = time.perf_counter()
    Case.objects.filter(idempotency_scope="bench").delete()
    municipalities = list(Municipality.objects.filter(region__slug=REGION).order_by("nis_code"))
    kortrijk = next(m for m in municipalities if m.nis_code == KORTRIJK)
    departments: dict[int, list[int]] = {}
    for department_id, municipality_id in Department.objects.filter(
        municipality__in=municipalities
    ).values_list("pk", "municipality_id"):
        departments.setdefault(municipality_id, []).append(department_id)
    forms = dict(
        FormDefinition.objects.order_by("product_id", "version").values_list("product_id", "pk")
    )
    product_ids = [pk for pk in Product.objects.values_list("pk", flat=True) if pk in forms]
    applicants = list(
        Person.objects.filter(region__slug=REGION)
        .order_by("?")
        .values_list("pk", flat=True)[:20_000]
    )
    featured = _featured_resident_id()
    handlers = list(
        User.objects.filter(username__startswith="kortrijk.").values_list("pk", flat=True)
    )
    population = Department.objects.get(municipality=kortrijk, code="population").pk
    rng = random.Random(30_000)
    today = dt.date.today()
    statuses = (
        ("submitted", 10), ("in_treatment", 10), ("waiting_for_resident", 5), ("approved", 5),
        ("rejected", 2), ("closed", 63), ("withdrawn", 5),
    )  # fmt: skip
    names, weights = zip(*statuses, strict=True)
    columns = (
        "region_id, municipality_id, number, year, sequence, product_id, form_definition_id, "
        "applicant_id, answers, register_snapshot, language, status, channel, "
        "idempotency_scope, idempotency_key, request_fingerprint, department_id, handler_id, "
        "fee_cents, paid_at, submitted_at, due_date, counts_working_days, decided_at, "
        "closed_at, updated_at"
    )
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY cases_case ({columns}) FROM STDIN") as copy:  # type: ignore[attr-defined]
            for index in range(CASES):
                municipality = kortrijk if rng.random() < 0.5 else rng.choice(municipalities)
                status = rng.choices(names, weights)[0]
                is_open = status in {"submitted", "in_treatment", "waiting_for_resident"}
                submitted = dt.datetime.combine(
                    today - dt.timedelta(days=rng.randrange(0, 60 if is_open else 1_000)),
                    dt.time(9),
                    tzinfo=dt.UTC,
                ) + dt.timedelta(minutes=rng.randrange(480))
                department = (
                    population
                    if municipality == kortrijk and rng.random() < 0.4
                    else rng.choice(departments[municipality.pk])
                )
                decided = submitted + dt.timedelta(days=3) if not is_open else None
                product_id = rng.choice(product_ids)
                copy.write_row(
                    (
                        municipality.region_id,
                        municipality.pk,
                        f"B-{municipality.slug.upper()}-{index:06d}",
                        submitted.year,
                        900_000 + index,
                        product_id,
                        forms[product_id],
                        featured if index < FEATURED_CASES else rng.choice(applicants),
                        "{}",
                        "{}",
                        "nl",
                        status,
                        "portal",
                        "bench",
                        f"bench-{index}",
                        "0" * 64,
                        department,
                        rng.choice(handlers)
                        if municipality == kortrijk and rng.random() < 0.5
                        else None,
                        0,
                        None,
                        submitted,
                        submitted.date() + dt.timedelta(days=rng.choice((0, 5, 10, 21, 30))),
                        False,
                        decided,
                        decided if status in {"closed", "withdrawn"} else None,
                        submitted,
                    )
                )
        cursor.execute("ANALYZE cases_case")
    print(f"cases: {CASES:,} in {time.perf_counter() - started:.0f} s", flush=True)


def data_ensure() -> None:
    import reports_data

    from loket.tenancy.models import Region

    _data_prepare()
    result = reports_data.load(Region.objects.get(slug=REGION), REPORTS)
    if result["seconds"]:
        print(f"reports: {REPORTS:,} in {result['seconds']:.0f} s", flush=True)
    _residents_top_up()
    _cases_top_up()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


# --- the pages --------------------------------------------------------------------------


def _latest(model: Any, **filters: Any) -> str:
    """The id of the newest row (in Kortrijk when filtered so), "" when there is none."""
    found = model.objects.filter(**filters).order_by("-pk").values_list("pk", flat=True).first()
    if found is None:
        found = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return "" if found is None else str(found)


def pages() -> list[Page]:
    """Every back-office list and detail page, with the ids of real rows in Kortrijk."""
    from loket.activities.models import Activity
    from loket.appointments.models import Appointment, Desk
    from loket.audit.models import AccessPurpose
    from loket.cases.models import Case
    from loket.council.models import Meeting
    from loket.crm.models import ContactMoment, ContactQuestion
    from loket.notify.models import Notification
    from loket.participation.models import Idea
    from loket.payments.models import PaymentRequest
    from loket.reports.models import Report
    from loket.resources.models import Booking
    from loket.tenancy.models import Municipality

    kortrijk = {"municipality__nis_code": KORTRIJK}
    resident = _featured_resident_id()
    appointment = _latest(Appointment, office__municipality__nis_code=KORTRIJK)
    office = Desk.objects.filter(office__municipality__nis_code=KORTRIJK).values_list(
        "office_id", "pk"
    )[0]
    found: list[tuple[str, str, str]] = [
        ("cases queue", "/backoffice/dossiers/?view=department", "kortrijk.handler"),
        (
            "case",
            f"/backoffice/dossiers/{_latest(Case, department__code='population', **kortrijk)}/",
            "kortrijk.handler",
        ),
        ("reports queue (municipality)", "/backoffice/meldingen/", ""),
        ("reports queue (region)", "/backoffice/meldingen/", "zwvl.admin"),
        ("report", f"/backoffice/meldingen/{_latest(Report, **kortrijk)}/", ""),
        ("payments", "/backoffice/betalingen/", ""),
        ("payment", f"/backoffice/betalingen/{_latest(PaymentRequest, **kortrijk)}/", ""),
        ("reconciliation", "/backoffice/betalingen/afstemming/", ""),
        ("documents search", "/backoffice/documenten/?q=attest", ""),
        ("residents search", "/backoffice/inwoners/?q=vandenbroucke", ""),
        (
            "resident 360° view",
            f"/backoffice/inwoners/{resident}/?purpose={AccessPurpose.CASE_HANDLING.value}",
            "",
        ),
        ("notifications", "/backoffice/berichten/", ""),
        ("notification", f"/backoffice/berichten/{_latest(Notification, **kortrijk)}/", ""),
        ("contact questions", "/backoffice/contactcenter/", ""),
        (
            "contact question",
            f"/backoffice/contactcenter/{_latest(ContactQuestion, **kortrijk)}/",
            "",
        ),
        ("appointments (offices)", "/backoffice/afspraken/", ""),
        ("office calendar", f"/backoffice/afspraken/kantoren/{office[0]}/", ""),
        (
            "appointment",
            f"/backoffice/afspraken/{appointment}/",
            "",
        ),
        ("queue offices", "/backoffice/wachtrij/", ""),
        ("queue desk", f"/backoffice/wachtrij/balie/{office[1]}/", ""),
        ("activities", "/backoffice/activiteiten/", ""),
        ("activity", f"/backoffice/activiteiten/{_latest(Activity, **kortrijk)}/", ""),
        ("reservations", "/backoffice/reservaties/", ""),
        ("reservation", f"/backoffice/reservaties/{_latest(Booking, **kortrijk)}/", ""),
        ("contact moment", f"/backoffice/contacten/{_latest(ContactMoment, **kortrijk)}/", ""),
        ("search box", "/backoffice/zoeken/?q=vandenbrouke", "kortrijk.clerk"),
        ("suggestions uptake", "/backoffice/suggesties/", ""),
        ("home visits route", "/backoffice/huisbezoeken/", "kortrijk.clerk"),
        ("received e-mails", "/backoffice/contacten/e-mail/", "kortrijk.clerk"),
        ("knowledge articles", "/backoffice/kennisbank/", "zwvl.contactcenter"),
        ("contact questions (region)", "/backoffice/contactcenter/", "zwvl.contactcenter"),
        ("council meetings", "/backoffice/bestuur/", "kortrijk.secretary"),
        (
            "council meeting",
            f"/backoffice/bestuur/zittingen/{_latest(Meeting, **kortrijk)}/",
            "kortrijk.secretary",
        ),
        ("ideas", "/backoffice/ideeen/", ""),
        ("idea", f"/backoffice/ideeen/{_latest(Idea, **kortrijk)}/", ""),
        (
            "staff and roles",
            f"/backoffice/gemeenten/{Municipality.objects.get(nis_code=KORTRIJK).pk}/medewerkers/",
            "kortrijk.admin",
        ),
        ("home (baseline)", "/backoffice/", "kortrijk.clerk"),
    ]
    # A detail page without a row to show (the demo has none) is left out.
    return [Page(name, path, account) for name, path, account in found if "//" not in path]


# --- in-process -------------------------------------------------------------------------


class _SqlTimer:
    def __init__(self) -> None:
        self.seconds = 0.0
        self.count = 0
        self.statements: list[tuple[str, Any]] = []

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.count += 1
            if not many:
                self.statements.append((sql, params))


class _RenderTimer:
    """Time spent in the outermost template renders of a request (`render()`,
    `render_to_string()`), the SQL they ran (lazy querysets) taken out by the caller."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.sql_seconds = 0.0
        self.depth = 0

    def install(self, sql: _SqlTimer) -> Any:
        from django.template.backends.django import Template

        original = Template.render
        timer = self

        def render(template: Any, *args: Any, **kwargs: Any) -> Any:
            if timer.depth:
                return original(template, *args, **kwargs)
            timer.depth += 1
            sql_before = sql.seconds
            started = time.perf_counter()
            try:
                return original(template, *args, **kwargs)
            finally:
                timer.seconds += time.perf_counter() - started
                timer.sql_seconds += sql.seconds - sql_before
                timer.depth -= 1

        Template.render = render  # type: ignore[method-assign]
        return lambda: setattr(Template, "render", original)


def _clients() -> dict[str, Any]:
    from django.conf import settings
    from django.test import Client

    from loket.accounts.models import User

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    clients = {}
    for username in ACCOUNTS:
        client = Client()
        user = User.objects.get(username=username)
        client.force_login(user)
        second_factor_proved(client.session, user.pk)
        clients[username] = client
    return clients


def second_factor_proved(session: Any, user_id: int) -> None:
    """Mark a staff session as past two-step verification (docs/identity.md), as the code
    step does: the benchmarks measure the pages, not the authenticator step."""
    from loket.identity.mfa import MFA_SESSION_KEY, MfaMethod

    session[MFA_SESSION_KEY] = {"user": user_id, "method": str(MfaMethod.TOTP)}
    session.save()


def accounts_choose(page_list: list[Page]) -> None:
    clients = _clients()
    for page in page_list:
        candidates = [page.account] if page.account else list(ACCOUNTS)
        for username in candidates:
            status = clients[username].get(page.path).status_code
            if status == 200:
                page.account = username
                break
        else:
            raise SystemExit(f"{page.name}: {page.path} answers {status} for {candidates}")


def measure_in_process(page_list: list[Page], requests: int) -> None:
    from django.db import connection

    clients = _clients()
    for page in page_list:
        client = clients[page.account]
        timer = _SqlTimer()
        with connection.execute_wrapper(timer):
            client.get(page.path)  # warm-up, and the page's SQL for the floor
        page.statements = timer.statements
        page.queries = timer.count
        page.calls = _calls(client, page.path)
        for _ in range(requests):
            timer = _SqlTimer()
            rendering = _RenderTimer()
            restore = rendering.install(timer)
            started = time.perf_counter()
            try:
                with connection.execute_wrapper(timer):
                    response = client.get(page.path)
            finally:
                restore()
            page.total.append(time.perf_counter() - started)
            page.sql.append(timer.seconds)
            page.render.append(rendering.seconds - rendering.sql_seconds)
            assert response.status_code == 200, (page.path, response.status_code)


def _calls(client: Any, path: str) -> int:
    """Python function calls made to answer `path` once (sys.setprofile)."""
    import sys

    calls = 0

    def count(frame: Any, event: str, argument: Any) -> None:
        nonlocal calls
        if event == "call":
            calls += 1

    sys.setprofile(count)
    try:
        client.get(path)
    finally:
        sys.setprofile(None)
    return calls


def floor_measure(page_list: list[Page], requests: int) -> None:
    """Replay each page's SQL (in a transaction rolled back: some pages write the access
    log or the session)."""
    from django.db import connection, transaction

    for page in page_list:
        for _ in range(requests + 1):
            started = time.perf_counter()
            with transaction.atomic():
                with connection.cursor() as cursor:
                    for sql, params in page.statements:
                        if sql.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")):
                            continue
                        cursor.execute(sql, params)
                transaction.set_rollback(True)
            page.floor.append(time.perf_counter() - started)
        page.floor.pop(0)  # warm-up


def profile(page_list: list[Page], requests: int, top: int, sort: str = "cumulative") -> None:
    clients = _clients()
    for page in page_list:
        client = clients[page.account]
        client.get(page.path)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(requests):
            client.get(page.path)
        profiler.disable()
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).sort_stats(sort)
        stats.print_stats(top)
        body = out.getvalue()
        body = body[body.find("   ncalls") :]
        print(f"\n### {page.name} ({page.path}, {requests} requests)\n{body}", flush=True)


# --- HTTP -------------------------------------------------------------------------------


def _cookies(response: http.client.HTTPResponse) -> dict[str, str]:
    found = {}
    for header, value in response.getheaders():
        if header.lower() == "set-cookie":
            name, _, rest = value.partition("=")
            found[name] = rest.split(";", 1)[0]
    return found


def http_sign_in(port: int, username: str, password: str) -> str:
    """The session cookie after signing in through the staff sign-in form."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/backoffice/aanmelden/")
    response = connection.getresponse()
    html = response.read().decode()
    cookies = _cookies(response)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert token, "no CSRF token on the sign-in page"
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request(
        "POST",
        "/backoffice/aanmelden/",
        body=urlencode(
            {"username": username, "password": password, "csrfmiddlewaretoken": token.group(1)}
        ),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items()),
            "Referer": f"http://127.0.0.1:{port}/backoffice/aanmelden/",
        },
    )
    response = connection.getresponse()
    response.read()
    cookies.update(_cookies(response))
    assert response.status == 302, (username, response.status)
    assert "sessionid" in cookies, username
    from importlib import import_module

    from django.conf import settings

    from loket.accounts.models import User

    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key=cookies["sessionid"])
    second_factor_proved(store, User.objects.get(username=username).pk)
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def measure_http(page_list: list[Page], requests: int, port: int, clients: int) -> None:
    from loket.demo.selectors import demo_password

    sessions = {
        username: http_sign_in(port, username, demo_password())
        for username in {page.account for page in page_list}
    }

    def fetch(path: str, cookie: str) -> float:
        started = time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        connection.request("GET", path, headers={"Cookie": cookie})
        response = connection.getresponse()
        response.read()
        elapsed = time.perf_counter() - started
        connection.close()
        assert response.status == 200, (path, response.status)
        return elapsed

    for page in page_list:
        cookie = sessions[page.account]
        for _ in range(WORKERS * 2):  # warm up every worker
            fetch(page.path, cookie)
        times: list[float] = []
        lock = threading.Lock()

        def client(
            count: int,
            path: str = page.path,
            cookie: str = cookie,
            times: list[float] = times,
            lock: threading.Lock = lock,
        ) -> None:
            for _ in range(count):
                elapsed = fetch(path, cookie)
                with lock:
                    times.append(elapsed)

        threads = [
            threading.Thread(target=client, args=(requests // clients,)) for _ in range(clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        page.http = times


# --- report -----------------------------------------------------------------------------


def _ms(values: list[float], fraction: float) -> str:
    return f"{percentile(values, fraction) * 1000:.1f}" if values else "-"


def _split(page: Page) -> tuple[float, float, float]:
    """p50 of the SQL, the template rendering and the rest (middleware, view, ORM outside
    the templates) of the in-process requests, in ms."""
    rest = [
        total - sql - render
        for total, sql, render in zip(page.total, page.sql, page.render, strict=True)
    ]
    return (
        percentile(page.sql, 0.5) * 1000,
        percentile(page.render, 0.5) * 1000,
        percentile(rest, 0.5) * 1000,
    )


def table(page_list: list[Page], *, in_process: bool) -> str:
    """The BENCHMARKS.md table: p50/p95 per page (in-process or over HTTP), the floor (the
    page's own SQL replayed), p95 / floor, and where an in-process request's time goes
    (SQL, template rendering, the rest) with (rendering + rest) / SQL, the "render/SQL"
    ratio of the target (at most 2)."""
    what = "in-process" if in_process else "HTTP"
    lines = [
        f"| page | account | queries | calls | {what} p50 ms | {what} p95 ms | floor p50 ms | "
        "floor p95 ms | p95 / floor | SQL p50 ms | templates p50 ms | other p50 ms | "
        "render / SQL |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for page in page_list:
        measured = page.total if in_process else page.http
        ratio = percentile(measured, 0.95) / max(percentile(page.floor, 0.95), 1e-6)
        sql, render, rest = _split(page) if page.total else (0.0, 0.0, 0.0)
        lines.append(
            f"| {page.name} | {page.account} | {page.queries} | {page.calls:,} | "
            f"{_ms(measured, 0.5)} | "
            f"{_ms(measured, 0.95)} | {_ms(page.floor, 0.5)} | {_ms(page.floor, 0.95)} | "
            f"{ratio:.1f} | {sql:.1f} | {render:.1f} | {rest:.1f} | "
            f"{(render + rest) / max(sql, 1e-6):.1f} |"
        )
    return "\n".join(lines)


def _uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()


def database_drop() -> None:
    """Drop the benchmark database (its name must contain "bench"), for a run from a clean
    data set; `django_setup()` creates it again."""
    import psycopg

    base, name = os.environ["DATABASE_URL"].rsplit("/", 1)
    if "bench" not in name:
        raise SystemExit(f"refusing to drop {name!r}: the database name must contain 'bench'")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    print(f"dropped {name}", flush=True)


def _quiet() -> None:
    """No task registration or job log lines, no tracebacks of the 403s met while choosing
    an account: only the figures."""
    import logging

    logging.disable(logging.WARNING)  # this process only; the server logs as configured


def _summary(page_list: list[Page], *, in_process: bool) -> str:
    def measured(page: Page) -> list[float]:
        return page.total if in_process else page.http

    p50s = [percentile(measured(page), 0.5) for page in page_list]
    worst = max(page_list, key=lambda page: percentile(measured(page), 0.95))
    over = [
        f"{page.name} {percentile(measured(page), 0.95) * 1000:.0f}"
        for page in page_list
        if percentile(measured(page), 0.95) * 1000 > TARGET_P95_MS
    ]
    within = len(page_list) - len(over)
    return (
        f"slowest p95: {worst.name} {percentile(measured(worst), 0.95) * 1000:.1f} ms "
        f"(target {TARGET_P95_MS:.0f} ms); median of the p50s "
        f"{statistics.median(p50s) * 1000:.1f} ms; {within} of {len(page_list)} pages "
        f"≤ {TARGET_P95_MS:.0f} ms p95" + (f"; over it (p95 ms): {', '.join(over)}" if over else "")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=40, help="per page")
    parser.add_argument("--in-process", action="store_true", help="Django test client")
    parser.add_argument("--clients", type=int, default=CLIENTS, help="concurrent HTTP clients")
    parser.add_argument("--runs", type=int, default=1, help="HTTP: runs back to back")
    parser.add_argument(
        "--split-requests",
        type=int,
        default=20,
        help="HTTP: in-process requests per page for the SQL / rendering split",
    )
    parser.add_argument("--profile", action="store_true", help="with --in-process: cProfile")
    parser.add_argument("--top", type=int, default=30, help="functions per profile")
    parser.add_argument(
        "--only", default="", help="pages whose name contains this (several: comma-separated)"
    )
    parser.add_argument("--sort", default="cumulative", help="profile order (tottime …)")
    parser.add_argument(
        "--fresh", action="store_true", help="drop the benchmark database and build it anew"
    )
    parser.add_argument(
        "--data-only", action="store_true", help="build the data set, measure nothing"
    )
    options = parser.parse_args()
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    os.environ.setdefault("LOKET_MODE", "demo")
    if options.fresh:
        database_drop()
    _quiet()
    django_setup()
    started = time.perf_counter()
    data_ensure()
    print(f"data set ready ({time.perf_counter() - started:.0f} s)", flush=True)
    if options.data_only:
        return
    wanted = [name.strip() for name in options.only.split(",")]
    page_list = [page for page in pages() if any(name in page.name for name in wanted)]
    accounts_choose(page_list)
    print(f"date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC", flush=True)
    print(f"machine: {machine_line(machine())}")
    mode = (
        "in-process (Django test client)"
        if options.in_process
        else f"HTTP: gunicorn {WORKERS} sync workers, {options.clients} concurrent clients"
    )
    print(f"{mode}, {options.requests} requests per page", flush=True)
    print(f"load before: {_uptime()}", flush=True)
    if options.profile:
        profile(page_list, options.requests, options.top, options.sort)
        print(f"load after: {_uptime()}")
        return
    if options.in_process:
        measure_in_process(page_list, options.requests)
        floor_measure(page_list, options.requests)
        print(f"load after: {_uptime()}")
        print(table(page_list, in_process=True))
        print(_summary(page_list, in_process=True))
        return
    # the page's SQL (for the floor) and the split of an in-process request
    measure_in_process(page_list, options.split_requests)
    floor_measure(page_list, options.requests)
    # the workers' start-up lines (task registration) left out; no request is logged at INFO
    os.environ.setdefault("LOKET_LOG_LEVEL", "WARNING")
    with Server(workers=WORKERS) as server:
        for run in range(1, options.runs + 1):
            print(f"\nrun {run} of {options.runs}, load before: {_uptime()}", flush=True)
            measure_http(page_list, options.requests, server.port, options.clients)
            print(f"load after: {_uptime()}")
            print(table(page_list, in_process=False))
            print(_summary(page_list, in_process=False), flush=True)


if __name__ == "__main__":
    main()
