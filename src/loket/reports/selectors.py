"""Reads of reports and categories, always scoped to what the actor (or the public) may see."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from loket.core.rows import name_fields
from loket.reports.models import (
    Category,
    CategoryAttribute,
    CategoryMapping,
    Open311Client,
    Report,
    ReportEvent,
)
from loket.reports.workflow import OPEN_STATUSES, ReportStatus
from loket.tenancy.access import Actor
from loket.tenancy.models import Municipality, Region
from loket.tenancy.permissions import Permission

if TYPE_CHECKING:
    from loket.audit.models import AccessChannel, AccessPurpose

EARTH_RADIUS_M = 6_371_000.0


# --- staff and residents -------------------------------------------------------------


def reports_visible_to(
    *, actor: Actor, permission: Permission = Permission.REPORTS_VIEW
) -> QuerySet[Report]:
    """Staff see the reports of the municipalities where they hold `permission` (a regional
    dispatcher's grant covers the whole region); a resident sees the reports they made."""
    if actor.is_resident and actor.person_id is not None:
        return Report.objects.filter(reporter_person_id=actor.person_id)
    municipality_ids = actor.municipality_ids(permission)
    if not municipality_ids:
        return Report.objects.none()
    return Report.objects.filter(municipality_id__in=municipality_ids)


def report_get_visible(
    *, actor: Actor, report_id: int, permission: Permission = Permission.REPORTS_VIEW
) -> Report:
    report = (
        reports_visible_to(actor=actor, permission=permission)
        .select_related("municipality", "category__parent", "department", "region", "merged_into")
        .filter(pk=report_id)
        .first()
    )
    if report is None:
        raise Http404
    return report


def report_reporter_read_for_purpose(
    *,
    actor: Actor,
    report_id: int,
    purpose: AccessPurpose | str,
    what: str,
    channel: AccessChannel,
) -> Report:
    """A report with its reporter's contact details (reports.handle; 404 when out of
    reach). Reading a registered resident's details is written to their access log, on
    behalf of the report's municipality."""
    from loket.audit.services import access_log_record

    report = report_get_visible(
        actor=actor, report_id=report_id, permission=Permission.REPORTS_HANDLE
    )
    if report.reporter_person is not None:
        access_log_record(
            actor=actor,
            person=report.reporter_person,
            purpose=purpose,
            what=what,
            channel=channel,
            municipality_id=report.municipality_id,
        )
    return report


def report_history(*, report: Report, public_only: bool = False) -> list[ReportEvent]:
    events = report.events.select_related("actor_user").prefetch_related("photos")
    if public_only:
        events = events.exclude(kind="note")
    return list(events)


def reports_queue(
    *,
    actor: Actor,
    municipality_id: int | None = None,
    department_id: int | None = None,
    unrouted_only: bool = False,
    status: str = "",
    category_id: int | None = None,
    overdue_only: bool = False,
    open_only: bool = True,
) -> QuerySet[Report]:
    """The back-office work list: open reports, oldest due date first; only the columns
    a row of the list shows (`reports/backoffice/_table.html`)."""
    reports = (
        reports_visible_to(actor=actor)
        .select_related("municipality", "category", "department")
        .only(
            "pk",
            "status",
            "due_at",
            "municipality",
            "category",
            "department",
            *name_fields("municipality", "category", "department"),
        )
    )
    if municipality_id:
        reports = reports.filter(municipality_id=municipality_id)
    if department_id:
        reports = reports.filter(department_id=department_id)
    if unrouted_only:
        reports = reports.filter(department__isnull=True)
    if status:
        reports = reports.filter(status=status)
    elif open_only:
        reports = reports.filter(status__in=OPEN_STATUSES)
    if category_id:
        reports = reports.filter(category_id=category_id)
    if overdue_only:
        reports = reports.filter(status__in=OPEN_STATUSES, due_at__lt=timezone.now())
    return reports.order_by("due_at", "id")


def reports_overdue(*, actor: Actor) -> QuerySet[Report]:
    return reports_queue(actor=actor, overdue_only=True)


def regions_dispatched_by(*, actor: Actor) -> QuerySet[Region]:
    """Regions where the actor works as the regional reporting point."""
    return Region.objects.filter(pk__in=actor.region_ids(Permission.REPORTS_ROUTE))


# --- the public ---------------------------------------------------------------------


def reports_public(
    *,
    region: Region | None = None,
    municipality: Municipality | None = None,
    include_merged: bool = False,
) -> QuerySet[Report]:
    """Reports anyone may see (public categories only). Never select personal fields from
    this queryset in public views: use `.only()` with PUBLIC_REPORT_FIELDS."""
    reports = Report.objects.filter(is_public=True)
    if region is not None:
        reports = reports.filter(region=region)
    if municipality is not None:
        reports = reports.filter(municipality=municipality)
    if not include_merged:
        reports = reports.exclude(status=ReportStatus.MERGED)
    return reports


PUBLIC_REPORT_FIELDS = (
    "id",
    "region_id",
    "municipality_id",
    "category_id",
    "department_id",
    "status",
    "description",
    "latitude",
    "longitude",
    "address",
    "address_id",
    "postal_code",
    "media_url",
    "status_note",
    "created_at",
    "updated_at",
    "due_at",
    "closed_at",
    "merged_into_id",
    "token",
)


def report_get_public(*, report_id: int) -> Report:
    report = (
        reports_public(include_merged=True)
        .select_related("municipality", "category__parent", "department")
        .only(
            *PUBLIC_REPORT_FIELDS,
            "municipality__name_nl",
            "municipality__name_fr",
            "municipality__name_en",
            "municipality__slug",
            "municipality__region_id",
            "category__name_nl",
            "category__name_fr",
            "category__name_en",
            "category__code",
            "category__parent__name_nl",
            "category__parent__name_fr",
            "category__parent__name_en",
            "department__name_nl",
            "department__name_fr",
            "department__name_en",
        )
        .filter(pk=report_id)
        .first()
    )
    if report is None:
        raise Http404
    return report


@dataclass(frozen=True)
class NearbyReport:
    report: Report
    distance_m: float


def distance_m(
    latitude_a: float, longitude_a: float, latitude_b: float, longitude_b: float
) -> float:
    """Great-circle distance in metres (haversine)."""
    phi_a, phi_b = math.radians(latitude_a), math.radians(latitude_b)
    d_phi = phi_b - phi_a
    d_lambda = math.radians(longitude_b - longitude_a)
    h = math.sin(d_phi / 2) ** 2 + math.cos(phi_a) * math.cos(phi_b) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(h))


