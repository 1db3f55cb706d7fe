"""Template helpers of the cases pages."""

from __future__ import annotations

from django import template

from loket.cases.models import CaseChannel
from loket.cases.workflow import CaseStatus

register = template.Library()


@register.filter
def status_label(status: str) -> str:
    return str(CaseStatus(status).label) if status in CaseStatus.values else status


@register.filter
def case_channel_label(channel: str) -> str:
    return str(CaseChannel(channel).label) if channel in CaseChannel.values else channel
