"""Benchmark data: the region data set of the contact-centre issue, in its own database.

Zuid-West-Vlaanderen with its 13 municipalities, departments and demo staff accounts (the
demo tenants, the catalogue, the report categories), then, by default:

- 314,000 residents, spread over the municipalities like the population (names from
  bench/people_search.py's lists, search columns as `person_search_fields` writes them);
- 1,000,000 cases, each of a resident in the resident's own municipality;
- 5,000,000 contact moments, on every channel, over four years, 5 % with nobody known;
- 20 featured residents of Kortrijk (e-mail `featured<N>@region.bench.invalid`) with exactly
  200 timeline items each: 40 cases, 30 reports, 30 payment requests, 40 contact moments,
  30 messages sent and 30 appointments (bench/crm_360.py measures their 360° view);
- what the dashboards and the open data read (bench/region_activity.py): 500,000 reports,
  1,000,000 counter tickets, 300,000 appointments, 150,000 happiness answers and 200,000
  answers after a service (bench/insights.py measures them).

The bulk is written by PostgreSQL itself (`INSERT … SELECT … FROM generate_series`), in
chunks, with every constraint, index and trigger in place (the contact moments' append-only
trigger only refuses UPDATE and DELETE; this only inserts). Each step runs in its own
transaction and is recorded in `bench_region_state` with its duration: a second run skips
what is built. `--scale 0.1` builds a tenth of everything (for trying things out); another
scale than the one built needs `--rebuild` (the database is dropped and made again).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/loket_bench_region \\
        .venv/bin/python bench/region_data.py [--scale 0.1] [--rebuild]

The database name must contain "bench".
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import region_activity
from reports_common import database_ensure, django_setup

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/loket_bench_region"
REGION = "zuid-west-vlaanderen"
KORTRIJK = "34022"
RESIDENTS = 314_000
CASES = 1_000_000
CONTACTS = 5_000_000
REPORTS = 500_000
TICKETS = 1_000_000
APPOINTMENTS = 300_000
SURVEYS = 150_000
SATISFACTION = 200_000
CHUNK = 250_000
FEATURED = 20
# The featured residents' 200 timeline items, by kind.
MIX = {
    "cases": 40,
    "reports": 30,
    "payments": 30,
    "contacts": 40,
    "messages": 30,
    "appointments": 30,
}
CLERK = "kortrijk.clerk"
CASE_STATUSES = (
    ("submitted", 8), ("in_treatment", 8), ("waiting_for_resident", 4), ("approved", 5),
    ("rejected", 2), ("closed", 68), ("withdrawn", 5),
)  # fmt: skip
CHANNELS = (
    ("counter", 25), ("phone", 30), ("email", 25), ("web_form", 8), ("chat", 5),
    ("social_media", 3), ("letter", 3), ("home_visit", 1),
)  # fmt: skip
OUTCOMES = ("answered", "answered", "answered", "referred", "registered", "call_back")
TOPICS = (
    "Opening hours", "Identity card", "Moving house", "Waste collection", "Parking card",
    "Building permit", "Tax bill", "Birth registration", "Noise complaint", "Street lighting",
)  # fmt: skip


def _uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()


def _expand(pairs: tuple[tuple[str, int], ...]) -> list[str]:
    """A value repeated by its weight: picked with `array[1 + hash % length]` in SQL."""
    return [value for value, weight in pairs for _ in range(weight)]


def _database_drop() -> None:
    import psycopg

    base, name = os.environ["DATABASE_URL"].rsplit("/", 1)
    if "bench" not in name:
        sys.exit(f"refusing to drop {name!r}: the database name must contain 'bench'")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    print(f"dropped {name}", flush=True)


# --- the state table --------------------------------------------------------------------


def _state_ensure() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_region_state (step text PRIMARY KEY, "
            "rows bigint NOT NULL, seconds double precision NOT NULL, scale double precision "
            "NOT NULL, built_at timestamptz NOT NULL DEFAULT now())"
        )


def state() -> dict[str, tuple[int, float, float]]:
    from django.db import connection

    _state_ensure()
    with connection.cursor() as cursor:
        cursor.execute("SELECT step, rows, seconds, scale FROM bench_region_state")
        return {step: (rows, seconds, scale) for step, rows, seconds, scale in cursor.fetchall()}


def _done(step: str, rows: int, seconds: float, scale: float) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO bench_region_state (step, rows, seconds, scale) VALUES (%s, %s, %s, %s)",
            [step, rows, seconds, scale],
        )
    print(f"{step}: {rows:,} in {seconds:.1f} s", flush=True)


# --- the steps --------------------------------------------------------------------------


def _tenants() -> int:
    """The demo tenants (regions, municipalities, departments), staff, catalogue and report
    categories."""
    from loket.catalog.loading import catalog_load
    from loket.demo.tenants import staff_load, tenants_load
    from loket.reports.demo import reports_demo_load
    from loket.tenancy.models import Municipality

    tenants = tenants_load()
    staff_load(tenants=tenants)
    catalog_load()
    reports_demo_load(reports_total=0)
    return Municipality.objects.filter(region__slug=REGION).count()


def _residents(total: int) -> int:
    """`total` residents by one INSERT … SELECT; the last FEATURED live in Kortrijk."""
    from django.db import connection
    from people_search import FIRST_NAMES, SURNAMES, WEIGHTS, ZWVL

    from loket.people.services import name_normalise, search_surnames_record, surname_compact
    from loket.tenancy.models import Municipality

    by_nis = {
        m.nis_code: m for m in Municipality.objects.filter(region__slug=REGION, nis_code__in=ZWVL)
    }
    assert len(by_nis) == len(ZWVL), "the 13 municipalities of Zuid-West-Vlaanderen"
    places = [
        by_nis[code].pk for code, weight in zip(ZWVL, WEIGHTS, strict=True) for _ in range(weight)
    ]
    kortrijk = by_nis[KORTRIJK]
    first_names = list(FIRST_NAMES)
    surnames = list(SURNAMES)
    with connection.cursor() as cursor:
        # National register number: birth date (a day of 1925 to 2023, a bijection of the row
        # number within each block of 36,000) and a counter per block, with the check digits
        # of the register (modulo 97, a 2 in front for the births from 2000 on).
        cursor.execute(
            """
            WITH rows AS (
                SELECT g::bigint AS i,
                       DATE '1925-01-01' + ((g::bigint * 7919) %% 36000)::int AS born,
                       (g / 36000 + 1) AS counter
                FROM generate_series(0, %(total)s - 1) AS g
            ), numbered AS (
                SELECT i, born, counter,
                       (to_char(born, 'YYMMDD') || lpad(counter::text, 3, '0'))::bigint AS base
                FROM rows
            )
            INSERT INTO people_person (national_number, first_names, last_name, birth_date, sex,
                nationality, preferred_language, preferred_channels, email, phone, search_name,
                search_surname, created_at, updated_at, municipality_id, region_id)
            SELECT
                lpad(base::text, 9, '0') || lpad((97 - ((CASE WHEN born >= DATE '2000-01-01'
                    THEN 2000000000 + base ELSE base END) %% 97))::text, 2, '0'),
                (%(firsts)s::text[])[(1 + (i * 31 + i / 97) %% %(nf)s)::int],
                (%(lasts)s::text[])[(1 + (i * 17 + i / 7) %% %(nl)s)::int],
                born,
                CASE WHEN i %% 2 = 0 THEN 'F' ELSE 'M' END,
                'BE', 'nl', '{portal}',
                CASE WHEN i >= %(total)s - %(featured)s
                    THEN 'featured' || (i - (%(total)s - %(featured)s)) || '@region.bench.invalid'
                    ELSE '' END,
                '',
                (%(first_norms)s::text[])[(1 + (i * 31 + i / 97) %% %(nf)s)::int] || ' '
                    || (%(last_norms)s::text[])[(1 + (i * 17 + i / 7) %% %(nl)s)::int],
                (%(last_compacts)s::text[])[(1 + (i * 17 + i / 7) %% %(nl)s)::int],
                now(), now(),
                CASE WHEN i >= %(total)s - %(featured)s THEN %(kortrijk)s
                    ELSE (%(places)s::bigint[])[(1 + (i * 48271) %% %(np)s)::int] END,
                %(region)s
            FROM numbered
            """,
            {
                "total": total,
                "featured": FEATURED,
                "firsts": first_names,
                "lasts": surnames,
                "first_norms": [name_normalise(name) for name in first_names],
                "last_norms": [name_normalise(name) for name in surnames],
                "last_compacts": [surname_compact(name) for name in surnames],
                "nf": len(first_names),
                "nl": len(surnames),
                "places": places,
                "np": len(places),
                "kortrijk": kortrijk.pk,
                "region": kortrijk.region_id,
            },
        )
        cursor.execute("ANALYZE people_person")
    search_surnames_record(surname_compact(name) for name in surnames)
    return total


def _person_range() -> tuple[int, int]:
    """The first id and the number of residents who are not featured."""
    from django.db.models import Max, Min

    from loket.people.models import Person

    bounds = Person.objects.filter(region__slug=REGION).aggregate(low=Min("pk"), high=Max("pk"))
    return bounds["low"], bounds["high"] - bounds["low"] + 1 - FEATURED


def _cases(total: int) -> int:
    """`total` cases of the residents who are not featured, by INSERT … SELECT in chunks."""
    from django.db import connection

    from loket.catalog.models import FormDefinition, Product
    from loket.tenancy.models import Region

    low, count = _person_range()
    forms = dict(
        FormDefinition.objects.order_by("product_id", "version").values_list("product_id", "pk")
    )
    products = [
        pk for pk in Product.objects.order_by("pk").values_list("pk", flat=True) if pk in forms
    ]
    region = Region.objects.get(slug=REGION)
    statuses = _expand(CASE_STATUSES)
    with connection.cursor() as cursor:
        for start in range(0, total, CHUNK):
            stop = min(total, start + CHUNK)
            cursor.execute(
                """
                WITH picked AS (
                    SELECT g AS i,
                           %(low)s + ((g::bigint * 2654435761) %% %(count)s) AS person_id,
                           (%(statuses)s::text[])[1 + (g * 7 + g / 13) %% %(ns)s] AS status,
                           1 + (g * 13) %% %(np)s AS product_index,
                           now() - make_interval(days => ((g::bigint * 7907) %% 1460)::int,
                                                 mins => (g %% 600)) AS submitted
                    FROM generate_series(%(start)s, %(stop)s - 1) AS g
                )
                INSERT INTO cases_case (region_id, municipality_id, number, year, sequence,
                    product_id, form_definition_id, applicant_id, answers, register_snapshot,
                    language, status, channel, idempotency_scope, idempotency_key,
                    request_fingerprint, fee_cents, submitted_at, due_date,
                    counts_working_days, decided_at, closed_at, updated_at)
                SELECT %(region)s, p.municipality_id, 'R-' || picked.i, 2000,
                    1000000 + picked.i,
                    (%(products)s::bigint[])[product_index], (%(forms)s::bigint[])[product_index],
                    picked.person_id, '{}', '{}', 'nl', picked.status, 'portal', 'bench-region',
                    'r-' || picked.i, repeat('0', 64), 0, submitted,
                    (submitted + interval '30 days')::date, false,
                    CASE WHEN picked.status IN ('approved', 'rejected', 'closed', 'withdrawn')
                        THEN submitted + interval '5 days' END,
                    CASE WHEN picked.status IN ('closed', 'withdrawn')
                        THEN submitted + interval '6 days' END,
                    submitted
                FROM picked JOIN people_person p ON p.id = picked.person_id
                """,
                {
                    "low": low,
                    "count": count,
                    "statuses": statuses,
                    "ns": len(statuses),
                    "np": len(products),
                    "products": products,
                    "forms": [forms[pk] for pk in products],
                    "region": region.pk,
                    "start": start,
                    "stop": stop,
                },
            )
            print(f"  cases {stop:,} / {total:,}", flush=True)
        cursor.execute("ANALYZE cases_case")
    return total


def _contacts(total: int) -> int:
    """`total` contact moments by INSERT … SELECT in chunks; 5 % with nobody known."""
    from django.db import connection

    from loket.accounts.models import User
    from loket.catalog.models import Product
    from loket.tenancy.models import Municipality

    low, count = _person_range()
    staff = list(
        User.objects.filter(memberships__isnull=False)
        .distinct()
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    municipalities = list(
        Municipality.objects.filter(region__slug=REGION).order_by("pk").values_list("pk", flat=True)
    )
    products = list(Product.objects.order_by("pk").values_list("pk", flat=True)[:40])
    channels = _expand(CHANNELS)
    with connection.cursor() as cursor:
        for start in range(0, total, CHUNK):
            stop = min(total, start + CHUNK)
            cursor.execute(
                """
                WITH picked AS (
                    SELECT g AS i,
                           CASE WHEN g %% 20 = 7 THEN NULL
                                ELSE %(low)s + ((g::bigint * 2246822519) %% %(count)s) END
                               AS person_id,
                           (%(channels)s::text[])[1 + (g * 11 + g / 17) %% %(nc)s] AS channel,
                           now() - make_interval(days => ((g::bigint * 6997) %% 1460)::int,
                                                 mins => (g %% 540)) AS occurred
                    FROM generate_series(%(start)s, %(stop)s - 1) AS g
                )
                INSERT INTO crm_contactmoment (municipality_id, channel, direction, person_id,
                    product_id, topic, summary, outcome, duration_minutes, staff_user_id,
                    occurred_at, created_at, email_message_id)
                SELECT COALESCE(p.municipality_id,
                                (%(municipalities)s::bigint[])[1 + picked.i %% %(nm)s]),
                    picked.channel,
                    CASE WHEN picked.i %% 5 = 0 THEN 'outbound' ELSE 'inbound' END,
                    picked.person_id,
                    CASE WHEN picked.i %% 3 = 0
                        THEN (%(products)s::bigint[])[1 + picked.i %% %(npr)s] END,
                    (%(topics)s::text[])[1 + picked.i %% %(nt)s],
                    'Asked about ' || lower((%(topics)s::text[])[1 + picked.i %% %(nt)s])
                        || '; answered and noted (' || picked.i || ').',
                    (%(outcomes)s::text[])[1 + (picked.i / 7) %% %(no)s],
                    CASE WHEN picked.channel IN ('counter', 'phone', 'home_visit')
                        THEN 1 + picked.i %% 30 END,
                    (%(staff)s::bigint[])[1 + picked.i %% %(nst)s],
                    picked.occurred, picked.occurred, ''
                FROM picked LEFT JOIN people_person p ON p.id = picked.person_id
                """,
                {
                    "low": low,
                    "count": count,
                    "channels": channels,
                    "nc": len(channels),
                    "municipalities": municipalities,
                    "nm": len(municipalities),
                    "products": products,
                    "npr": len(products),
                    "topics": list(TOPICS),
                    "nt": len(TOPICS),
                    "outcomes": list(OUTCOMES),
                    "no": len(OUTCOMES),
                    "staff": staff,
                    "nst": len(staff),
                    "start": start,
                    "stop": stop,
                },
            )
            print(f"  contact moments {stop:,} / {total:,}", flush=True)
        cursor.execute("ANALYZE crm_contactmoment")
    return total


def featured_ids() -> list[int]:
    from loket.people.models import Person

    return list(
        Person.objects.filter(email__endswith="@region.bench.invalid")
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _featured() -> int:
    """Each featured resident's 200 timeline items (the ORM, a few thousand rows)."""
    from django.utils import timezone

    from loket.accounts.models import User
    from loket.appointments.models import Appointment, Desk, Office
    from loket.cases.models import Case
    from loket.catalog.models import FormDefinition
    from loket.crm.models import ContactMoment
    from loket.notify.models import Notification
    from loket.payments.models import PaymentRequest
    from loket.people.models import Person
    from loket.reports.models import Category, Report
    from loket.tenancy.models import Municipality

    kortrijk = Municipality.objects.get(nis_code=KORTRIJK)
    clerk = User.objects.get(username=CLERK)
    form = FormDefinition.objects.select_related("product").order_by("pk").first()
    assert form is not None
    category = Category.objects.filter(region_id=kortrijk.region_id).order_by("pk").first()
    assert category is not None, "report categories"
    office = Office.objects.filter(municipality=kortrijk, name_nl="Bench-loket").first()
    if office is None:
        office = Office.objects.create(
            municipality=kortrijk,
            name_nl="Bench-loket",
            name_fr="Guichet bench",
            name_en="Bench office",
            address_street="Grote Markt 54",
            address_postal_code="8500",
            address_locality="Kortrijk",
        )
    desk = Desk.objects.filter(office=office).first() or Desk.objects.create(
        municipality=kortrijk, office=office, name="Bench 1"
    )
    people = list(Person.objects.filter(pk__in=featured_ids()).order_by("pk"))
    assert len(people) == FEATURED, len(people)
    now = timezone.now()
    made = 0
    for k, person in enumerate(people):

        def at(n: int, days: int = 9, k: int = k) -> dt.datetime:
            return now - dt.timedelta(days=days * n + 1, hours=k)

        Case.objects.bulk_create(
            Case(
                region_id=kortrijk.region_id,
                municipality=kortrijk,
                number=f"F-{person.pk}-{n}",
                year=2001,
                sequence=person.pk * 100 + n,
                product=form.product,
                form_definition=form,
                applicant=person,
                status="in_treatment" if n < 3 else "closed",
                channel="portal",
                idempotency_scope="bench-featured",
                idempotency_key=f"{person.pk}-{n}",
                request_fingerprint="0" * 64,
                submitted_at=at(n),
                due_date=(at(n) + dt.timedelta(days=30)).date(),
                closed_at=None if n < 3 else at(n) + dt.timedelta(days=4),
            )
            for n in range(MIX["cases"])
        )
        Report.objects.bulk_create(
            Report(
                region_id=kortrijk.region_id,
                municipality=kortrijk,
                category=category,
                status="new" if n < 2 else "resolved",
                description=f"Losliggende stoeptegel {n}",
                source="portal",
                reporter_person=person,
                created_at=at(n, 11),
                updated_at=at(n, 11),
                closed_at=None if n < 2 else at(n, 11) + dt.timedelta(days=2),
            )
            for n in range(MIX["reports"])
        )
        PaymentRequest.objects.bulk_create(
            PaymentRequest(
                municipality=kortrijk,
                payer_person=person,
                subject_type="case",
                subject_id=f"F-{person.pk}-{n}",
                description=f"Retributie {n}",
                amount_cents=1_500,
                due_date=(at(n, 12) + dt.timedelta(days=30)).date(),
                structured_communication=f"{900_000_000_000 + person.pk * 100 + n}",
                status="open" if n < 2 else "paid",
                paid_cents=0 if n < 2 else 1_500,
            )
            for n in range(MIX["payments"])
        )
        ContactMoment.objects.bulk_create(
            ContactMoment(
                municipality=kortrijk,
                channel=("phone", "counter", "email")[n % 3],
                person=person,
                topic=TOPICS[n % len(TOPICS)],
                summary=f"Vraag {n} beantwoord.",
                staff_user=clerk,
                occurred_at=at(n, 7),
                created_at=at(n, 7),
            )
            for n in range(MIX["contacts"])
        )
        Notification.objects.bulk_create(
            Notification(
                municipality=kortrijk,
                event="cases.status_changed",
                person=person,
                recipient_key=f"person:{person.pk}",
                idempotency_key=f"bench-featured-{person.pk}-{n}",
                language="nl",
                essential=False,
                status="delivered",
                channel="email",
                subject=f"Uw aanvraag {n}",
                body="Uw aanvraag werd behandeld.",
                delivered_at=at(n, 10),
            )
            for n in range(MIX["messages"])
        )
        Appointment.objects.bulk_create(
            Appointment(
                municipality=kortrijk,
                office=office,
                desk=desk,
                product=form.product,
                reference=f"B{person.pk % 10_000:04d}{n:03d}{k:02d}",
                starts_at=at(n, 13).replace(minute=0, second=0, microsecond=0),
                ends_at=at(n, 13).replace(minute=15, second=0, microsecond=0),
                status="booked" if n < 2 else "held",
                channel="online",
                person=person,
                name=person.full_name,
                language="nl",
                holder_key=f"person:{person.pk}",
            )
            for n in range(MIX["appointments"])
        )
        made += sum(MIX.values())
    return made


