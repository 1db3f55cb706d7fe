"""Template helpers of the notify domain (for "my page" and the menus)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]
from django.utils.translation import gettext as _

from loket.core.rows import pk_url
from loket.notify.models import Notification
from loket.notify.selectors import inbox_unread_count
from loket.people.models import Channel
from loket.web.tables import short_datetime, table_rows

register = template.Library()


@register.simple_tag
def inbox_unread(person: Any) -> int:
    """How many inbox messages the resident has not opened yet (0 without a resident)."""
    if person is None or getattr(person, "pk", None) is None:
        return 0
    return inbox_unread_count(person=person)


@register.simple_tag
def notification_rows(notifications: Iterable[Notification]) -> SafeString:
    """The rows of the sent messages (`notify/backoffice/message_list.html`) in one pass
    (`loket.web.tables`): when, to whom (staff marked, the municipality below), the subject
    linking to the message, the channel and the status."""
    url = pk_url("notify:message-detail")
    staff = format_html(' <span class="muted small">({})</span>', _("staff"))
    channels = {value: str(label) for value, label in Channel.choices}
    return table_rows(
        (
            "",
            (
                format_html(
                    '<time datetime="{}">{}</time>',
                    date_filter(template_localtime(notification.created_at), "c"),
                    short_datetime(notification.created_at),
                ),
                format_html(
                    '{}{}<br><span class="muted small">{}</span>',
                    notification.recipient_name,
                    staff if notification.staff_user_id else "",
                    notification.municipality.name,
                ),
                format_html(
                    '<a href="{}">{}</a>',
                    url(notification.pk),
                    notification.subject or notification.event,
                ),
                channels.get(notification.channel, notification.channel)
                if notification.channel
                else "\N{EM DASH}",
                notification.get_status_display(),
            ),
        )
        for notification in notifications
    )
