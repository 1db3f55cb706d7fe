"""Template helpers of the resident pages."""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]

from loket.people.timeline import TIMELINE_SOURCES, TimelineChannel, TimelineEntry
from loket.web.tables import short_datetime, table_rows

register = template.Library()


@register.simple_tag
def timeline_rows(entries: Iterable[TimelineEntry], purpose: str) -> SafeString:
    """The rows of the resident's timeline (`people/backoffice/_timeline_results.html`) in
    one pass (`loket.web.tables`): when, the kind, what (linking to the entry's page, with
    the 360° view's purpose when that page asks for one), the status (open ones marked), the
    channel and the municipality. Kind and channel labels are translated once per page."""
    kinds = {code: str(label) for code, label in TIMELINE_SOURCES.choices()}
    channels = {value: str(label) for value, label in TimelineChannel.choices}
    rows = []
    for entry in entries:
        url = f"{entry.url}?purpose={purpose}" if entry.asks_purpose else entry.url
        rows.append(
            (
                format_html(' data-kind="{}"', entry.kind),
                (
                    format_html(
                        '<time datetime="{}">{}</time>',
                        date_filter(template_localtime(entry.at), "c"),
                        short_datetime(entry.at),
                    ),
                    kinds.get(entry.kind, entry.kind),
                    format_html(
                        '<a href="{}">{}</a>{}',
                        url,
                        entry.title,
                        format_html('<br><span class="muted small">{}</span>', entry.detail)
                        if entry.detail
                        else "",
                    ),
                    format_html('<strong class="tag">{}</strong>', entry.status)
                    if entry.is_open
                    else entry.status,
                    channels.get(entry.channel) or "\N{EM DASH}",
                    entry.municipality,
                ),
            )
        )
    return table_rows(rows)
