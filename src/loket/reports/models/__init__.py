"""Public-space reports: categories and their mapping per municipality, reports with their
photos, followers and history, and the Open311 clients that submit them."""

from loket.reports.models.categories import (
    AttributeDatatype,
    Category,
    CategoryAttribute,
    CategoryMapping,
    Visibility,
)
from loket.reports.models.clients import Open311Client, RateLimitCounter
from loket.reports.models.emails import FollowerEmail, FollowerEmailStatus
from loket.reports.models.reports import (
    EventKind,
    PhotoKind,
    Report,
    ReportEvent,
    ReportFollower,
    ReportPhoto,
    ReportSource,
)

__all__ = [
    "AttributeDatatype",
    "Category",
    "CategoryAttribute",
    "CategoryMapping",
    "EventKind",
    "FollowerEmail",
    "FollowerEmailStatus",
    "Open311Client",
    "PhotoKind",
    "RateLimitCounter",
    "Report",
    "ReportEvent",
    "ReportFollower",
    "ReportPhoto",
    "ReportSource",
    "Visibility",
]
