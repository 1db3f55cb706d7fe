"""Benchmark data: what the dashboards and the open data read, added to the region data set
(bench/region_data.py calls these as its last steps).

At scale 1, over the last two years, in the 13 municipalities of Zuid-West-Vlaanderen:

- 500,000 reports in public space (bench/reports_data.py's generator: every leaf category,
  points inside the municipalities, open and closed, with due and close times);
- 1,000,000 counter tickets called (one office and queue per municipality, waits of 0 to
  20 minutes, most under five);
- 300,000 appointments (one desk per municipality, held, 8 % missed);
- 150,000 answers to the monthly happiness survey (six improvement areas per municipality,
  age bands and districts);
- 200,000 answers to the question after a service (each with its invitation, one resident
  each).

Every row is written by PostgreSQL itself (`INSERT … SELECT … FROM generate_series`) with
the constraints and indexes in place, except the reports (COPY, from Python).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

REGION = "zuid-west-vlaanderen"
CHUNK = 250_000
AREAS = (
    ("Parken en groen", "Parcs et espaces verts", "Parks and green space"),
    ("Verkeersveiligheid", "Sécurité routière", "Road safety"),
    ("Netheid", "Propreté", "Cleanliness"),
    ("Cultuur", "Culture", "Culture"),
    ("Dienstverlening", "Services", "Services"),
    ("Wonen", "Logement", "Housing"),
)
AGE_BANDS = ("18-29", "30-44", "45-64", "65+")


def _municipalities() -> list[Any]:
    from loket.tenancy.models import Municipality

    return list(Municipality.objects.filter(region__slug=REGION).order_by("pk"))


def _chunks(total: int) -> list[tuple[int, int]]:
    return [(start, min(total, start + CHUNK)) for start in range(0, total, CHUNK)]


def reports(total: int) -> int:
    from reports_data import load

    from loket.tenancy.models import Region

    return int(load(Region.objects.get(slug=REGION), total, reload=True)["reports"])


def _counters() -> tuple[list[int], list[int], list[int], list[int]]:
    """One office with a queue and a desk per municipality (made once): the ids of the
    municipalities, offices, queues and desks, in the same order."""
    from loket.appointments.models import Desk, Office
    from loket.queue.models import Queue

    municipalities, offices, queues, desks = [], [], [], []
    for municipality in _municipalities():
        office, _created = Office.objects.get_or_create(
            municipality=municipality,
            name_nl="Stadhuis (benchmark)",
            defaults={
                "name_fr": "Hôtel de ville (benchmark)",
                "name_en": "Town hall (benchmark)",
                "address_street": "Grote Markt 1",
                "address_postal_code": "8500",
                "address_locality": municipality.name_nl,
                "closed_on_public_holidays": False,
            },
        )
        queue, _created = Queue.objects.get_or_create(
            office=office,
            letter="B",
            defaults={
                "municipality": municipality,
                "name_nl": "Benchmark",
                "name_fr": "Benchmark",
                "name_en": "Benchmark",
            },
        )
        desk, _created = Desk.objects.get_or_create(
            office=office, name="Benchmark", defaults={"municipality": municipality}
        )
        municipalities.append(municipality.pk)
        offices.append(office.pk)
        queues.append(queue.pk)
        desks.append(desk.pk)
    return municipalities, offices, queues, desks


def tickets(total: int) -> int:
    """`total` tickets called over the last 730 days; the sequence is the row number, so
    (queue, day, sequence) stays unique."""
    from django.db import connection

    municipalities, offices, queues, _desks = _counters()
    with connection.cursor() as cursor:
        for start, stop in _chunks(total):
            cursor.execute(
                """
                WITH picked AS (
                    SELECT g AS i, 1 + g %% %(n)s AS m,
                           current_date - ((g::bigint * 7919) %% 730)::int AS day
                    FROM generate_series(%(start)s, %(stop)s - 1) AS g
                )
                INSERT INTO queue_ticket (day, sequence, code, status, channel, priority,
                    language, phone, email, taken_at, called_at, finished_at,
                    municipality_id, office_id, queue_id, legacy_token_hash)
                SELECT day, 1 + i, 'B' || (1 + i %% 999), 'done', 'kiosk', false, 'nl', '', '',
                    day + time '08:30' + make_interval(mins => (i %% 480)::int),
                    day + time '08:30' + make_interval(mins => (i %% 480)::int)
                        + make_interval(secs => (((i * 37) %% 23) ^ 2)::int),
                    day + time '08:30' + make_interval(mins => (i %% 480)::int + 25),
                    (%(municipalities)s::bigint[])[m], (%(offices)s::bigint[])[m],
                    (%(queues)s::bigint[])[m], ''
                FROM picked
                """,
                {
                    "n": len(municipalities),
                    "municipalities": municipalities,
                    "offices": offices,
                    "queues": queues,
                    "start": start,
                    "stop": stop,
                },
            )
            print(f"  tickets {stop:,} / {total:,}", flush=True)
        cursor.execute("ANALYZE queue_ticket")
    return total


def appointments(total: int) -> int:
    """`total` appointments of 15 minutes, one an hour per desk going back in time (a desk
    is never double-booked); 8 % missed."""
    from django.db import connection

    from loket.catalog.models import Product

    municipalities, offices, _queues, desks = _counters()
    product = Product.objects.order_by("pk").values_list("pk", flat=True)[0]
    with connection.cursor() as cursor:
        for start, stop in _chunks(total):
            cursor.execute(
                """
                WITH picked AS (
                    SELECT g AS i, 1 + g %% %(n)s AS m,
                           date_trunc('hour', now()) - make_interval(hours => 1 + g / %(n)s)
                               AS starts
                    FROM generate_series(%(start)s, %(stop)s - 1) AS g
                )
                INSERT INTO appointments_appointment (reference, starts_at, ends_at, status,
                    channel, name, email, phone, language, holder_key, created_at, updated_at,
                    desk_id, municipality_id, office_id, product_id)
                SELECT 'BENCH' || i, starts, starts + interval '15 minutes',
                    CASE WHEN i %% 25 < 2 THEN 'no_show' ELSE 'held' END, 'online',
                    'Inwoner', '', '', 'nl', md5('bench' || i), starts, starts,
                    (%(desks)s::bigint[])[m], (%(municipalities)s::bigint[])[m],
                    (%(offices)s::bigint[])[m], %(product)s
                FROM picked
                """,
                {
                    "n": len(municipalities),
                    "municipalities": municipalities,
                    "offices": offices,
                    "desks": desks,
                    "product": product,
                    "start": start,
                    "stop": stop,
                },
            )
            print(f"  appointments {stop:,} / {total:,}", flush=True)
        cursor.execute("ANALYZE appointments_appointment")
    return total


def survey_answers(total: int) -> int:
    """`total` happiness answers over the last 24 monthly periods; each names up to three
    of its municipality's six improvement areas."""
    from django.db import connection

    from loket.participation.models import SurveyArea

    ids: list[list[int]] = []
    municipalities = _municipalities()
    for municipality in municipalities:
        areas = []
        for position, (nl, fr, en) in enumerate(AREAS):
            area, _created = SurveyArea.objects.get_or_create(
                municipality=municipality,
                name_nl=nl,
                defaults={"name_fr": fr, "name_en": en, "position": position},
            )
            areas.append(area.pk)
        ids.append(areas)
    first = dt.date.today().replace(day=1)
    with connection.cursor() as cursor:
        for start, stop in _chunks(total):
            cursor.execute(
                """
                WITH picked AS (
                    SELECT g AS i, 1 + g %% %(n)s AS m, (g / %(n)s) %% 24 AS months_back
                    FROM generate_series(%(start)s, %(stop)s - 1) AS g
                )
                INSERT INTO participation_surveyanswer (id, period_start, score, area_ids,
                    age_band, district, municipality_id)
                SELECT gen_random_uuid(),
                    (%(first)s::date - make_interval(months => months_back))::date,
                    1 + (i * 7 + i / 11) %% 10,
                    CASE i %% 3
                        WHEN 0 THEN ARRAY[(%(areas)s::bigint[])[m][1 + i %% 6]]
                        WHEN 1 THEN ARRAY[(%(areas)s::bigint[])[m][1 + i %% 6],
                                          (%(areas)s::bigint[])[m][1 + (i + 1 + (i / 7) %% 5) %% 6]]
                        ELSE ARRAY[]::bigint[] END,
                    (%(bands)s::text[])[1 + i %% 4], (8500 + i %% 7)::text,
                    (%(municipalities)s::bigint[])[m]
                FROM picked
                """,
                {
                    "n": len(municipalities),
                    "municipalities": [m.pk for m in municipalities],
                    "areas": ids,
                    "bands": list(AGE_BANDS),
                    "first": first,
                    "start": start,
                    "stop": stop,
                },
            )
            print(f"  survey answers {stop:,} / {total:,}", flush=True)
        cursor.execute("ANALYZE participation_surveyanswer")
    return total


