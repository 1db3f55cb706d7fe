"""Benchmark: the nightly proactive-service run over a region's residents.

314,000 residents of the 13 municipalities of Zuid-West-Vlaanderen (the people_search data
set), each of 12 or older with an identity card ending somewhere in the next ten years (so
about one in sixty ends within the 60-day window), and 2 % of the adults moved house in
the last 60 days. The run (`suggestions_refresh`) makes the suggestions and sends the
identity-card invitations (one notification each, in the run's transactions); a second run
the same day finds nothing new. Beside it, the floor: the raw SQL that selects the same
candidates (identity cards in the window, recent moves) without doing anything with them.

    cd bench && DATABASE_URL=postgres://postgres@127.0.0.1:5432/loket_bench_proactive \\
        ../.venv/bin/python crm_proactive.py [--residents 314000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import time

from people_search import load
from reports_common import django_setup, machine, machine_line

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/loket_bench_proactive"
TARGET_SECONDS = 60


def prepare(today: dt.date) -> None:
    """Cards and moves on the residents (the same every time), no suggestions yet."""
    from django.db import connection

    from loket.catalog.loading import catalog_load
    from loket.crm.models import Suggestion
    from loket.notify.models import Notification

    catalog_load()
    Suggestion.objects.all().delete()
    Notification.objects.filter(event="crm.id_card_renewal").delete()
    twelve = today.replace(year=today.year - 12, day=min(today.day, 28))
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE people_person SET id_card_expires_on = CASE WHEN birth_date <= %s "
            "THEN %s::date + ((id * 7919) %% 3650)::int END",
            [twelve, today],
        )
        cursor.execute("DELETE FROM people_address")
        cursor.execute(
            "INSERT INTO people_address (person_id, municipality_id, street, number, box, "
            "postal_code, valid_from, valid_until) "
            "SELECT id, municipality_id, 'Nieuwstraat', (id %% 200 + 1)::text, '', '8500', "
            "%s::date - ((id * 31) %% 59)::int, NULL FROM people_person "
            "WHERE id %% 50 = 0 AND birth_date <= %s",
            [today, today.replace(year=today.year - 18, day=min(today.day, 28))],
        )
        cursor.execute("ANALYZE people_person")
        cursor.execute("ANALYZE people_address")


def floor(today: dt.date) -> tuple[float, int]:
    """The raw SQL reading the same candidates: the cards in the window and the moves."""
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, municipality_id, id_card_expires_on FROM people_person "
            "WHERE id_card_expires_on BETWEEN %s AND %s AND birth_date <= %s",
            [today, today + dt.timedelta(days=60), today.replace(year=today.year - 12)],
        )
        cards = len(cursor.fetchall())
        cursor.execute(
            "SELECT a.id, a.person_id, p.municipality_id, a.valid_from FROM people_address a "
            "JOIN people_person p ON p.id = a.person_id WHERE a.valid_until IS NULL "
            "AND a.valid_from > %s AND a.valid_from <= %s AND a.municipality_id = "
            "p.municipality_id AND p.birth_date <= %s",
            [today - dt.timedelta(days=60), today, today.replace(year=today.year - 18)],
        )
        moves = len(cursor.fetchall())
    return time.perf_counter() - started, cards + moves


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=314_000)
    options = parser.parse_args()
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    django_setup()
    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", verbosity=0)

    from loket.crm.proactive import suggestions_refresh
    from loket.notify.models import Notification

    load(options.residents)
    today = timezone.localdate()
    prepare(today)
    floor_seconds, candidates = floor(today)
    print(f"floor (raw SQL of the candidates): {floor_seconds:.2f} s, {candidates:,} candidates")
    before = os.getloadavg()
    started = time.perf_counter()
    first = suggestions_refresh(today=today)
    first_seconds = time.perf_counter() - started
    started = time.perf_counter()
    second = suggestions_refresh(today=today)
    second_seconds = time.perf_counter() - started
    sent = Notification.objects.filter(event="crm.id_card_renewal").count()
    print(
        f"first run: {first_seconds:.1f} s, suggestions {dict(first.made)}, "
        f"invitations {first.invited} ({sent} notifications); load before "
        f"{before[0]:.2f} {before[1]:.2f} {before[2]:.2f}"
    )
    print(f"second run the same day: {second_seconds:.1f} s, new {sum(second.made.values())}")
    verdict = "met" if first_seconds <= TARGET_SECONDS else "NOT met"
    print(f"target (≤ {TARGET_SECONDS} s over {options.residents:,} residents): {verdict}")
    print(f"ratio first run / floor: {first_seconds / floor_seconds:.0f}")
    print(f"machine: {machine_line(machine())}; load average now {os.getloadavg()}")


if __name__ == "__main__":
    main()
