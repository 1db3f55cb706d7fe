"""The open datasets and how each is computed. Every dataset is an aggregate or an anonymised
extract, computed with SQL over one municipality (or the whole region, where each row names
its municipality):

- nothing that names or reaches a person leaves: no names, national numbers, e-mail
  addresses, phone numbers, free text, photos or exact locations;
- a cell that counts fewer than `MIN_CELL` people is suppressed (its values are left empty
  and `suppressed` is true); report categories with fewer than `MIN_CELL` reports in a
  municipality are left out of the report extract altogether;
- report locations are moved to the centre of a grid cell of about 100 m by 100 m, and only
  public reports in public categories are included (sensitive categories never are).

A region's file is the union of its municipalities' files, with the same suppression per
municipality, so no figure of the region file can be combined with another file to recover
a small cell.

To add a dataset: write a builder returning a `Table`, and add a `Dataset` to `DATASETS`
(docs/open-data.md).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from loket.tenancy.models import Municipality, Region

MIN_CELL = 10
# Grid of the report locations: ~100 m north-south (1° of latitude is ~111 km) and ~98 m
# east-west at 51° north (1° of longitude is ~70 km there).
LATITUDE_STEP = 0.0009
LONGITUDE_STEP = 0.0014


@dataclass
class Table:
    columns: Sequence[str]
    rows: list[dict[str, Any]] = field(default_factory=list)
    covers_from: dt.date | None = None
    covers_until: dt.date | None = None
    # For a GeoJSON distribution: the row keys holding the point.
    point: tuple[str, str] | None = None


Builder = Callable[[Region, Municipality | None], Table]


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: Promise
    description: Promise
    formats: tuple[str, ...]
    # EU data themes (http://publications.europa.eu/resource/authority/data-theme/…).
    theme: str
    keywords: tuple[Promise, ...]
    build: Builder


def grid_point(latitude: float, longitude: float) -> tuple[float, float]:
    """The centre of the ~100 m grid cell that holds the point."""
    lat = (math.floor(latitude / LATITUDE_STEP) + 0.5) * LATITUDE_STEP
    lon = (math.floor(longitude / LONGITUDE_STEP) + 0.5) * LONGITUDE_STEP
    return round(lat, 5), round(lon, 5)


def _where(municipality: Municipality | None, column: str) -> tuple[str, list[Any]]:
    if municipality is None:
        return "", []
    return f" AND {column} = %s", [municipality.pk]


def _fetch(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _span(values: list[dt.date]) -> tuple[dt.date | None, dt.date | None]:
    return (min(values), max(values)) if values else (None, None)


def _month_end(month: dt.date) -> dt.date:
    following = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def reports_build(region: Region, municipality: Municipality | None) -> Table:
    where, params = _where(municipality, "r.municipality_id")
    rows = _fetch(
        f"""
        WITH public_reports AS (
            SELECT r.municipality_id, r.category_id, r.status, r.latitude, r.longitude,
                   (r.created_at AT TIME ZONE %s)::date AS opened_on,
                   (r.closed_at AT TIME ZONE %s)::date AS closed_on
              FROM reports_report r
              JOIN reports_category c ON c.id = r.category_id
             WHERE r.region_id = %s AND r.is_public AND c.default_visibility = 'public'
               AND r.merged_into_id IS NULL
               AND r.latitude IS NOT NULL AND r.longitude IS NOT NULL{where}
        ), large_enough AS (
            SELECT municipality_id, category_id FROM public_reports
             GROUP BY municipality_id, category_id HAVING count(*) >= %s
        )
        SELECT m.nis_code, c.code, c.name_nl, c.name_fr, c.name_en, p.status,
               date_trunc('month', p.opened_on)::date, p.opened_on, p.closed_on,
               p.latitude, p.longitude
          FROM public_reports p
          JOIN large_enough USING (municipality_id, category_id)
          JOIN tenancy_municipality m ON m.id = p.municipality_id
          JOIN reports_category c ON c.id = p.category_id
         ORDER BY m.nis_code, p.opened_on, c.code
        """,
        [settings.TIME_ZONE, settings.TIME_ZONE, region.pk, *params, MIN_CELL],
    )
    table = Table(
        columns=(
            "municipality_nis",
            "category",
            "category_nl",
            "category_fr",
            "category_en",
            "status",
            "month",
            "days_to_close",
            "latitude",
            "longitude",
        ),
        point=("latitude", "longitude"),
    )
    for nis, code, name_nl, name_fr, name_en, status, month, opened, closed, lat, lon in rows:
        grid_lat, grid_lon = grid_point(lat, lon)
        table.rows.append(
            {
                "municipality_nis": nis,
                "category": code,
                "category_nl": name_nl,
                "category_fr": name_fr,
                "category_en": name_en,
                "status": status,
                "month": month.strftime("%Y-%m"),
                "days_to_close": (closed - opened).days if closed else None,
                "latitude": grid_lat,
                "longitude": grid_lon,
            }
        )
    months = [row[6] for row in rows]
    first, last = _span(months)
    table.covers_from, table.covers_until = first, _month_end(last) if last else None
    return table


def requests_build(region: Region, municipality: Municipality | None) -> Table:
    where, params = _where(municipality, "c.municipality_id")
    rows = _fetch(
        f"""
        SELECT m.nis_code, date_trunc('month', c.submitted_at AT TIME ZONE %s)::date AS month,
               p.code, p.name_nl, p.name_fr, p.name_en, count(*) AS requests,
               count(c.decided_at) AS decided,
               percentile_cont(0.5) WITHIN GROUP (
                   ORDER BY extract(epoch FROM c.decided_at - c.submitted_at) / 86400.0
               ) FILTER (WHERE c.decided_at IS NOT NULL) AS median_days
          FROM cases_case c
          JOIN catalog_product p ON p.id = c.product_id
          JOIN tenancy_municipality m ON m.id = c.municipality_id
         WHERE c.region_id = %s{where}
         GROUP BY m.nis_code, month, p.code, p.name_nl, p.name_fr, p.name_en
         ORDER BY m.nis_code, month, p.code
        """,
        [settings.TIME_ZONE, region.pk, *params],
    )
    table = Table(
        columns=(
            "municipality_nis",
            "month",
            "product",
            "product_nl",
            "product_fr",
            "product_en",
            "requests",
            "median_days_to_decision",
            "suppressed",
        )
    )
    for nis, month, code, name_nl, name_fr, name_en, requests, decided, median in rows:
        small = requests < MIN_CELL
        table.rows.append(
            {
                "municipality_nis": nis,
                "month": month.strftime("%Y-%m"),
                "product": code,
                "product_nl": name_nl,
                "product_fr": name_fr,
                "product_en": name_en,
                "requests": None if small else requests,
                "median_days_to_decision": (
                    None if small or decided < MIN_CELL or median is None else round(median, 1)
                ),
                "suppressed": small,
            }
        )
    first, last = _span([row[1] for row in rows])
    table.covers_from, table.covers_until = first, _month_end(last) if last else None
    return table


def waiting_times_build(region: Region, municipality: Municipality | None) -> Table:
    where, params = _where(municipality, "t.municipality_id")
    rows = _fetch(
        f"""
        SELECT m.nis_code, date_trunc('month', t.day)::date AS month, count(*) AS tickets,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY wait) AS median_wait,
               percentile_cont(0.9) WITHIN GROUP (ORDER BY wait) AS p90_wait,
               avg(CASE WHEN wait <= 5 THEN 1.0 ELSE 0.0 END) AS within_five
          FROM (
              SELECT t.municipality_id, t.day,
                     extract(epoch FROM t.called_at - t.taken_at) / 60.0 AS wait
                FROM queue_ticket t
                JOIN tenancy_municipality mm ON mm.id = t.municipality_id
               WHERE mm.region_id = %s AND t.called_at IS NOT NULL{where}
          ) t
          JOIN tenancy_municipality m ON m.id = t.municipality_id
         GROUP BY m.nis_code, month
         ORDER BY m.nis_code, month
        """,
        [region.pk, *params],
    )
    table = Table(
        columns=(
            "municipality_nis",
            "month",
            "tickets",
            "median_wait_minutes",
            "p90_wait_minutes",
            "share_within_5_minutes",
            "suppressed",
        )
    )
    for nis, month, tickets, median, p90, within in rows:
        small = tickets < MIN_CELL
        table.rows.append(
            {
                "municipality_nis": nis,
                "month": month.strftime("%Y-%m"),
                "tickets": None if small else tickets,
                "median_wait_minutes": None if small else round(median, 1),
                "p90_wait_minutes": None if small else round(p90, 1),
                "share_within_5_minutes": None if small else round(float(within), 3),
                "suppressed": small,
            }
        )
    first, last = _span([row[1] for row in rows])
    table.covers_from, table.covers_until = first, _month_end(last) if last else None
    return table


def happiness_build(region: Region, municipality: Municipality | None) -> Table:
    where, params = _where(municipality, "a.municipality_id")
    overall = _fetch(
        f"""
        SELECT m.nis_code, a.period_start, count(*), avg(a.score)
          FROM participation_surveyanswer a
          JOIN tenancy_municipality m ON m.id = a.municipality_id
         WHERE m.region_id = %s{where}
         GROUP BY m.nis_code, a.period_start
        """,
        [region.pk, *params],
    )
    by_area = _fetch(
        f"""
        SELECT m.nis_code, a.period_start, s.name_nl, s.name_fr, s.name_en, count(*), avg(a.score)
          FROM participation_surveyanswer a
          JOIN tenancy_municipality m ON m.id = a.municipality_id
          JOIN participation_surveyarea s ON s.id = ANY (a.area_ids)
         WHERE m.region_id = %s{where}
         GROUP BY m.nis_code, a.period_start, s.name_nl, s.name_fr, s.name_en
        """,
        [region.pk, *params],
    )
    table = Table(
        columns=(
            "municipality_nis",
            "period_start",
            "improvement_area_nl",
            "improvement_area_fr",
            "improvement_area_en",
            "respondents",
            "average_happiness",
            "suppressed",
        )
    )
    combined = [(nis, period, "", "", "", n, avg) for nis, period, n, avg in overall]
    combined += by_area
    combined.sort(key=lambda row: (row[0], row[1], row[2]))
    for nis, period, area_nl, area_fr, area_en, respondents, average in combined:
        small = respondents < MIN_CELL
        table.rows.append(
            {
                "municipality_nis": nis,
                "period_start": period.isoformat(),
                "improvement_area_nl": area_nl,
                "improvement_area_fr": area_fr,
                "improvement_area_en": area_en,
                "respondents": None if small else respondents,
                "average_happiness": None if small else round(float(average), 1),
                "suppressed": small,
            }
        )
    table.covers_from, table.covers_until = _span([row[1] for row in overall])
    return table


def satisfaction_build(region: Region, municipality: Municipality | None) -> Table:
    """The short question after a service, per municipality, month and kind of service.
    The comments never leave: only counts and scores."""
    where, params = _where(municipality, "a.municipality_id")
    rows = _fetch(
        f"""
        SELECT m.nis_code, date_trunc('month', a.answered_on)::date AS month, a.service_kind,
               count(*), avg(a.score), avg(CASE WHEN a.score >= 4 THEN 1.0 ELSE 0.0 END)
          FROM participation_satisfactionanswer a
          JOIN tenancy_municipality m ON m.id = a.municipality_id
         WHERE m.region_id = %s{where}
         GROUP BY m.nis_code, month, a.service_kind
         ORDER BY m.nis_code, month, a.service_kind
        """,
        [region.pk, *params],
    )
    table = Table(
        columns=(
            "municipality_nis",
            "month",
            "service",
            "answers",
            "average_score",
            "share_satisfied",
            "suppressed",
        )
    )
    for nis, month, service, answers, average, satisfied in rows:
        small = answers < MIN_CELL
        table.rows.append(
            {
                "municipality_nis": nis,
                "month": month.strftime("%Y-%m"),
                "service": service,
                "answers": None if small else answers,
                "average_score": None if small else round(float(average), 1),
                "share_satisfied": None if small else round(float(satisfied), 3),
                "suppressed": small,
            }
        )
    first, last = _span([row[1] for row in rows])
    table.covers_from, table.covers_until = first, _month_end(last) if last else None
    return table


DATASETS: tuple[Dataset, ...] = (
    Dataset(
        slug="meldingen",
        title=_("Reports in public space"),
        description=_(
            "Public reports of problems in public space: category, status, month and days "
            "to close, located on a grid of about 100 m. No text, no photos, no reporter; "
            "sensitive categories and categories with fewer than 10 reports are left out."
        ),
        formats=("geojson", "csv"),
        theme="GOVE",
        keywords=(_("reports"), _("public space")),
        build=reports_build,
    ),
    Dataset(
        slug="aanvragen",
        title=_("Requests per product per month"),
        description=_(
            "How many requests residents made for each product per month, with the median "
            "number of days to a decision. Months with fewer than 10 requests are suppressed."
        ),
        formats=("csv",),
        theme="GOVE",
        keywords=(_("requests"), _("products")),
        build=requests_build,
    ),
    Dataset(
        slug="wachttijden",
        title=_("Waiting times at the counter"),
        description=_(
            "Tickets called per month with the median and 90th percentile waiting time and "
            "the share called within five minutes. Months with fewer than 10 tickets are "
            "suppressed."
        ),
        formats=("csv",),
        theme="GOVE",
        keywords=(_("waiting time"), _("counter")),
        build=waiting_times_build,
    ),
    Dataset(
        slug="geluk",
        title=_("Happiness survey"),
        description=_(
            "The residents' answers to “How happy are you living here?” (1 to 10) per "
            "period, overall and per improvement area they chose. Groups of fewer than 10 "
            "respondents are suppressed."
        ),
        formats=("csv",),
        theme="SOCI",
        keywords=(_("happiness"), _("survey")),
        build=happiness_build,
    ),
    Dataset(
        slug="tevredenheid",
        title=_("Satisfaction after a service"),
        description=_(
            "The answers to the short question after a request was closed, a report "
            "resolved, an appointment held or a question answered (1 to 5), per month and "
            "kind of service: how many, the average score and the share scoring 4 or 5. No "
            "comments. Months with fewer than 10 answers are suppressed."
        ),
        formats=("csv",),
        theme="SOCI",
        keywords=(_("satisfaction"), _("service")),
        build=satisfaction_build,
    ),
)


def dataset_get(slug: str) -> Dataset | None:
    return next((dataset for dataset in DATASETS if dataset.slug == slug), None)
