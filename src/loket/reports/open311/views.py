"""Open311 GeoReport v2 endpoints. Each answers XML by default and JSON for `.json`."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from loket.config.env import Mode
from loket.reports.models import Category, Open311Client, Report, ReportPhoto
from loket.reports.open311 import serializers
from loket.reports.open311.create import request_create
from loket.reports.open311.formats import Open311Error, render, render_error
from loket.reports.open311.params import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    Jurisdiction,
    comma_list,
    date_range,
    jurisdiction_resolve,
    positive_int,
    request_ids_parse,
    statuses_parse,
)
from loket.reports.selectors import categories_offered, reports_public
from loket.reports.services import open311_client_authenticate
from loket.reports.workflow import statuses_for_open311

logger = logging.getLogger(__name__)

View = Callable[..., HttpResponse]


def open311_endpoint(*methods: str) -> Callable[[View], View]:
    """Format from the path, errors in the Open311 format, open to other origins (GET)."""

    def decorator(view: View) -> View:
        @csrf_exempt
        @wraps(view)
        def wrapper(
            request: HttpRequest, *args: Any, fmt: str | None = None, **kwargs: Any
        ) -> HttpResponse:
            fmt = fmt or "xml"
            try:
                if request.method not in methods:
                    raise Open311Error(
                        405,
                        _("Method %(method)s is not allowed here.") % {"method": request.method},
                    )
                response = view(request, *args, fmt=fmt, **kwargs)
            except Open311Error as error:
                response = render_error(error, fmt=fmt)
            except Http404:
                response = render_error(Open311Error(404, _("Not found.")), fmt=fmt)
            except PermissionDenied as error:
                response = render_error(Open311Error(403, str(error) or _("Not allowed.")), fmt=fmt)
            except ValidationError as error:
                response = render_error(Open311Error(400, *error.messages), fmt=fmt)
            if response.status_code == 405:
                response["Allow"] = ", ".join(methods)
            if request.method == "GET":
                response["Access-Control-Allow-Origin"] = "*"
            return response

        return wrapper

    return decorator


def _jurisdiction(request: HttpRequest) -> Jurisdiction:
    source = request.POST if request.method == "POST" else request.GET
    return jurisdiction_resolve(
        source.get("jurisdiction_id", "") or request.GET.get("jurisdiction_id", "")
    )


def _endpoint_url(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("open311:discovery")).rsplit("/discovery", 1)[0]


@open311_endpoint("GET")
def discovery(request: HttpRequest, *, fmt: str) -> HttpResponse:
    changed = Category.objects.aggregate(latest=Max("updated_at"))["latest"] or timezone.now()
    changeset = serializers.w3_datetime(changed)
    contact = settings.DEFAULT_FROM_EMAIL
    data = {
        "changeset": changeset,
        "contact": _("Questions about this API: %(email)s") % {"email": contact},
        "key_service": _(
            "Ask the municipality or region for an api_key; it is issued in the Loket back office."
        ),
        "endpoints": [
            {
                "specification": "http://wiki.open311.org/GeoReport_v2",
                "url": _endpoint_url(request),
                "changeset": changeset,
                "type": "production" if settings.LOKET_MODE is Mode.PRODUCTION else "test",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return render(data, root="discovery", fmt=fmt)


def _offered(jurisdiction: Jurisdiction) -> QuerySet[Category]:
    return categories_offered(region=jurisdiction.region, municipality=jurisdiction.municipality)


@open311_endpoint("GET")
def services(request: HttpRequest, *, fmt: str) -> HttpResponse:
    jurisdiction = _jurisdiction(request)
    data = [serializers.service(category) for category in _offered(jurisdiction)]
    return render(data, root="services", fmt=fmt)


@open311_endpoint("GET")
def service_definition(request: HttpRequest, service_code: str, *, fmt: str) -> HttpResponse:
    jurisdiction = _jurisdiction(request)
    category = _offered(jurisdiction).filter(code=service_code).first()
    if category is None:
        raise Open311Error(404, _("service_code %(code)s was not found.") % {"code": service_code})
    return render(serializers.service_definition(category), root="service_definition", fmt=fmt)


def _public_requests(jurisdiction: Jurisdiction) -> QuerySet[Report]:
    return reports_public(
        region=jurisdiction.region, municipality=jurisdiction.municipality, include_merged=True
    )


def _first_photos(request: HttpRequest, report_ids: list[int]) -> dict[int, str]:
    """The URL of the first photo of each report that has one (one query for the page)."""
    photos = (
        ReportPhoto.objects.filter(report_id__in=report_ids, kind="report")
        .order_by("report_id", "created_at", "id")
        .distinct("report_id")
        .values_list("report_id", "id")
    )
    return {
        report_id: request.build_absolute_uri(
            reverse("reports:photo", kwargs={"photo_id": photo_id})
        )
        for report_id, photo_id in photos
    }


def _serialised(
    request: HttpRequest, region_id: int, rows: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    names = serializers.names_for(region_id)
    photos = _first_photos(request, [row["id"] for row in rows])
    return [
        serializers.service_request(row, names=names, media_url=photos.get(row["id"]))
        for row in rows
    ]


def _filtered(jurisdiction: Jurisdiction, params: QueryDict) -> QuerySet[Report]:
    reports = _public_requests(jurisdiction)
    ids_text = params.get("service_request_id", "").strip()
    if ids_text:  # "This overrides all other arguments."
        return reports.filter(pk__in=request_ids_parse(ids_text))
    start, end = date_range(params, now=timezone.now())
    reports = reports.filter(created_at__gte=start, created_at__lte=end)
    codes = comma_list(params.get("service_code", ""))
    if codes:
        known = dict(
            Category.objects.filter(region=jurisdiction.region, code__in=codes).values_list(
                "code", "id"
            )
        )
        unknown = [code for code in codes if code not in known]
        if unknown:
            raise Open311Error(
                400, _("service_code %(code)s was not found.") % {"code": unknown[0]}
            )
        reports = reports.filter(category_id__in=list(known.values()))
    statuses = statuses_parse(params.get("status", ""))
    if statuses:
        reports = reports.filter(status__in=sorted(statuses_for_open311(statuses)))
    return reports


@open311_endpoint("GET", "POST")
def requests(request: HttpRequest, *, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return request_create(request, fmt=fmt)
    jurisdiction = _jurisdiction(request)
    params = request.GET
    page = positive_int(params, "page", default=1, maximum=100_000)
    page_size = positive_int(params, "page_size", default=DEFAULT_PAGE_SIZE, maximum=MAX_PAGE_SIZE)
    offset = (page - 1) * page_size
    ordered = _filtered(jurisdiction, params).order_by("-created_at", "-id")
    rows = list(serializers.request_rows(ordered)[offset : offset + page_size + 1])
    has_next = len(rows) > page_size
    rows = rows[:page_size]
    data = _serialised(request, jurisdiction.region.pk, rows)
    response = render(data, root="service_requests", fmt=fmt)
    if has_next:
        query = params.copy()
        query["page"] = str(page + 1)
        response["Link"] = (
            f'<{request.build_absolute_uri(request.path)}?{query.urlencode()}>; rel="next"'
        )
    return response


def _client_from(request: HttpRequest) -> Open311Client | None:
    key = request.GET.get("api_key", "").strip()
    return open311_client_authenticate(key) if key else None


@open311_endpoint("GET")
def request_detail(request: HttpRequest, service_request_id: str, *, fmt: str) -> HttpResponse:
    jurisdiction = _jurisdiction(request)
    report_id = int(service_request_id)
    rows = list(serializers.request_rows(_public_requests(jurisdiction).filter(pk=report_id)))
    client = None if rows else _client_from(request)
    if client is not None:
        # A private report is shown to the app that submitted it (with its api_key) only.
        mine = Report.objects.filter(
            pk=report_id, open311_client=client, region=jurisdiction.region
        )
        rows = list(serializers.request_rows(mine))
    if not rows:
        raise Open311Error(
            404, _("service_request_id %(id)s was not found.") % {"id": service_request_id}
        )
    data = _serialised(request, jurisdiction.region.pk, rows)
    return render(data, root="service_requests", fmt=fmt)


@open311_endpoint("GET")
def token_detail(request: HttpRequest, token: str, *, fmt: str) -> HttpResponse:
    jurisdiction = _jurisdiction(request)
    scope = Report.objects.filter(region=jurisdiction.region)
    if jurisdiction.municipality is not None:
        scope = scope.filter(municipality=jurisdiction.municipality)
    report_id = scope.filter(token=token.strip()).values_list("pk", flat=True).first()
    if report_id is None:
        raise Open311Error(404, _("token %(token)s was not found.") % {"token": token})
    data = [{"service_request_id": str(report_id), "token": token}]
    return render(data, root="service_requests", fmt=fmt)


@csrf_exempt
def not_found(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    fmt = "json" if request.path.endswith(".json") else "xml"
    return render_error(Open311Error(404, _("There is no such Open311 resource.")), fmt=fmt)
