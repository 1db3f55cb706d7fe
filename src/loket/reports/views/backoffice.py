"""Back office: work queues, the regional reporting point, and handling one report."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from loket.audit.models import AccessChannel, AccessPurpose
from loket.core.rows import NAME_FIELDS, name_fields, translated_name
from loket.reports.forms_backoffice import MergeForm, RouteForm, UpdateForm
from loket.reports.models import ReportPhoto
from loket.reports.photos import PreparedPhoto, photo_prepare
from loket.reports.places import report_place_describe
from loket.reports.selectors import (
    regions_dispatched_by,
    report_get_visible,
    report_history,
    report_reporter_read_for_purpose,
    reports_queue,
)
from loket.reports.services import (
    photo_draft_key_new,
    report_merge,
    report_photo_draft_add,
    report_photo_drafts_remove,
    report_route,
    report_update,
)
from loket.reports.views.common import AFTER_PHOTOS_SESSION_KEY, map_data
from loket.reports.workflow import ALLOWED_TRANSITIONS, ReportStatus
from loket.tenancy.access import Actor, actor_from_request, permission_required
from loket.tenancy.models import Department, Municipality
from loket.tenancy.permissions import Permission
from loket.web.form_errors import errors_onto_form
from loket.web.htmx import render_page_or_partial
from loket.web.pagination import page_of

QUEUE_PAGE_SIZE = 50
REPORTER_CONTACT = gettext_noop("reporter of a public-space report")


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _queue_page(
    request: HttpRequest,
    *,
    title: str,
    template: str = "reports/backoffice/queue.html",
    extra: dict[str, Any] | None = None,
    **filters: Any,
) -> HttpResponse:
    actor = actor_from_request(request)
    municipalities = Municipality.objects.filter(
        pk__in=actor.municipality_ids(Permission.REPORTS_VIEW)
    )
    chosen = {
        "municipality_id": _int(request.GET.get("municipality")),
        "department_id": _int(request.GET.get("department")),
        "status": request.GET.get("status", "")
        if request.GET.get("status") in ReportStatus.values
        else "",
        "category_id": _int(request.GET.get("category")),
    }
    reports = reports_queue(actor=actor, **{**chosen, **filters})
    page = page_of(request, reports, per_page=QUEUE_PAGE_SIZE)
    departments = Department.objects.filter(
        municipality__in=municipalities
    ) | Department.objects.filter(
        municipality__isnull=True, region_id__in=municipalities.values("region_id")
    )
    # The filters' options, built once as (value, label) pairs (a region has about 190
    # departments): the names only, not whole rows.
    regional_body = _("Regional body")
    department_rows = departments.order_by("municipality__name_nl", "name_nl").values_list(
        "pk", *NAME_FIELDS, *name_fields("municipality")
    )
    department_choices = [
        (
            row[0],
            f"{regional_body if row[4] is None else translated_name(*row[4:])}"
            f" \N{EN DASH} {translated_name(*row[1:4])}",
        )
        for row in department_rows
    ]
    municipality_choices = [
        (municipality.pk, municipality.name)
        for municipality in municipalities.only("pk", *NAME_FIELDS).order_by("name_nl")
    ]
    return render(
        request,
        template,
        {
            "title": title,
            "page": page,
            "municipality_choices": municipality_choices,
            "department_choices": department_choices,
            "statuses": ReportStatus.choices,
            "chosen": chosen,
            "filters": filters,
            **(extra or {}),
        },
    )


@permission_required(Permission.REPORTS_VIEW)
def queue(request: HttpRequest) -> HttpResponse:
    return _queue_page(request, title=_("Reports to handle"))


@permission_required(Permission.REPORTS_VIEW)
def overdue(request: HttpRequest) -> HttpResponse:
    return _queue_page(request, title=_("Overdue reports"), overdue_only=True)


@permission_required(Permission.REPORTS_ROUTE)
def dispatch(request: HttpRequest) -> HttpResponse:
    """The regional reporting point: reports waiting for a department first; with ?all=1
    every open report of the region."""
    actor = actor_from_request(request)
    regions = list(regions_dispatched_by(actor=actor))
    if not regions:
        raise PermissionDenied
    show_all = request.GET.get("all") == "1"
    return _queue_page(
        request,
        title=_("Regional reporting point"),
        template="reports/backoffice/dispatch.html",
        extra={"regions": regions, "show_all": show_all},
        unrouted_only=not show_all,
    )


def _detail_context(actor: Actor, report_id: int, **forms: Any) -> dict[str, Any]:
    report = report_get_visible(actor=actor, report_id=report_id)
    can_handle = actor.has(Permission.REPORTS_HANDLE, report.municipality_id)
    can_route = actor.has(Permission.REPORTS_ROUTE, report.municipality_id)
    transitions = sorted(ALLOWED_TRANSITIONS.get(report.status, frozenset()))
    return {
        "report": report,
        "place": report_place_describe(report=report),
        "map_data": map_data(
            municipalities=[report.municipality], reports=[report], url_name="reports:staff-detail"
        ),
        "history": report_history(report=report),
        "photos": list(report.photos.all()),
        "followers_count": report.followers.count(),
        "can_handle": can_handle,
        "can_route": can_route,
        "update_form": forms.get("update_form") or UpdateForm(transitions=transitions),
        "route_form": forms.get("route_form") or RouteForm(actor=actor, report=report),
        "merge_form": forms.get("merge_form") or MergeForm(),
        "kept_photos": forms.get("kept_photos") or [],
    }


@permission_required(Permission.REPORTS_VIEW)
def detail(request: HttpRequest, report_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    return render(request, "reports/backoffice/detail.html", _detail_context(actor, report_id))


@permission_required(Permission.REPORTS_VIEW)
def reporter_contact(request: HttpRequest, report_id: int) -> HttpResponse:
    """The reporter's contact details, shown on request; reading a registered resident's
    details is written to their access log."""
    report = report_reporter_read_for_purpose(
        actor=actor_from_request(request),
        report_id=report_id,
        purpose=AccessPurpose.REPORT_FOLLOW_UP,
        what=REPORTER_CONTACT,
        channel=AccessChannel.WEB,
    )
    return render_page_or_partial(
        request,
        "reports/backoffice/reporter.html",
        "reports/backoffice/_reporter.html",
        {"report": report},
        target="reporter-contact",
    )


@require_POST
@permission_required(Permission.REPORTS_HANDLE)
def update(request: HttpRequest, report_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    report = report_get_visible(actor=actor, report_id=report_id)
    transitions = sorted(ALLOWED_TRANSITIONS.get(report.status, frozenset()))
    form = UpdateForm(request.POST, request.FILES, transitions=transitions)
    key = after_photos_key(request, report.pk)
    chosen = [int(value) for value in request.POST.getlist("kept_photos") if value.isdigit()]
    kept = list(ReportPhoto.objects.filter(draft_key=key, report__isnull=True, pk__in=chosen))
    is_valid = form.is_valid()
    if is_valid:
        try:
            photos = [
                photo_prepare(upload, size=upload.size) for upload in form.cleaned_data["photos"]
            ]
            report_update(
                actor=actor,
                report_id=report.pk,
                to_status=form.cleaned_data["to_status"],
                message=form.cleaned_data["message"],
                note=form.cleaned_data["note"],
                after_photos=[*photos, *(_prepared(photo) for photo in kept)],
            )
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            _after_photos_forget(request, report.pk, key)
            messages.success(request, _("The report is updated."))
            return redirect("reports:staff-detail", report_id=report.pk)
    kept += _after_photos_keep(request, key, form, report_errors=not is_valid)
    context = _detail_context(actor, report_id, update_form=form, kept_photos=kept)
    return render(request, "reports/backoffice/detail.html", context, status=400)


def after_photos_key(request: HttpRequest, report_id: int) -> str:
    """The draft key under which this browser keeps "after" photos of a refused update."""
    keys = request.session.get(AFTER_PHOTOS_SESSION_KEY)
    keys = dict(keys) if isinstance(keys, dict) else {}
    if str(report_id) not in keys:
        keys[str(report_id)] = photo_draft_key_new()
        request.session[AFTER_PHOTOS_SESSION_KEY] = keys
    return str(keys[str(report_id)])


def _after_photos_keep(
    request: HttpRequest, key: str, form: UpdateForm, *, report_errors: bool
) -> list[ReportPhoto]:
    """The photos of a refused update, kept so that they need not be chosen again."""
    kept = []
    for upload in request.FILES.getlist("photos"):
        upload.seek(0)
        try:
            prepared = photo_prepare(upload, size=upload.size)
            kept.append(report_photo_draft_add(draft_key=key, prepared=prepared))
        except ValidationError as error:
            if report_errors:
                form.add_error("photos", f"{upload.name}: {' '.join(error.messages)}")
    return kept


def _after_photos_forget(request: HttpRequest, report_id: int, key: str) -> None:
    drafts = ReportPhoto.objects.filter(draft_key=key, report__isnull=True)
    report_photo_drafts_remove(draft_key=key, photo_ids=list(drafts.values_list("pk", flat=True)))
    keys = request.session.get(AFTER_PHOTOS_SESSION_KEY)
    if isinstance(keys, dict) and keys.pop(str(report_id), None) is not None:
        request.session[AFTER_PHOTOS_SESSION_KEY] = keys


def _prepared(photo: ReportPhoto) -> PreparedPhoto:
    with photo.image.open("rb") as stored:
        return PreparedPhoto(content=stored.read(), width=photo.width, height=photo.height)


@require_POST
@permission_required(Permission.REPORTS_ROUTE)
def route(request: HttpRequest, report_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    report = report_get_visible(actor=actor, report_id=report_id)
    form = RouteForm(request.POST, actor=actor, report=report)
    if form.is_valid():
        try:
            report_route(
                actor=actor,
                report_id=report.pk,
                department=form.cleaned_data["department"],
                category=form.cleaned_data["category"],
                municipality=form.cleaned_data["municipality"],
                note=form.cleaned_data["note"],
            )
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("The report is routed."))
            return redirect("reports:staff-detail", report_id=report.pk)
    context = _detail_context(actor, report_id, route_form=form)
    return render(request, "reports/backoffice/detail.html", context, status=400)


@require_POST
@permission_required(Permission.REPORTS_HANDLE)
def merge(request: HttpRequest, report_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    report = report_get_visible(actor=actor, report_id=report_id)
    form = MergeForm(request.POST)
    if form.is_valid():
        target_id = form.cleaned_data["target"]
        try:
            report_get_visible(actor=actor, report_id=target_id)
        except Http404:
            form.add_error(
                "target", _("There is no report %(number)s among yours.") % {"number": target_id}
            )
        else:
            try:
                report_merge(
                    actor=actor,
                    duplicate_id=report.pk,
                    target_id=target_id,
                    message=form.cleaned_data["message"],
                )
            except PermissionDenied:
                raise Http404 from None
            except ValidationError as error:
                errors_onto_form(form, error)
            else:
                messages.success(
                    request,
                    _("The report is merged; its followers now follow report %(number)s.")
                    % {"number": target_id},
                )
                return redirect("reports:staff-detail", report_id=target_id)
    context = _detail_context(actor, report_id, merge_form=form)
    return render(request, "reports/backoffice/detail.html", context, status=400)
