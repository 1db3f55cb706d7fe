"""POST Service Request: an app submits a report with its api_key."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from loket.reports.models import Open311Client, Report
from loket.reports.open311 import serializers
from loket.reports.open311.formats import Open311Error, render
from loket.reports.open311.intake import open311_intake
from loket.reports.open311.params import (
    attributes_parse,
    coordinates_parse,
    jurisdiction_resolve,
    lengths_check,
)
from loket.reports.photos import MAX_PHOTOS_PER_REPORT, PreparedPhoto, photo_prepare
from loket.reports.ratelimit import rate_limit_hit
from loket.reports.selectors import category_get_offered
from loket.reports.services import open311_client_authenticate, report_create
from loket.tenancy.access import ANONYMOUS

_url_validator = URLValidator(schemes=["http", "https"])

# Every posted text that is stored, with the length of the field that stores it.
_STORED_FIELDS = {
    "description": "description",
    "address_string": "address",
    "address_id": "address_id",
    "email": "reporter_email",
    "media_url": "media_url",
    "phone": "reporter_phone",
    "device_id": "device_id",
    "account_id": "account_id",
}
MAX_ATTRIBUTE_VALUE_LENGTH = 1000


def _stored_length(field: str) -> int:
    return int(getattr(Report._meta.get_field(field), "max_length", 0) or 0)


def _lengths_checked(request: HttpRequest) -> None:
    post = request.POST
    limits = {name: _stored_length(field) for name, field in _STORED_FIELDS.items()}
    values = {name: post.get(name, "").strip() for name in limits}
    # The reporter's name is stored as "first_name last_name".
    name_limit = _stored_length("reporter_name")
    limits["first_name"] = limits["last_name"] = name_limit
    values["first_name"] = post.get("first_name", "").strip()
    values["last_name"] = post.get("last_name", "").strip()
    for key, answers in attributes_parse(post).items():
        longest = max(answers, key=len, default="")
        limits[f"attribute[{key}]"] = MAX_ATTRIBUTE_VALUE_LENGTH
        values[f"attribute[{key}]"] = longest
    lengths_check(values, limits)
    if len(values["first_name"]) + len(values["last_name"]) + 1 > name_limit:
        raise Open311Error(
            400,
            _("first_name and last_name together may be at most %(limit)d characters long.")
            % {"limit": name_limit - 1},
        )


def _client(request: HttpRequest) -> Open311Client:
    key = (request.POST.get("api_key") or request.GET.get("api_key") or "").strip()
    if not key:
        raise Open311Error(403, _("api_key is missing: an api_key is needed to create a request."))
    client = open311_client_authenticate(key)
    if client is None:
        raise Open311Error(403, _("Invalid api_key received: can't proceed with create_request."))
    limit = rate_limit_hit(bucket=f"open311:key:{client.pk}", limit=client.requests_per_minute)
    if not limit.allowed:
        raise Open311Error(
            429,
            _(
                "Too many requests for this api_key: at most %(limit)d a minute. Try again in "
                "%(seconds)d seconds."
            )
            % {"limit": limit.limit, "seconds": limit.retry_after_seconds},
            headers={"Retry-After": str(limit.retry_after_seconds)},
        )
    return client


def _photos(request: HttpRequest) -> list[PreparedPhoto]:
    """Files sent as multipart `media` / `media[]` (GeoReport v2.1), cleaned like portal photos."""
    uploads = request.FILES.getlist("media") + request.FILES.getlist("media[]")
    if len(uploads) > MAX_PHOTOS_PER_REPORT:
        raise Open311Error(
            400, _("At most %(count)d media files per request.") % {"count": MAX_PHOTOS_PER_REPORT}
        )
    return [photo_prepare(upload, size=upload.size) for upload in uploads]


def _checked_contact(data: dict[str, str]) -> None:
    problems = []
    if data["email"]:
        try:
            validate_email(data["email"])
        except ValidationError:
            problems.append(_("email is not a valid email address."))
    if data["media_url"]:
        try:
            _url_validator(data["media_url"])
        except ValidationError:
            problems.append(_("media_url must be an http or https URL."))
    if len(data["description"]) > 4000:
        problems.append(_("description may be at most 4,000 characters long."))
    if problems:
        raise Open311Error(400, *problems)


def request_create(request: HttpRequest, *, fmt: str) -> HttpResponse:
    post = request.POST
    client = _client(request)
    jurisdiction = jurisdiction_resolve(
        post.get("jurisdiction_id", "") or request.GET.get("jurisdiction_id", "")
    )
    if client.region_id != jurisdiction.region.pk or (
        client.municipality_id is not None
        and jurisdiction.municipality is not None
        and client.municipality_id != jurisdiction.municipality.pk
    ):
        raise Open311Error(
            403,
            _("This api_key is not valid for jurisdiction_id %(id)s.")
            % {"id": jurisdiction.identifier},
        )
    service_code = post.get("service_code", "").strip()
    if not service_code:
        raise Open311Error(400, _("service_code was not provided."))
    category = category_get_offered(
        region=jurisdiction.region, code=service_code, municipality=jurisdiction.municipality
    )
    if category is None:
        raise Open311Error(404, _("service_code %(code)s was not found.") % {"code": service_code})
    latitude, longitude = coordinates_parse(post)
    address = post.get("address_string", "").strip()
    address_id = post.get("address_id", "").strip()
    if latitude is None and not address and not address_id:
        raise Open311Error(
            400, _("A location is needed: send lat and long, address_string or address_id.")
        )
    fields = {
        name: post.get(name, "").strip()
        for name in ("email", "media_url", "description", "first_name", "last_name", "phone")
    }
    _checked_contact(fields)
    _lengths_checked(request)
    attributes = attributes_parse(post)
    intake = open311_intake(
        post=post,
        client=client,
        jurisdiction=jurisdiction,
        category=category,
        coordinates=(latitude, longitude),
        attributes=attributes,
        photos=_photos(request),
    )
    report = report_create(actor=ANONYMOUS, intake=intake)
    assert report.due_at is not None
    target_days = max((report.due_at - report.created_at).days, 1)
    data = [
        {
            "service_request_id": str(report.pk),
            "service_notice": serializers.service_notice(target_days),
            "account_id": report.account_id or None,
        }
    ]
    return render(data, root="service_requests", fmt=fmt)