def build(scale: float) -> dict[str, tuple[int, float, float]]:
    from django.core.management import call_command
    from django.db import transaction

    call_command("migrate", verbosity=0)  # outside the steps' transactions
    built = state()
    scales = {scale_built for _rows, _seconds, scale_built in built.values()}
    if scales and scales != {scale}:
        sys.exit(
            f"this database holds the data set at scale {scales.pop()}; "
            f"run with --rebuild for scale {scale}"
        )
    steps = (
        ("tenants", lambda: _tenants()),
        ("residents", lambda: _residents(round(RESIDENTS * scale))),
        ("cases", lambda: _cases(round(CASES * scale))),
        ("contact moments", lambda: _contacts(round(CONTACTS * scale))),
        ("featured residents", lambda: _featured()),
        # What the dashboards and the open data read (bench/region_activity.py).
        ("reports", lambda: region_activity.reports(round(REPORTS * scale))),
        ("tickets", lambda: region_activity.tickets(round(TICKETS * scale))),
        ("appointments", lambda: region_activity.appointments(round(APPOINTMENTS * scale))),
        ("survey answers", lambda: region_activity.survey_answers(round(SURVEYS * scale))),
        (
            "satisfaction answers",
            lambda: region_activity.satisfaction_answers(round(SATISFACTION * scale)),
        ),
    )
    for step, run in steps:
        if step in built:
            rows, seconds, _scale = built[step]
            print(f"{step}: built already ({rows:,} in {seconds:.1f} s)", flush=True)
            continue
        started = time.perf_counter()
        with transaction.atomic():
            rows = run()
            _done(step, rows, time.perf_counter() - started, scale)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return state()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 = the whole region")
    parser.add_argument("--rebuild", action="store_true", help="drop the database first")
    options = parser.parse_args()
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    os.environ.setdefault("LOKET_MODE", "demo")
    if options.rebuild:
        _database_drop()
    database_ensure()
    django_setup()
    print(f"load before: {_uptime()}", flush=True)
    started = time.perf_counter()
    result = build(options.scale)
    print(f"load after: {_uptime()}", flush=True)
    total = sum(seconds for _rows, seconds, _scale in result.values())
    print(
        f"region data set at scale {options.scale}: "
        + ", ".join(f"{step} {rows:,}" for step, (rows, _s, _sc) in result.items())
        + f"; built in {total:.0f} s in all, this run {time.perf_counter() - started:.0f} s",
        flush=True,
    )


if __name__ == "__main__":
    main()
