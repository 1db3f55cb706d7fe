"""The dashboards' charts as data: each builder returns a `Chart` (labels, series, and the
same figures as table rows), which the pages show as a table, `svg.py` draws and the CSV
download writes. One place computes each figure, so the picture, the table and the CSV
always agree."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from loket.catalog.models import Product
from loket.insights.figures import CHANNEL_GROUPS
from loket.insights.models import MonthlyFigure
from loket.insights.selectors import (
    MIN_CELL,
    FigureSum,
    by_key,
    channel_targets_of,
    figures_of,
    figures_summed,
)
from loket.reports.models import Category
from loket.tenancy.models import Municipality

Value = float | int | str | None
# A month's figure, or figures summed over the period (the regional comparison).
Figure = MonthlyFigure | FigureSum


@dataclass(frozen=True)
class Period:
    first: dt.date  # the first month (day 1)
    last: dt.date  # the last month (day 1), inclusive

    def months(self) -> list[dt.date]:
        months, month = [], self.first
        while month <= self.last:
            months.append(month)
            month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return months


@dataclass
class Chart:
    slug: str
    title: str
    kind: str  # "bar", "hbar" or "line"
    labels: list[str]
    series: list[tuple[str, list[float | None]]]
    columns: list[str]
    rows: list[list[Value]] = field(default_factory=list)
    unit: str = ""
    note: str = ""

    @property
    def is_empty(self) -> bool:
        return not self.rows


def month_label(month: dt.date) -> str:
    return date_format(month, "YEAR_MONTH_FORMAT")


def _share(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def _mean(total: float | None, count: int) -> float | None:
    return round(total / count, 1) if count and total is not None else None


def _sum(figures: Sequence[Figure]) -> tuple[int, int, float]:
    return (
        sum(f.count for f in figures),
        sum(f.part or 0 for f in figures),
        sum(f.total or 0.0 for f in figures),
    )


def _per_month(figures: Sequence[MonthlyFigure]) -> dict[dt.date, list[MonthlyFigure]]:
    grouped: dict[dt.date, list[MonthlyFigure]] = defaultdict(list)
    for figure in figures:
        grouped[figure.month].append(figure)
    return grouped


def _figures(municipality: Municipality, measure: str, period: Period) -> list[MonthlyFigure]:
    return figures_of(
        municipality_ids=[municipality.pk], measure=measure, first=period.first, last=period.last
    )


def group_label(group: str) -> str:
    return {
        "digital": _("Digital"),
        "phone": _("Phone"),
        "counter": _("Counter"),
        "home_visit": _("Home visit"),
        "other": _("Other (letter)"),
    }[group]


# --- One municipality -------------------------------------------------------------------


def channel_mix(municipality: Municipality, period: Period) -> Chart:
    figures = by_key(_figures(municipality, "contacts", period))
    targets = channel_targets_of(municipality=municipality)
    target = {
        "digital": targets.digital,
        "phone": targets.phone,
        "counter": targets.counter,
        "home_visit": targets.home_visit,
        "other": 0,
    }
    counts = {group: sum(f.count for f in figures.get(group, [])) for group in CHANNEL_GROUPS}
    whole = sum(counts.values())
    chart = Chart(
        slug="kanalen",
        title=_("Contacts per channel against the targets"),
        kind="bar",
        labels=[group_label(g) for g in CHANNEL_GROUPS],
        series=[
            (_("Share (%)"), [_share(counts[g], whole) for g in CHANNEL_GROUPS]),
            (_("Target (%)"), [float(target[g]) for g in CHANNEL_GROUPS]),
        ],
        columns=[_("Channel"), _("Contacts"), _("Share (%)"), _("Target (%)")],
        unit="%",
    )
    if whole:
        chart.rows = [
            [group_label(g), counts[g], _share(counts[g], whole), target[g]] for g in CHANNEL_GROUPS
        ]
    return chart


def digital_share(municipality: Municipality, period: Period) -> Chart:
    months = _per_month(_figures(municipality, "contacts", period))
    target = float(channel_targets_of(municipality=municipality).digital)
    chart = Chart(
        slug="digitaal",
        title=_("Digital share of contacts per month"),
        kind="line",
        labels=[month_label(m) for m in period.months()],
        series=[],
        columns=[_("Month"), _("Contacts"), _("Digital"), _("Digital share (%)")],
        unit="%",
    )
    shares = []
    for month in period.months():
        figures = months.get(month, [])
        whole = sum(f.count for f in figures)
        digital = sum(f.count for f in figures if f.key == "digital")
        shares.append(_share(digital, whole))
        if whole:
            chart.rows.append([month_label(month), whole, digital, _share(digital, whole)])
    chart.series = [(_("Digital share (%)"), shares), (_("Target (%)"), [target] * len(shares))]
    return chart


def _product_names() -> dict[str, str]:
    return {p.code: p.name for p in Product.objects.only("code", "name_nl", "name_fr", "name_en")}


def requests_per_product(municipality: Municipality, period: Period) -> Chart:
    requests = by_key(_figures(municipality, "requests", period))
    decisions = by_key(_figures(municipality, "decisions", period))
    names = _product_names()
    totals = sorted(
        ((sum(f.count for f in figures), code) for code, figures in requests.items()),
        reverse=True,
    )
    chart = Chart(
        slug="aanvragen",
        title=_("Requests per product"),
        kind="hbar",
        labels=[],
        series=[],
        columns=[
            _("Product"),
            _("Requests"),
            _("Decided"),
            _("Decided on time (%)"),
            _("Average days to a decision"),
        ],
    )
    counts: list[float | None] = []
    for count, code in totals:
        decided, on_time, days = _sum(decisions.get(code, []))
        name = names.get(code, code)
        chart.rows.append([name, count, decided, _share(on_time, decided), _mean(days, decided)])
        if len(counts) < 15:
            chart.labels.append(name)
            counts.append(float(count))
    chart.series = [(_("Requests"), counts)]
    if len(totals) > 15:
        chart.note = _("The chart shows the 15 products with the most requests; the table all.")
    return chart


def processing_on_time(municipality: Municipality, period: Period) -> Chart:
    months = _per_month(_figures(municipality, "decisions", period))
    chart = Chart(
        slug="doorlooptijd",
        title=_("Requests decided on time per month"),
        kind="line",
        labels=[month_label(m) for m in period.months()],
        series=[],
        columns=[
            _("Month"),
            _("Decided"),
            _("On time"),
            _("On time (%)"),
            _("Average days to a decision"),
        ],
        unit="%",
    )
    shares = []
    for month in period.months():
        decided, on_time, days = _sum(months.get(month, []))
        shares.append(_share(on_time, decided))
        if decided:
            chart.rows.append(
                [
                    month_label(month),
                    decided,
                    on_time,
                    _share(on_time, decided),
                    _mean(days, decided),
                ]
            )
    chart.series = [(_("On time (%)"), shares)]
    return chart


def report_resolution(municipality: Municipality, period: Period) -> Chart:
    reports = by_key(_figures(municipality, "reports", period))
    names = {c.code: c.name for c in Category.objects.filter(region_id=municipality.region_id)}
    chart = Chart(
        slug="meldingen",
        title=_("Days to resolve a report, per category"),
        kind="hbar",
        labels=[],
        series=[],
        columns=[_("Category"), _("Resolved"), _("On time (%)"), _("Average days")],
        unit=_("days"),
    )
    totals = []
    for code, figures in reports.items():
        closed, on_time, days = _sum(figures)
        totals.append((names.get(code, code), closed, _share(on_time, closed), _mean(days, closed)))
    totals.sort(key=lambda row: (-row[1], row[0]))
    chart.rows = [list(row) for row in totals]
    chart.labels = [row[0] for row in totals[:15]]
    chart.series = [(_("Average days"), [row[3] for row in totals[:15]])]
    return chart


def queue_waits(municipality: Municipality, period: Period) -> Chart:
    months = _per_month(_figures(municipality, "queue", period))
    chart = Chart(
        slug="wachttijd",
        title=_("Waiting at the counter against five minutes"),
        kind="line",
        labels=[month_label(m) for m in period.months()],
        series=[],
        columns=[
            _("Month"),
            _("Tickets called"),
            _("Median wait (minutes)"),
            _("Called within 5 minutes (%)"),
        ],
        unit=_("minutes"),
    )
    medians = []
    for month in period.months():
        figures = months.get(month, [])
        called, within, _total = _sum(figures)
        median = round(figures[0].median, 1) if figures and figures[0].median is not None else None
        medians.append(median)
        if called:
            chart.rows.append([month_label(month), called, median, _share(within, called)])
    chart.series = [(_("Median wait (minutes)"), medians), (_("Target"), [5.0] * len(medians))]
    return chart


def no_shows(municipality: Municipality, period: Period) -> Chart:
    months = _per_month(_figures(municipality, "appointments", period))
    chart = Chart(
        slug="afspraken",
        title=_("Appointments missed (no-shows) per month"),
        kind="line",
        labels=[month_label(m) for m in period.months()],
        series=[],
        columns=[_("Month"), _("Appointments"), _("Missed"), _("Missed (%)")],
        unit="%",
    )
    shares = []
    for month in period.months():
        count, missed, _total = _sum(months.get(month, []))
        shares.append(_share(missed, count))
        if count:
            chart.rows.append([month_label(month), count, missed, _share(missed, count)])
    chart.series = [(_("Missed (%)"), shares)]
    return chart


def happiness(municipality: Municipality, period: Period) -> Chart:
    answers = _figures(municipality, "happiness", period)
    areas = by_key(_figures(municipality, "happiness_area", period))
    chart = Chart(
        slug="geluk",
        title=_("Happiness (1 to 10) per period"),
        kind="line",
        labels=[],
        series=[],
        columns=[_("Period"), _("Answers"), _("Average")],
        note=_("No figure is shown for fewer than 10 people."),
    )
    averages = []
    for figure in answers:
        shown = figure.count >= MIN_CELL
        average = _mean(figure.total, figure.count) if shown else None
        chart.labels.append(month_label(figure.month))
        averages.append(average)
        chart.rows.append(
            [month_label(figure.month), figure.count if shown else _("fewer than 10"), average]
        )
    chart.series = [(_("Average"), averages)]
    mentions = sorted(
        ((sum(f.count for f in figures), name) for name, figures in areas.items()), reverse=True
    )
    top = [name for count, name in mentions if count >= MIN_CELL][:3]
    if top:
        chart.note += " " + _("Most chosen to improve: %(areas)s.") % {"areas": ", ".join(top)}
    return chart


def satisfaction(municipality: Municipality, period: Period) -> Chart:
    """The short question after a service (1 to 5), all services together, per month."""
    months = _per_month(_figures(municipality, "satisfaction", period))
    chart = Chart(
        slug="tevredenheid",
        title=_("Satisfaction after a service (1 to 5) per month"),
        kind="line",
        labels=[month_label(m) for m in period.months()],
        series=[],
        columns=[_("Month"), _("Answers"), _("Average"), _("Satisfied (4 or 5) (%)")],
        note=_("No figure is shown for fewer than 10 people."),
    )
    averages = []
    for month in period.months():
        count, satisfied, total = _sum(months.get(month, []))
        shown = count >= MIN_CELL
        averages.append(_mean(total, count) if shown else None)
        if count:
            chart.rows.append(
                [
                    month_label(month),
                    count if shown else _("fewer than 10"),
                    _mean(total, count) if shown else None,
                    _share(satisfied, count) if shown else None,
                ]
            )
    chart.series = [(_("Average"), averages)]
    return chart


MUNICIPALITY_CHARTS: dict[str, Callable[[Municipality, Period], Chart]] = {
    "kanalen": channel_mix,
    "digitaal": digital_share,
    "aanvragen": requests_per_product,
    "doorlooptijd": processing_on_time,
    "meldingen": report_resolution,
    "wachttijd": queue_waits,
    "afspraken": no_shows,
    "geluk": happiness,
    "tevredenheid": satisfaction,
}

# --- The regional comparison --------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    slug: str
    title: object  # lazy text
    measure: str
    unit: str
    compute: Callable[[list[Figure]], tuple[float | None, int]]


def _digital(figures: list[Figure]) -> tuple[float | None, int]:
    whole = sum(f.count for f in figures)
    return _share(sum(f.count for f in figures if f.key == "digital"), whole), whole


def _part_share(figures: list[Figure]) -> tuple[float | None, int]:
    count, part, _total = _sum(figures)
    return _share(part, count), count


def _mean_of(figures: list[Figure]) -> tuple[float | None, int]:
    count, _part, total = _sum(figures)
    return _mean(total, count), count


def _small_suppressed_mean(figures: list[Figure]) -> tuple[float | None, int]:
    count, _part, total = _sum(figures)
    return (_mean(total, count) if count >= MIN_CELL else None), count


COMPARISONS: tuple[Comparison, ...] = (
    Comparison(
        "digitaal", gettext_lazy("Digital share of contacts (%)"), "contacts", "%", _digital
    ),
    Comparison(
        "op-tijd", gettext_lazy("Requests decided on time (%)"), "decisions", "%", _part_share
    ),
    Comparison(
        "meldingen", gettext_lazy("Average days to resolve a report"), "reports", "d", _mean_of
    ),
    Comparison(
        "binnen-5", gettext_lazy("Called within five minutes (%)"), "queue", "%", _part_share
    ),
    Comparison(
        "no-shows", gettext_lazy("Appointments missed (%)"), "appointments", "%", _part_share
    ),
    Comparison(
        "geluk",
        gettext_lazy("Average happiness (1 to 10)"),
        "happiness",
        "",
        _small_suppressed_mean,
    ),
    Comparison(
        "tevredenheid",
        gettext_lazy("Average satisfaction after a service (1 to 5)"),
        "satisfaction",
        "",
        _small_suppressed_mean,
    ),
)


def comparison_chart(
    comparison: Comparison, municipalities: Sequence[Municipality], period: Period
) -> Chart:
    figures = figures_summed(
        municipality_ids=[m.pk for m in municipalities],
        measure=comparison.measure,
        first=period.first,
        last=period.last,
    )
    per_municipality: dict[int, list[Figure]] = defaultdict(list)
    for figure in figures:
        per_municipality[figure.municipality_id].append(figure)
    chart = Chart(
        slug=comparison.slug,
        title=str(comparison.title),
        kind="bar",
        labels=[m.name for m in municipalities],
        series=[],
        columns=[_("Municipality"), str(comparison.title), _("Based on")],
        unit=comparison.unit,
    )
    values = []
    for municipality in municipalities:
        value, basis = comparison.compute(per_municipality.get(municipality.pk, []))
        values.append(value)
        if basis:
            shown_basis: Value = basis
            if comparison.compute is _small_suppressed_mean and basis < MIN_CELL:
                shown_basis = _("fewer than 10")
            chart.rows.append([municipality.name, value, shown_basis])
    chart.series = [(str(comparison.title), values)]
    return chart


def comparison_get(slug: str) -> Comparison | None:
    return next((c for c in COMPARISONS if c.slug == slug), None)
