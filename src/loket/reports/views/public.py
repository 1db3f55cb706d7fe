"""Public pages: the map and list of reports, a page per report, following and reopening."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from loket.reports.forms import FollowForm, ReopenForm
from loket.reports.models import Category, Report, ReportPhoto
from loket.reports.notifications import REOPEN_SALT
from loket.reports.selectors import (
    PUBLIC_REPORT_FIELDS,
    categories_tree,
    report_get_public,
    report_history,
    reports_public,
    reports_visible_to,
)
from loket.reports.services import report_follow, report_reopen
from loket.reports.views.common import (
    AFTER_PHOTOS_SESSION_KEY,
    MAP_POINTS_LIMIT,
    map_data,
    region_for_request,
)
from loket.reports.views.portal import (
    DRAFT_SESSION_KEY,
    rate_limited,
    signed_in_person,
)
from loket.reports.workflow import CLOSED_STATUSES, OPEN_STATUSES, REOPEN_WINDOW, ReportStatus
from loket.tenancy.access import actor_from_request
from loket.tenancy.models import Municipality, Region
from loket.tenancy.selectors import municipalities_in_region, municipalities_public
from loket.web.form_errors import errors_onto_form
from loket.web.pagination import page_of

PAGE_SIZE = 25
PERIODS = {"7": 7, "30": 30, "90": 90, "365": 365}


def _filtered(
    request: HttpRequest, reports: QuerySet[Report], groups: list[Category]
) -> tuple[QuerySet[Report], dict[str, str]]:
    filters = {
        "group": request.GET.get("group", ""),
        "status": request.GET.get("status", "open"),
        "period": request.GET.get("period", "90"),
    }
    group = next((group for group in groups if group.code == filters["group"]), None)
    if group is not None:
        reports = reports.filter(
            category__in=[leaf.pk for leaf in getattr(group, "leaves", [])] + [group.pk]
        )
    if filters["status"] == "open":
        reports = reports.filter(status__in=OPEN_STATUSES)
    elif filters["status"] == "closed":
        reports = reports.filter(status__in=CLOSED_STATUSES)
    days = PERIODS.get(filters["period"])
    if days:
        reports = reports.filter(created_at__gte=timezone.now() - dt.timedelta(days=days))
    return reports, filters


def _public_page(
    request: HttpRequest, *, region: Region, municipality: Municipality | None
) -> HttpResponse:
    groups = categories_tree(region=region)
    reports = (
        reports_public(region=region, municipality=municipality)
        .select_related("category", "municipality")
        .only(
            *PUBLIC_REPORT_FIELDS,
            "category__name_nl",
            "category__name_fr",
            "category__name_en",
            "municipality__name_nl",
            "municipality__name_fr",
            "municipality__name_en",
        )
        .order_by("-created_at", "-id")
    )
    reports, filters = _filtered(request, reports, groups)
    page = page_of(request, reports, per_page=PAGE_SIZE)
    municipalities = (
        [municipality] if municipality else list(municipalities_in_region(region=region))
    )
    points = list(reports.exclude(latitude__isnull=True)[:MAP_POINTS_LIMIT])
    return render(
        request,
        "reports/public/list.html",
        {
            "region": region,
            "municipality": municipality,
            "municipalities": list(municipalities_in_region(region=region)),
            "groups": groups,
            "filters": filters,
            "page": page,
            "map_data": map_data(municipalities=municipalities, reports=points),
        },
    )


def public_list(request: HttpRequest) -> HttpResponse:
    slug = request.GET.get("municipality", "")
    if slug:  # the filter form without JavaScript: go to that municipality's page
        query = request.GET.copy()
        del query["municipality"]
        url = reverse("reports:public-municipality", kwargs={"slug": slug})
        return redirect(f"{url}?{query.urlencode()}")
    return _public_page(request, region=region_for_request(request), municipality=None)


def public_municipality(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = get_object_or_404(municipalities_public(), slug=slug)
    return _public_page(request, region=municipality.region, municipality=municipality)


def _report_for_page(request: HttpRequest, report_id: int) -> tuple[Report, bool]:
    """(report, whether the visitor is its signed-in reporter). Private reports: 404 for
    everybody but their reporter."""
    actor = actor_from_request(request)
    own = (
        reports_visible_to(actor=actor)
        .select_related("municipality", "category__parent", "department", "merged_into")
        .filter(pk=report_id)
        .first()
        if actor.is_resident
        else None
    )
    if own is not None:
        return own, True
    return report_get_public(report_id=report_id), False


def report_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    report, is_reporter = _report_for_page(request, report_id)
    history = report_history(report=report, public_only=True)
    photos = list(report.photos.all())
    can_reopen = (
        is_reporter
        and report.status == ReportStatus.RESOLVED
        and report.closed_at is not None
        and timezone.now() - report.closed_at <= REOPEN_WINDOW
    )
    person = signed_in_person(actor_from_request(request))
    return render(
        request,
        "reports/public/detail.html",
        {
            "report": report,
            "history": history,
            "photos": [photo for photo in photos if photo.kind == "report"],
            "is_reporter": is_reporter,
            "can_reopen": can_reopen,
            "follow_form": FollowForm(),
            "signed_in_person": person,
            "map_data": map_data(municipalities=[report.municipality], reports=[report]),
        },
    )


def report_follow_view(request: HttpRequest, report_id: int) -> HttpResponse:
    """GET: the follow form (linked from the live duplicate check); POST: follow."""
    report, _own = _report_for_page(request, report_id)
    person = signed_in_person(actor_from_request(request))
    if request.method != "POST":
        context = {"report": report, "form": FollowForm(), "signed_in_person": person}
        return render(request, "reports/public/follow.html", context)
    limited = rate_limited(request, scope="portal-follow")
    if limited is not None:
        return limited
    form = FollowForm(request.POST)
    if person is None and not form.is_valid():
        context = {"report": report, "form": form, "signed_in_person": person}
        return render(request, "reports/public/follow.html", context, status=400)
    try:
        report_follow(
            report=report,
            person=person,
            email="" if person else form.cleaned_data["email"],
            language=person.preferred_language if person else (get_language() or "nl")[:2],
        )
    except ValidationError as error:
        errors_onto_form(form, error)
        context = {"report": report, "form": form, "signed_in_person": person}
        return render(request, "reports/public/follow.html", context, status=400)
    messages.success(request, _("You follow this report now. We will tell you when it changes."))
    return redirect("reports:detail", report_id=report.pk)


def report_reopen_view(request: HttpRequest, report_id: int) -> HttpResponse:
    """The reporter reopens a resolved report: signed in, or through the signed link of
    the notification (?key=…)."""
    actor = actor_from_request(request)
    key = request.POST.get("key") or request.GET.get("key", "")
    email = ""
    if key:
        try:
            value = signing.loads(
                key, salt=REOPEN_SALT, max_age=REOPEN_WINDOW + dt.timedelta(days=1)
            )
        except signing.BadSignature:
            raise Http404 from None
        if value.get("r") != report_id:
            raise Http404
        email = str(value.get("e", ""))
    report = get_object_or_404(
        Report.objects.select_related("category", "municipality"), pk=report_id
    )
    is_signed_in_reporter = actor.is_resident and actor.person_id == report.reporter_person_id
    if not email and not is_signed_in_reporter:
        raise Http404
    form = ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report_reopen(
                actor=actor,
                report_id=report.pk,
                reason=form.cleaned_data["reason"],
                reporter_email=email,
            )
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("The report is open again. The team will look at it."))
            return (
                redirect("reports:detail", report_id=report.pk)
                if report.is_public or actor.is_resident
                else redirect("reports:received", token=report.token)
            )
    context: dict[str, Any] = {"report": report, "form": form, "key": key}
    return render(request, "reports/public/reopen.html", context)


def report_photo(request: HttpRequest, photo_id: int) -> FileResponse:
    """A stored photo. Photos of public reports are public; the others only for staff of
    the municipality, the signed-in reporter, or (a draft) the session that uploaded it."""
    photo = get_object_or_404(ReportPhoto.objects.select_related("report"), pk=photo_id)
    report = photo.report
    actor = actor_from_request(request)
    if report is None:
        after = request.session.get(AFTER_PHOTOS_SESSION_KEY)
        allowed = bool(photo.draft_key) and (
            request.session.get(DRAFT_SESSION_KEY) == photo.draft_key
            or (isinstance(after, dict) and photo.draft_key in after.values())
        )
        is_public = False
    else:
        is_public = report.is_public
        allowed = is_public or reports_visible_to(actor=actor).filter(pk=report.pk).exists()
    if not allowed:
        raise Http404
    response = FileResponse(photo.image.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "public, max-age=86400" if is_public else "private, no-store"
    return response
