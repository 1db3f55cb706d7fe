"""Template helpers of the notify domain (for "my page" and the menus)."""

from __future__ import annotations

from typing import Any

from django import template

from loket.notify.selectors import inbox_unread_count

register = template.Library()


@register.simple_tag
def inbox_unread(person: Any) -> int:
    """How many inbox messages the resident has not opened yet (0 without a resident)."""
    if person is None or getattr(person, "pk", None) is None:
        return 0
    return inbox_unread_count(person=person)