def reports_nearby_open(
    *,
    category: Category,
    latitude: float,
    longitude: float,
    radius_m: float | None = None,
    max_age_days: int | None = None,
    limit: int = 5,
) -> list[NearbyReport]:
    """Open public reports of the same category within `radius_m` (default from settings,
    30 m) made in the last `max_age_days`: candidates to follow instead of reporting again."""
    radius_m = radius_m or settings.LOKET_REPORTS_DUPLICATE_RADIUS_M
    max_age_days = max_age_days or settings.LOKET_REPORTS_DUPLICATE_MAX_AGE_DAYS
    delta_latitude = radius_m / 111_320
    delta_longitude = radius_m / (111_320 * max(math.cos(math.radians(latitude)), 0.01))
    candidates = (
        reports_public()
        .filter(
            category=category,
            status__in=OPEN_STATUSES,
            latitude__range=(latitude - delta_latitude, latitude + delta_latitude),
            longitude__range=(longitude - delta_longitude, longitude + delta_longitude),
            created_at__gte=timezone.now() - dt.timedelta(days=max_age_days),
        )
        .select_related("category", "municipality")
        .only(
            *PUBLIC_REPORT_FIELDS,
            "category__name_nl",
            "category__name_fr",
            "category__name_en",
            "municipality__name_nl",
            "municipality__name_fr",
            "municipality__name_en",
        )[:50]
    )
    nearby = []
    for report in candidates:
        if report.latitude is None or report.longitude is None:
            continue
        distance = distance_m(latitude, longitude, report.latitude, report.longitude)
        if distance <= radius_m:
            nearby.append(NearbyReport(report=report, distance_m=distance))
    nearby.sort(key=lambda item: item.distance_m)
    return nearby[:limit]


