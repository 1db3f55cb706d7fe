"""The resident's report form: photos, location, duplicates shown before submitting."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from loket.people.models import Person
from loket.reports.forms import ReportForm
from loket.reports.models import Category, Report, ReportPhoto
from loket.reports.photos import photo_prepare
from loket.reports.ratelimit import rate_limit_for_address
from loket.reports.routing import LocationError, PlacedLocation
from loket.reports.selectors import categories_offered, report_just_sent, reports_nearby_open
from loket.reports.services import (
    ReportIntake,
    photo_draft_key_new,
    report_create,
    report_photo_draft_add,
    report_photo_drafts_remove,
    report_place,
)
from loket.reports.views.common import map_data, region_for_request
from loket.tenancy.access import Actor, actor_from_request
from loket.tenancy.models import Region
from loket.tenancy.selectors import municipalities_in_region, regions_public
from loket.web.form_errors import errors_onto_form

DRAFT_SESSION_KEY = "loket_report_draft"
# [[form token, report token], …] of the reports sent from this browser, newest last.
SENT_SESSION_KEY = "loket_reports_sent"
SENT_REMEMBERED = 20


def signed_in_person(actor: Actor) -> Person | None:
    if actor.is_resident and actor.person_id is not None:
        return Person.objects.filter(pk=actor.person_id).first()
    return None


def rate_limited(request: HttpRequest, *, scope: str) -> HttpResponse | None:
    """A 429 page when this address sent too much; None when it may go on."""
    result = rate_limit_for_address(request, scope=scope)
    if result.allowed:
        return None
    response = render(
        request,
        "reports/portal/rate_limited.html",
        {"seconds": result.retry_after_seconds},
        status=429,
    )
    response["Retry-After"] = str(result.retry_after_seconds)
    return response


def _draft_key(request: HttpRequest) -> str:
    key = request.session.get(DRAFT_SESSION_KEY)
    if not isinstance(key, str) or not key:
        key = photo_draft_key_new()
        request.session[DRAFT_SESSION_KEY] = key
    return key


def _drafts(request: HttpRequest) -> list[ReportPhoto]:
    key = request.session.get(DRAFT_SESSION_KEY)
    if not isinstance(key, str) or not key:
        return []
    return list(ReportPhoto.objects.filter(draft_key=key, report__isnull=True))


def _selected(request: HttpRequest, categories: list[Category]) -> Category | None:
    source = request.POST if request.method == "POST" else request.GET
    code = source.get("category", "")
    return next((category for category in categories if category.code == code), None)


def _form_page(
    request: HttpRequest, region: Region, form: ReportForm, **extra: Any
) -> HttpResponse:
    municipalities = list(municipalities_in_region(region=region))
    context = {
        "region": region,
        "form": form,
        "drafts": _drafts(request),
        "map_data": map_data(municipalities=municipalities),
        "signed_in_person": signed_in_person(actor_from_request(request)),
        "other_regions": list(regions_public().exclude(pk=region.pk).order_by("pk")),
        **extra,
    }
    return render(request, "reports/portal/report_form.html", context, status=200)


def _photos_store(request: HttpRequest) -> list[str]:
    """Clean and keep the uploaded photos as drafts straight away, so that they survive a
    form shown again (an error, the duplicates question); returns the problems found."""
    problems = []
    for upload in request.FILES.getlist("photos"):
        try:
            prepared = photo_prepare(upload, size=upload.size)
            report_photo_draft_add(draft_key=_draft_key(request), prepared=prepared)
        except ValidationError as error:
            problems.append(f"{upload.name}: {' '.join(error.messages)}")
    return problems


def _photos_remove(request: HttpRequest) -> None:
    """Photos the resident ticked to take out of the report."""
    chosen = [int(value) for value in request.POST.getlist("remove_photos") if value.isdigit()]
    key = request.session.get(DRAFT_SESSION_KEY)
    if chosen and isinstance(key, str):
        report_photo_drafts_remove(draft_key=key, photo_ids=chosen)


def _sent(request: HttpRequest) -> list[list[str]]:
    sent = request.session.get(SENT_SESSION_KEY)
    return [pair for pair in sent if len(pair) == 2] if isinstance(sent, list) else []


def _sent_before(request: HttpRequest) -> str | None:
    """The tracking code of the report this very form already made (Back, then Send)."""
    form_token = request.POST.get("form_token", "")
    return next((report for form, report in _sent(request) if form and form == form_token), None)


def _sent_remember(request: HttpRequest, form: ReportForm, report: Report) -> None:
    pair = [form.cleaned_data.get("form_token") or "", report.token]
    request.session[SENT_SESSION_KEY] = [*_sent(request), pair][-SENT_REMEMBERED:]


def _just_sent_question(
    request: HttpRequest,
    region: Region,
    form: ReportForm,
    intake: ReportIntake,
    placed: PlacedLocation,
) -> HttpResponse | None:
    """The same reporter's report of this kind at this place of a few minutes ago: asked
    once whether this is the same report sent again."""
    if form.cleaned_data.get("confirm_repeat"):
        return None
    earlier = report_just_sent(
        actor=actor_from_request(request),
        tokens=[report for _form, report in _sent(request)],
        category=intake.category,
        latitude=placed.latitude,
        longitude=placed.longitude,
        address=intake.address,
    )
    if earlier is None:
        return None
    rebound = _rebound(request, form, confirm_repeat="True")
    return _form_page(request, region, rebound, just_sent=earlier)


def _rebound(request: HttpRequest, form: ReportForm, **changes: Any) -> ReportForm:
    """The same form with some values changed (photos are kept as drafts, not re-sent)."""
    data = request.POST.copy()
    for name, value in changes.items():
        data[name] = value
    rebound = ReportForm(
        data,
        categories=form.categories.values(),
        selected=form.selected,
        signed_in="email" not in form.fields,
        questions_url=_questions_url(region_for_request(request)),
    )
    rebound.is_valid()
    return rebound


def _location_missing(request: HttpRequest, region: Region, form: ReportForm) -> HttpResponse:
    """No pin and no address: propose the position of a photo, else ask for a location."""
    located = next((photo for photo in _drafts(request) if photo.gps_latitude is not None), None)
    if located is not None:
        rebound = _rebound(
            request,
            form,
            latitude=str(located.gps_latitude),
            longitude=str(located.gps_longitude),
        )
        return _form_page(request, region, rebound, location_from_photo=True)
    form.add_error(
        None,
        _(
            "Tell us where the problem is: drop a pin on the map, use your location or type "
            "an address."
        ),
    )
    return _form_page(request, region, form)


def _nearby_question(
    request: HttpRequest, region: Region, form: ReportForm, intake: ReportIntake
) -> HttpResponse | None:
    """Open reports of the category near the pin, asked about once before reporting again."""
    if intake.latitude is None or intake.longitude is None or form.cleaned_data.get("confirm_new"):
        return None
    nearby = reports_nearby_open(
        category=intake.category, latitude=intake.latitude, longitude=intake.longitude
    )
    if not nearby:
        return None
    rebound = _rebound(request, form, confirm_new="True")
    return _form_page(request, region, rebound, nearby=nearby)


def _questions_url(region: Region) -> str:
    return f"{reverse('reports:questions')}?region={region.slug}"


def _report_form_empty(
    request: HttpRequest,
    region: Region,
    categories: list[Category],
    selected: Category | None,
    signed_in: bool,
) -> ReportForm:
    initial = {
        name: request.GET[name]
        for name in ("category", "latitude", "longitude")
        if request.GET.get(name)
    }
    return ReportForm(
        initial={**initial, "form_token": uuid.uuid4().hex},
        categories=categories,
        selected=selected,
        signed_in=signed_in,
        questions_url=_questions_url(region),
    )


def _questions_page(
    request: HttpRequest,
    region: Region,
    categories: list[Category],
    selected: Category | None,
    signed_in: bool,
) -> HttpResponse:
    """The form again, everything typed kept (photos as drafts), with the questions of the
    chosen category and no error yet."""
    form = ReportForm(
        categories=categories,
        selected=selected,
        signed_in=signed_in,
        questions_url=_questions_url(region),
    )
    form.initial_from(request.POST)
    return _form_page(request, region, form, questions_asked=bool(form.attribute_fields()))


def report_questions(request: HttpRequest) -> HttpResponse:
    """Partial (htmx): the questions of the category chosen on the report form."""
    region = region_for_request(request)
    categories = list(categories_offered(region=region))
    form = ReportForm(categories=categories, selected=_selected(request, categories))
    return render(request, "reports/portal/_questions.html", {"form": form})


def report_new(request: HttpRequest) -> HttpResponse:
    region = region_for_request(request)
    actor = actor_from_request(request)
    person = signed_in_person(actor)
    categories = list(categories_offered(region=region))
    selected = _selected(request, categories)
    if request.method != "POST":
        form = _report_form_empty(
            request, region, categories, selected, signed_in=person is not None
        )
        return _form_page(request, region, form)
    earlier = _sent_before(request)
    if earlier is not None:
        messages.info(request, _("You already sent this report. Here it is."))
        return redirect("reports:received", token=earlier)
    limited = rate_limited(request, scope="portal-report")
    if limited is not None:
        return limited
    _photos_remove(request)
    photo_problems = _photos_store(request)
    if request.POST.get("show_questions") and not photo_problems:
        return _questions_page(request, region, categories, selected, person is not None)
    form = ReportForm(
        request.POST,
        categories=categories,
        selected=selected,
        signed_in=person is not None,
        questions_url=_questions_url(region),
    )
    is_valid = form.is_valid()
    for problem in photo_problems:
        form.add_error("photos", problem)
    if not is_valid or photo_problems:
        return _form_page(request, region, form)
    intake = form.intake(
        region=region,
        person=person,
        language=(get_language() or "nl")[:2],
        draft_key=request.session.get(DRAFT_SESSION_KEY, ""),
    )
    if intake.latitude is None and not intake.address:
        return _location_missing(request, region, form)
    try:
        placed = report_place(intake=intake)
    except LocationError as error:
        form.add_error("address" if intake.latitude is None else None, error.messages[0])
        return _form_page(request, region, form)
    question = _just_sent_question(request, region, form, intake, placed)
    if question is None:
        question = _nearby_question(request, region, form, intake)
    if question is not None:
        return question
    try:
        report = report_create(actor=actor, intake=intake, placed=placed)
    except ValidationError as error:
        errors_onto_form(form, error)
        return _form_page(request, region, form)
    request.session.pop(DRAFT_SESSION_KEY, None)
    _sent_remember(request, form, report)
    return redirect("reports:received", token=report.token)


def report_nearby(request: HttpRequest) -> HttpResponse:
    """Partial (for the form's script): open reports of the category near the pin."""
    region = region_for_request(request)
    category = (
        categories_offered(region=region).filter(code=request.GET.get("category", "")).first()
    )
    latitude: float | None = None
    longitude: float | None = None
    try:
        latitude, longitude = float(request.GET["latitude"]), float(request.GET["longitude"])
    except (KeyError, ValueError):
        latitude = longitude = None
    nearby = (
        reports_nearby_open(category=category, latitude=latitude, longitude=longitude)
        if category is not None and latitude is not None and longitude is not None
        else []
    )
    return render(request, "reports/portal/_nearby.html", {"nearby": nearby, "partial": True})


def report_received(request: HttpRequest, token: str) -> HttpResponse:
    """Thank-you page with the tracking code (reachable with the code only)."""
    report = get_object_or_404(
        Report.objects.select_related("category", "municipality", "department"), token=token
    )
    return render(request, "reports/portal/received.html", {"report": report})
