"""Benchmark: the contact centre's work queue over 100,000 questions of a region.

Loads generated contact-centre questions into a separate database with COPY (the 13
municipalities of Zuid-West-Vlaanderen, weighted by size; a fifth still open or in
progress, the rest answered or closed, as after a few years of use; four departments per
municipality, 40 staff members owning questions, a resident for half of them, a product for
40%), then times:

- the queue selector (`contact_centre_queue`): one page of 50 rows with municipality,
  department, owner, resident and product, plus the count, for every tab and filter of the
  queue page, for a clerk of Kortrijk and for the region's contact-centre agent (all 13
  municipalities);
- the floor: the same page and count in raw SQL (ids only, no joins), the least the
  database has to do;
- the whole queue page (`GET /backoffice/contactcenter/`, HTML rendered) through Django's
  test client, for both.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/loket_bench_cc \\
        .venv/bin/python bench/crm_contact_centre.py [--questions 100000] [--rounds 30] [--write]

The database name must contain "bench"; it is created when missing and its questions are
replaced when their number differs (--reload forces it). --write puts the figures in
BENCHMARKS.md under "## Contact centre".
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPOSITORY = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))

from cases_workqueue import _database_ensure, _machine, _percentile  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/loket_bench_cc"
TARGET_P95_MS = 50.0
SECTION = "## Contact centre: the work queue (bench/crm_contact_centre.py)"
ZWVL = (
    ("34022", 77), ("34027", 33), ("34041", 32), ("34040", 38), ("34013", 28), ("34023", 13),
    ("34025", 6), ("34009", 8), ("34042", 25), ("34043", 2), ("34002", 15), ("34003", 10),
    ("33029", 19),
)  # fmt: skip
DEPARTMENTS = ("contact-centre", "population", "mobility", "public-works")
PRODUCTS = (
    "address-change", "resident-parking-card", "eid-card", "passport", "residence-certificate",
    "public-domain-occupation", "event-permit", "driving-licence", "marriage", "house-number",
)  # fmt: skip
# status: share of all questions
STATUSES = (("open", 0.13), ("in_progress", 0.07), ("answered", 0.30), ("closed", 0.50))
CHANNELS = ("assistant", "phone", "counter", "email", "web_form", "letter")
RESIDENTS = 5_000
STAFF = 40
PAGE_SIZE = 50


def _setup() -> None:
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    database = os.environ["DATABASE_URL"].rsplit("/", 1)[-1]
    if "bench" not in database:
        sys.exit(f"refusing to run on {database!r}: the database name must contain 'bench'")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loket.config.settings")
    _database_ensure()
    import django

    django.setup()


def _tenants() -> dict[str, Any]:
    from loket.accounts.models import User
    from loket.tenancy.models import Department, Membership, Municipality, Region
    from loket.tenancy.permissions import Role
    from loket.tenancy.services import municipality_create_from_nis, region_create

    region = Region.objects.filter(slug="zwvl-bench-cc").first() or region_create(
        slug="zwvl-bench-cc",
        name_nl="Zuid-West-Vlaanderen",
        name_fr="Flandre-Occidentale du Sud",
        official_languages="nl",
    )
    municipalities = [
        Municipality.objects.filter(nis_code=code).first()
        or municipality_create_from_nis(region=region, nis_code=code)
        for code, _weight in ZWVL
    ]
    departments = {
        municipality.pk: [
            Department.objects.get_or_create(
                municipality=municipality,
                code=code,
                defaults={"region": region, "name_nl": code, "name_fr": code, "name_en": code},
            )[0].pk
            for code in DEPARTMENTS
        ]
        for municipality in municipalities
    }
    kortrijk = municipalities[0]
    staff = []
    for index in range(STAFF):
        municipality = municipalities[index % len(municipalities)]
        user, _created = User.objects.get_or_create(
            username=f"bench.cc{index}",
            defaults={"first_name": "Bench", "last_name": f"Staff {index}"},
        )
        Membership.objects.get_or_create(
            user=user,
            region=region,
            municipality=municipality,
            department_id=departments[municipality.pk][index % len(DEPARTMENTS)],
            role=Role.CLERK,
        )
        staff.append((user.pk, municipality.pk))
    agent, _created = User.objects.get_or_create(
        username="bench.agent", defaults={"first_name": "Bench", "last_name": "Agent"}
    )
    Membership.objects.get_or_create(
        user=agent, region=region, municipality=None, role=Role.CONTACT_CENTRE
    )
    clerk = User.objects.get(username="bench.cc0")  # Kortrijk, contact-centre department
    return {
        "municipalities": municipalities,
        "departments": departments,
        "staff": staff,
        "clerk": clerk,
        "agent": agent,
        "kortrijk": kortrijk,
    }


def _residents(municipalities: list[Any]) -> dict[int, list[int]]:
    from loket.people.models import Person
    from loket.people.validators import national_number_build

    region_id = municipalities[0].region_id
    if Person.objects.filter(region_id=region_id).count() < RESIDENTS:
        chooser = random.Random(11)
        people = []
        for index in range(RESIDENTS):
            birth = dt.date(1940, 1, 1) + dt.timedelta(days=chooser.randrange(25_000))
            municipality = municipalities[index % len(municipalities)]
            people.append(
                Person(
                    region_id=region_id,
                    municipality=municipality,
                    national_number=national_number_build(birth, index % 997 + 1),
                    first_names=f"Bench{index}",
                    last_name="Inwoner",
                    birth_date=birth,
                    search_name=f"bench{index} inwoner",
                    preferred_channels=["portal"],
                )
            )
        Person.objects.bulk_create(people, ignore_conflicts=True, batch_size=2_000)
    by_municipality: dict[int, list[int]] = {}
    for pk, municipality_id in Person.objects.filter(region_id=region_id).values_list(
        "pk", "municipality_id"
    ):
        by_municipality.setdefault(municipality_id, []).append(pk)
    return by_municipality


def _load(total: int, tenants: dict[str, Any]) -> dict[str, float]:
    from django.db import connection

    from loket.catalog.loading import catalog_load
    from loket.catalog.models import Product

    timings: dict[str, float] = {}
    started = time.perf_counter()
    catalog_load()
    product_ids = list(Product.objects.filter(code__in=PRODUCTS).values_list("pk", flat=True))
    residents = _residents(tenants["municipalities"])
    timings["catalogue and residents"] = time.perf_counter() - started
    chooser = random.Random(5)
    municipalities = tenants["municipalities"]
    weights = [weight for _code, weight in ZWVL]
    statuses, status_weights = zip(*STATUSES, strict=True)
    owners: dict[int, list[int]] = {}
    for user_id, municipality_id in tenants["staff"]:
        owners.setdefault(municipality_id, []).append(user_id)
    now = dt.datetime.now(dt.UTC)
    columns = (
        "municipality_id, department_id, kind, channel, person_id, product_id, question, "
        "language, transcript, reply_email, reply_phone, status, owner_id, due_at, "
        "answer_note, created_at"
    )
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE crm_contactquestionevent, crm_contactquestion CASCADE")
        with cursor.cursor.copy(f"COPY crm_contactquestion ({columns}) FROM STDIN") as copy:  # type: ignore[attr-defined]
            for number in range(total):
                municipality = chooser.choices(municipalities, weights)[0]
                status = chooser.choices(statuses, status_weights)[0]
                is_open = status in {"open", "in_progress"}
                created = now - dt.timedelta(
                    minutes=chooser.randrange(0, 60 * 24 * (14 if is_open else 1_100))
                )
                due = created + dt.timedelta(hours=chooser.choice((4, 24, 48, 48, 72)))
                owner = (
                    chooser.choice(owners.get(municipality.pk) or [None])
                    if status != "open"
                    else None
                )
                person = (
                    chooser.choice(residents[municipality.pk])
                    if chooser.random() < 0.5 and residents.get(municipality.pk)
                    else None
                )
                copy.write_row(
                    (
                        municipality.pk,
                        chooser.choice(tenants["departments"][municipality.pk]),
                        "callback" if chooser.random() < 0.2 else "question",
                        chooser.choice(CHANNELS),
                        person,
                        chooser.choice(product_ids) if chooser.random() < 0.4 else None,
                        f"Vraag {number}: wanneer en hoe kan ik dit regelen bij de gemeente?",
                        "nl",
                        "[]",
                        "",
                        "",
                        status,
                        owner,
                        due,
                        "" if is_open else "Beantwoord.",
                        created,
                    )
                )
        timings["COPY"] = time.perf_counter() - started
    # What autovacuum does after a bulk load (statistics, and the visibility map that lets
    # the counts read the indexes alone); VACUUM cannot run inside a transaction.
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE crm_contactquestion")
    timings["VACUUM ANALYZE"] = time.perf_counter() - started
    return timings


def _scenarios(tenants: dict[str, Any]) -> dict[str, tuple[str, dict[str, Any]]]:
    from loket.crm.contact_centre.selectors import ContactQueueView

    kortrijk = tenants["kortrijk"]
    department = tenants["departments"][kortrijk.pk][1]
    return {
        "clerk: all open of Kortrijk": ("clerk", {}),
        "clerk: mine": ("clerk", {"view": ContactQueueView.MINE}),
        "clerk: unassigned": ("clerk", {"view": ContactQueueView.UNASSIGNED}),
        "clerk: overdue": ("clerk", {"overdue_only": True}),
        "clerk: one department": ("clerk", {"department_id": department}),
        "clerk: in progress": ("clerk", {"status": "in_progress"}),
        "clerk: page 20": ("clerk", {"page": 20}),
        "agent: all open of the region": ("agent", {}),
        "agent: overdue in the region": ("agent", {"overdue_only": True}),
        "agent: unassigned in the region": ("agent", {"view": ContactQueueView.UNASSIGNED}),
        "agent: one municipality (Menen)": (
            "agent",
            {"municipality_id": tenants["municipalities"][1].pk},
        ),
    }


def _queue_page(actor: Any, options: dict[str, Any]) -> tuple[int, int]:
    from django.core.paginator import Paginator

    from loket.crm.contact_centre.selectors import ContactQueueFilter, contact_centre_queue

    options = dict(options)
    page_number = options.pop("page", 1)
    rows = contact_centre_queue(actor=actor, filters=ContactQueueFilter(**options))
    page = Paginator(rows, PAGE_SIZE).get_page(page_number)
    listed = [
        (
            question.question,
            question.municipality.name,
            question.department.name if question.department else "",
            question.owner.get_full_name() if question.owner else "",
            question.person.full_name if question.person else "",
            question.product.name if question.product else "",
        )
        for question in page.object_list
    ]
    return page.paginator.count, len(listed)


_FLOOR = """
SELECT id FROM crm_contactquestion
WHERE municipality_id = ANY(%s) AND status IN ('open', 'in_progress')
ORDER BY due_at, id LIMIT 50
"""
_FLOOR_COUNT = """
SELECT count(*) FROM crm_contactquestion
WHERE municipality_id = ANY(%s) AND status IN ('open', 'in_progress')
"""


def _floor(municipality_ids: list[int]) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(_FLOOR, [municipality_ids])
        cursor.fetchall()
        cursor.execute(_FLOOR_COUNT, [municipality_ids])
        cursor.fetchone()


def _timed(function: Any, rounds: int) -> list[float]:
    function()  # warm-up
    times = []
    for _round in range(rounds):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return times


def _measure(tenants: dict[str, Any], rounds: int) -> dict[str, Any]:
    from django.test import Client

    from loket.tenancy.access import actor_for_user
    from loket.tenancy.permissions import Permission

    actors = {"clerk": actor_for_user(tenants["clerk"]), "agent": actor_for_user(tenants["agent"])}
    results: dict[str, list[float]] = {}
    counts: dict[str, int] = {}
    for label, (who, options) in _scenarios(tenants).items():
        actor = actors[who]
        counts[label] = _queue_page(actor, options)[0]
        results[label] = _timed(
            lambda actor=actor, options=options: _queue_page(actor, options), rounds
        )
    floors = {
        who: _timed(
            lambda actor=actor: _floor(
                sorted(actor.municipality_ids(Permission.CRM_HANDLE_QUESTIONS))
            ),
            rounds,
        )
        for who, actor in actors.items()
    }
    pages = {}
    for who in ("clerk", "agent"):
        client = Client()
        client.force_login(tenants[who])

        def get(client: Client = client) -> None:
            response = client.get("/backoffice/contactcenter/")
            assert response.status_code == 200

        pages[who] = _timed(get, rounds)
    return {"selector": results, "counts": counts, "floor": floors, "page": pages}


def _uptime() -> str:
    """`uptime` in UTC (Django sets TZ to the site's zone in this process)."""
    try:
        return subprocess.run(
            ["uptime"], capture_output=True, text=True, check=False, env={**os.environ, "TZ": "UTC"}
        ).stdout.strip()
    except OSError:
        return "?"


def _row(label: str, values: list[float], extra: str = "") -> str:
    return (
        f"| {label} | {extra} | {statistics.median(values):.1f} | "
        f"{_percentile(values, 0.95):.1f} | {max(values):.1f} |"
    )


def _report(
    total: int,
    rounds: int,
    measured: dict[str, Any],
    loaded: dict[str, float],
    machine: dict[str, str],
    command: str,
    load_before: str,
) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('crm_contactquestion'))")
        table_size = cursor.fetchone()[0]
        cursor.execute(
            "SELECT count(*) FILTER (WHERE status IN ('open', 'in_progress')) "
            "FROM crm_contactquestion"
        )
        open_questions = cursor.fetchone()[0]
    now = dt.datetime.now(dt.UTC)
    lines = [
        SECTION,
        "",
        f"The contact centre's queue over {total:,} questions of the 13 municipalities of "
        f"Zuid-West-Vlaanderen ({open_questions:,} open or in progress; Kortrijk about a "
        "quarter), for a clerk of Kortrijk and for the region's contact-centre agent (a "
        f"region-wide membership: all 13). Selector: one page of {PAGE_SIZE} questions with "
        "municipality, department, owner, resident and product, plus the count (two queries). "
        "Floor: the same page (ids only) and count in raw SQL. Page: the whole HTML queue page "
        f"through Django's test client (tab counts, filters, table). {rounds} rounds after a "
        f"warm-up, wall-clock in Python; target p95 ≤ {TARGET_P95_MS:.0f} ms.",
        "",
        f"- Date: {now:%Y-%m-%d %H:%M} UTC",
        f"- Machine: {machine['cpus']} CPUs ({machine['cpu']}), {machine['memory']} memory, "
        f"shared with other work; {machine['postgres']}, Python {machine['python']}",
        f"- Load before the run (`uptime`): {load_before}",
        f"- Load after the run (`uptime`): {_uptime()}",
        f"- Command: `{command}`",
        f"- Data: questions table with its indexes {table_size}",
    ]
    if loaded:
        lines.append(
            "- Load: " + ", ".join(f"{name} {seconds:.0f} s" for name, seconds in loaded.items())
        )
    lines += [
        "",
        "| queue | matching | p50 ms | p95 ms | max ms |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, values in measured["selector"].items():
        lines.append(_row(f"selector, {label}", values, f"{measured['counts'][label]:,}"))
    counts = measured["counts"]
    lines.append(
        _row(
            "floor, clerk (raw SQL)",
            measured["floor"]["clerk"],
            f"{counts['clerk: all open of Kortrijk']:,}",
        )
    )
    lines.append(
        _row(
            "floor, agent (raw SQL)",
            measured["floor"]["agent"],
            f"{counts['agent: all open of the region']:,}",
        )
    )
    lines.append(
        _row(
            "page, clerk: GET /backoffice/contactcenter/",
            measured["page"]["clerk"],
            f"{counts['clerk: all open of Kortrijk']:,}",
        )
    )
    lines.append(
        _row(
            "page, agent: GET /backoffice/contactcenter/",
            measured["page"]["agent"],
            f"{counts['agent: all open of the region']:,}",
        )
    )
    return "\n".join(lines) + "\n"


def _write(section: str) -> None:
    path = REPOSITORY / "BENCHMARKS.md"
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    start = text.find(SECTION)
    if start == -1:
        anchor = text.find("\n## Activities")
        if anchor == -1:
            text = text.rstrip("\n") + "\n\n" + section
        else:
            text = text[: anchor + 1] + section + "\n" + text[anchor + 1 :]
    else:
        end = text.find("\n## ", start + 1)
        text = text[:start] + section + ("" if end == -1 else "\n" + text[end + 1 :])
    path.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--questions", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--reload", action="store_true")
    parser.add_argument("--write", action="store_true", help="write BENCHMARKS.md")
    arguments = parser.parse_args()
    load_before = _uptime()
    _setup()
    from django.conf import settings
    from django.core.management import call_command

    from loket.crm.models import ContactQuestion

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0)
    tenants = _tenants()
    loaded: dict[str, float] = {}
    if arguments.reload or ContactQuestion.objects.count() != arguments.questions:
        print(f"loading {arguments.questions:,} questions …", flush=True)
        loaded = _load(arguments.questions, tenants)
        print(", ".join(f"{name}: {seconds:.1f} s" for name, seconds in loaded.items()))
    measured = _measure(tenants, arguments.rounds)
    command = " ".join(
        [
            "DATABASE_URL=" + os.environ["DATABASE_URL"],
            ".venv/bin/python",
            "bench/crm_contact_centre.py",
            *sys.argv[1:],
        ]
    )
    section = _report(
        arguments.questions,
        arguments.rounds,
        measured,
        loaded,
        _machine(),
        command,
        load_before,
    )
    print(section)
    if arguments.write:
        _write(section)
    worst = max(
        [_percentile(values, 0.95) for values in measured["selector"].values()]
        + [_percentile(values, 0.95) for values in measured["page"].values()]
    )
    if worst > TARGET_P95_MS:
        sys.exit(f"p95 {worst:.1f} ms is above the target of {TARGET_P95_MS:.0f} ms")


if __name__ == "__main__":
    main()
