"""Template helpers of the cases pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from loket.cases.models import Case, CaseChannel
from loket.cases.workflow import CaseStatus
from loket.core.rows import pk_url
from loket.web.tables import Cell, short_date, table_rows

register = template.Library()


@register.filter
def status_label(status: str) -> str:
    return str(CaseStatus(status).label) if status in CaseStatus.values else status


@register.filter
def case_channel_label(channel: str) -> str:
    return str(CaseChannel(channel).label) if channel in CaseChannel.values else channel


@register.simple_tag
def case_rows(cases: Iterable[Case], can_assign: bool, today: dt.date) -> SafeString:
    """The rows of the work queue (`cases/backoffice/_queue_results.html`) in one pass
    (`loket.web.tables`): a check box to select the case when the reader may assign, the
    number, the product (and "not paid"), the applicant, the status, the due date
    ("overdue"), the department and the handler."""
    url = pk_url("cases:detail")
    not_paid = format_html(' <span class="tag">{}</span>', _("not paid"))
    overdue = format_html(' <strong class="tag tag--warning">{}</strong>', _("overdue"))
    overdue_row = ' class="overdue"'
    rows = []
    for case in cases:
        is_overdue = case.due_date < today
        cells: list[object] = []
        if can_assign:
            cells.append(
                format_html(
                    '<input type="checkbox" name="case" value="{}" id="select-{}" aria-label="{}">',
                    case.pk,
                    case.pk,
                    _("Select %(number)s") % {"number": case.number},
                )
            )
        handler = case.handler.get_full_name() if case.handler else ""
        department = case.department.name if case.department else ""
        cells.extend(
            (
                Cell(format_html('<a href="{}">{}</a>', url(case.pk), case.number), "mono"),
                format_html(
                    "{}{}",
                    case.product.name,
                    not_paid if case.fee_cents and not case.paid_at else "",
                ),
                case.applicant.full_name if case.applicant else _("Anonymised"),
                case.get_status_display(),
                format_html("{}{}", short_date(case.due_date), overdue if is_overdue else ""),
                department or "\N{EM DASH}",
                handler or "\N{EM DASH}",
            )
        )
        rows.append((overdue_row if is_overdue else "", cells))
    return table_rows(rows)