# How long after sending a report the same reporter's report of the same kind at the same
# place is taken for the same report sent again.
JUST_SENT_WINDOW = dt.timedelta(minutes=10)


def report_just_sent(
    *,
    actor: Actor,
    tokens: Sequence[str],
    category: Category,
    latitude: float | None,
    longitude: float | None,
    address: str,
) -> Report | None:
    """The report of this category that the same reporter (sent from this browser: one of
    `tokens`, or by the signed-in resident) made at this place a few minutes ago, if any."""
    who = Q(token__in=list(tokens))
    if actor.is_resident and actor.person_id is not None:
        who |= Q(reporter_person_id=actor.person_id)
    candidates = (
        Report.objects.filter(
            who, category=category, created_at__gte=timezone.now() - JUST_SENT_WINDOW
        )
        .select_related("category", "municipality")
        .order_by("-created_at")[:20]
    )
    radius_m = settings.LOKET_REPORTS_DUPLICATE_RADIUS_M
    typed = " ".join(address.split()).casefold()
    for report in candidates:
        if typed and " ".join(report.address.split()).casefold() == typed:
            return report
        if latitude is None or longitude is None:
            continue
        if report.latitude is None or report.longitude is None:
            continue
        if distance_m(latitude, longitude, report.latitude, report.longitude) <= radius_m:
            return report
    return None


# --- categories ---------------------------------------------------------------------


def categories_tree(*, region: Region, active_only: bool = True) -> list[Category]:
    """Top-level groups with their leaf categories prefetched as `leaves`."""
    leaves = Category.objects.filter(region=region).order_by("position", "name_nl")
    groups = Category.objects.filter(region=region, parent__isnull=True)
    if active_only:
        leaves = leaves.filter(is_active=True)
        groups = groups.filter(is_active=True)
    return list(
        groups.order_by("position", "name_nl").prefetch_related(
            Prefetch("children", queryset=leaves, to_attr="leaves")
        )
    )


def categories_offered(
    *, region: Region, municipality: Municipality | None = None
) -> QuerySet[Category]:
    """Leaf categories residents can choose: active, and not switched off by the
    municipality (for the region: not switched off everywhere)."""
    leaves = Category.objects.filter(region=region, is_active=True, children__isnull=True).filter(
        Q(parent__isnull=True) | Q(parent__is_active=True)
    )
    if municipality is not None:
        switched_off = CategoryMapping.objects.filter(
            municipality=municipality, is_active=False
        ).values("category_id")
        leaves = leaves.exclude(pk__in=switched_off)
    return (
        leaves.select_related("parent")
        .prefetch_related(
            Prefetch("attributes", queryset=CategoryAttribute.objects.order_by("position", "id"))
        )
        .order_by("parent__position", "position", "name_nl")
    )


def category_get_offered(
    *, region: Region, code: str, municipality: Municipality | None = None
) -> Category | None:
    """One category residents may choose (a lean query: it runs for every Open311 POST)."""
    category = (
        Category.objects.select_related("parent")
        .filter(region=region, code=code, is_active=True)
        .annotate(is_group=Exists(Category.objects.filter(parent=OuterRef("pk"))))
        .first()
    )
    if category is None or category.is_group:
        return None
    if category.parent is not None and not category.parent.is_active:
        return None
    if (
        municipality is not None
        and CategoryMapping.objects.filter(
            category=category, municipality=municipality, is_active=False
        ).exists()
    ):
        return None
    return category


def category_mappings_for(*, municipality: Municipality) -> dict[int, CategoryMapping]:
    return {
        mapping.category_id: mapping
        for mapping in CategoryMapping.objects.filter(municipality=municipality).select_related(
            "department"
        )
    }


def open311_clients_visible_to(*, actor: Actor) -> QuerySet[Open311Client]:
    municipality_ids = actor.municipality_ids(Permission.OPEN311_MANAGE_KEYS)
    region_ids = actor.region_ids(Permission.OPEN311_MANAGE_KEYS)
    return (
        Open311Client.objects.filter(municipality_id__in=municipality_ids)
        | Open311Client.objects.filter(municipality__isnull=True, region_id__in=region_ids)
    ).select_related("region", "municipality")
