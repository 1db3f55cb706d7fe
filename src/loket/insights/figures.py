"""Computing the dashboards' monthly figures with SQL aggregates over the domains' tables.
`figures_refresh` replaces every figure in one transaction (readers see the old figures
until it commits); the worker runs it every hour, `loket insights_refresh` on demand.

Measures (one row per municipality, month and key):

| measure | key | count | part | total, median |
|---|---|---|---|---|
| `contacts` | channel group | contacts | | |
| `requests` | product code | requests submitted | | |
| `decisions` | product code | requests decided | decided by the due date | days to decision |
| `reports` | category code | reports closed | closed by the due time | days to close |
| `queue` | | tickets called | called within 5 minutes | minutes waited |
| `appointments` | | appointments held or missed | missed (no-show) | |
| `happiness` | | survey answers | | sum and median of scores |
| `happiness_area` | area name | answers naming the area | | |
| `satisfaction` | service kind | answers after a service | score 4 or 5 | sum, median |

Contacts by channel group: every contact moment (its channel), every request submitted
online or through an integration (digital) and every report made online or through an app
(digital). Groups: digital (e-mail, web form, chat or assistant, social media, online),
phone, counter, home visit, other (letter).
"""

from __future__ import annotations

import time

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from loket.insights.models import FiguresState, MonthlyFigure

CHANNEL_GROUPS = ("digital", "phone", "counter", "home_visit", "other")
_CONTACT_GROUP = """
    CASE channel
        WHEN 'phone' THEN 'phone'
        WHEN 'counter' THEN 'counter'
        WHEN 'home_visit' THEN 'home_visit'
        WHEN 'letter' THEN 'other'
        ELSE 'digital'
    END
"""
_INSERT = (
    "INSERT INTO insights_monthlyfigure "
    "(municipality_id, month, measure, key, count, part, total, median) "
)

MEASURES: dict[str, str] = {
    "contacts": f"""
        SELECT municipality_id, month, 'contacts', grp, count(*), NULL, NULL, NULL FROM (
            SELECT municipality_id,
                   date_trunc('month', occurred_at AT TIME ZONE %(tz)s)::date AS month,
                   {_CONTACT_GROUP} AS grp
              FROM crm_contactmoment WHERE municipality_id IS NOT NULL
            UNION ALL
            SELECT municipality_id,
                   date_trunc('month', submitted_at AT TIME ZONE %(tz)s)::date, 'digital'
              FROM cases_case WHERE channel IN ('portal', 'api')
            UNION ALL
            SELECT municipality_id,
                   date_trunc('month', created_at AT TIME ZONE %(tz)s)::date, 'digital'
              FROM reports_report WHERE source IN ('portal', 'open311')
        ) contacts
        GROUP BY municipality_id, month, grp
    """,
    "requests": """
        SELECT c.municipality_id, date_trunc('month', c.submitted_at AT TIME ZONE %(tz)s)::date,
               'requests', p.code, count(*), NULL, NULL, NULL
          FROM cases_case c JOIN catalog_product p ON p.id = c.product_id
         GROUP BY 1, 2, p.code
    """,
    "decisions": """
        SELECT municipality_id, month, 'decisions', code, count(*),
               count(*) FILTER (WHERE on_time), sum(days),
               percentile_cont(0.5) WITHIN GROUP (ORDER BY days)
          FROM (
              SELECT c.municipality_id,
                     date_trunc('month', c.decided_at AT TIME ZONE %(tz)s)::date AS month,
                     p.code,
                     (c.decided_at AT TIME ZONE %(tz)s)::date <= c.due_date AS on_time,
                     extract(epoch FROM c.decided_at - c.submitted_at) / 86400.0 AS days
                FROM cases_case c JOIN catalog_product p ON p.id = c.product_id
               WHERE c.decided_at IS NOT NULL
          ) decided
         GROUP BY municipality_id, month, code
    """,
    "reports": """
        SELECT municipality_id, month, 'reports', code, count(*),
               count(*) FILTER (WHERE on_time), sum(days),
               percentile_cont(0.5) WITHIN GROUP (ORDER BY days)
          FROM (
              SELECT r.municipality_id,
                     date_trunc('month', r.closed_at AT TIME ZONE %(tz)s)::date AS month,
                     c.code,
                     r.due_at IS NULL OR r.closed_at <= r.due_at AS on_time,
                     extract(epoch FROM r.closed_at - r.created_at) / 86400.0 AS days
                FROM reports_report r JOIN reports_category c ON c.id = r.category_id
               WHERE r.closed_at IS NOT NULL AND r.merged_into_id IS NULL
          ) closed
         GROUP BY municipality_id, month, code
    """,
    "queue": """
        SELECT municipality_id, date_trunc('month', day)::date, 'queue', '', count(*),
               count(*) FILTER (WHERE minutes <= 5), sum(minutes),
               percentile_cont(0.5) WITHIN GROUP (ORDER BY minutes)
          FROM (
              SELECT municipality_id, day,
                     extract(epoch FROM called_at - taken_at) / 60.0 AS minutes
                FROM queue_ticket WHERE called_at IS NOT NULL
          ) called
         GROUP BY 1, 2
    """,
    "appointments": """
        SELECT municipality_id, date_trunc('month', starts_at AT TIME ZONE %(tz)s)::date,
               'appointments', '', count(*), count(*) FILTER (WHERE status = 'no_show'),
               NULL, NULL
          FROM appointments_appointment WHERE status IN ('held', 'no_show')
         GROUP BY 1, 2
    """,
    "happiness": """
        SELECT municipality_id, period_start, 'happiness', '', count(*), NULL, sum(score),
               percentile_cont(0.5) WITHIN GROUP (ORDER BY score)
          FROM participation_surveyanswer
         GROUP BY 1, 2
    """,
    "happiness_area": """
        SELECT a.municipality_id, a.period_start, 'happiness_area', s.name_nl, count(*),
               NULL, NULL, NULL
          FROM participation_surveyanswer a
          JOIN participation_surveyarea s ON s.id = ANY (a.area_ids)
         GROUP BY 1, 2, s.name_nl
    """,
    "satisfaction": """
        SELECT municipality_id, date_trunc('month', answered_on)::date, 'satisfaction',
               service_kind, count(*), count(*) FILTER (WHERE score >= 4), sum(score),
               percentile_cont(0.5) WITHIN GROUP (ORDER BY score)
          FROM participation_satisfactionanswer
         GROUP BY 1, 2, service_kind
    """,
}


def figures_refresh() -> float:
    """Recompute every figure; returns the seconds it took."""
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("LOCK TABLE insights_monthlyfigure IN EXCLUSIVE MODE")
        cursor.execute("DELETE FROM insights_monthlyfigure")
        for sql in MEASURES.values():
            cursor.execute(_INSERT + sql, {"tz": settings.TIME_ZONE})
        seconds = time.perf_counter() - started
        FiguresState.objects.update_or_create(
            pk=1, defaults={"refreshed_at": timezone.now(), "seconds": seconds}
        )
    return seconds


def figures_state() -> FiguresState | None:
    return FiguresState.objects.filter(pk=1).first()


__all__ = ["CHANNEL_GROUPS", "MEASURES", "MonthlyFigure", "figures_refresh", "figures_state"]