def satisfaction_answers(total: int) -> int:
    """`total` answers after a service, each with its invitation, over the last 730 days;
    one per resident (so never two in a week)."""
    from django.db import connection

    from loket.people.models import Person

    low = Person.objects.filter(region__slug=REGION).order_by("pk").values_list("pk", flat=True)[0]
    with connection.cursor() as cursor:
        for start, stop in _chunks(total):
            cursor.execute(
                """
                WITH picked AS (
                    SELECT g AS i, current_date - ((g::bigint * 6007) %% 730)::int AS day,
                           (ARRAY['case', 'report', 'appointment', 'contact_question'])
                               [1 + g %% 4] AS kind
                    FROM generate_series(%(start)s, %(stop)s - 1) AS g
                ), invited AS (
                    INSERT INTO participation_satisfactioninvitation (service_kind,
                        service_reference, subject_code, subject_name, invited_on, "window",
                        created_at, municipality_id, person_id)
                    SELECT kind, 'bench-' || i, '', '', day, daterange(day, day + 7), day,
                        p.municipality_id, p.id
                    FROM picked JOIN people_person p ON p.id = %(low)s + picked.i
                    RETURNING id, service_kind, invited_on, municipality_id
                )
                INSERT INTO participation_satisfactionanswer (invitation_id, service_kind,
                    subject_code, subject_name, score, comment, answered_on, municipality_id)
                SELECT id, service_kind, '', '', 1 + (id * 7 + id / 13) %% 5,
                    CASE WHEN id %% 6 = 0 THEN 'Vriendelijk en snel geholpen.' ELSE '' END,
                    invited_on + 1, municipality_id
                FROM invited
                """,
                {"low": low, "start": start, "stop": stop},
            )
            print(f"  satisfaction answers {stop:,} / {total:,}", flush=True)
        cursor.execute("ANALYZE participation_satisfactioninvitation")
        cursor.execute("ANALYZE participation_satisfactionanswer")
    return total
