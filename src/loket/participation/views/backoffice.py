"""Staff pages: the ideas (waiting for moderation first), one idea with its moderation,
public status and merge forms, and the happiness survey of a municipality (its areas, how
often it asks, and the results)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from loket.participation.forms import (
    AreaForm,
    MergeForm,
    ModerationForm,
    PublicStatusForm,
    ScheduleForm,
)
from loket.participation.models import Idea
from loket.participation.selectors import (
    DIMENSIONS,
    MIN_CELL,
    idea_get_visible,
    ideas_visible_to,
    merge_targets,
    municipalities_managed,
    municipality_get_managed,
    survey_areas_of,
    survey_periods,
    survey_results,
    survey_schedule_of,
)
from loket.participation.services import (
    idea_merge,
    idea_moderate,
    idea_status_change,
    survey_area_save,
    survey_schedule_save,
)
from loket.participation.services.survey import survey_period_current
from loket.participation.workflow import IdeaStatus
from loket.tenancy.access import actor_from_request, permission_required
from loket.tenancy.permissions import Permission
from loket.web.form_errors import errors_onto_form
from loket.web.lists import municipality_filter
from loket.web.pagination import page_of


@permission_required(Permission.PARTICIPATION_VIEW)
def ideas(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    chooser = municipality_filter(
        request, municipality_ids=actor.municipality_ids(Permission.PARTICIPATION_VIEW)
    )
    wanted = request.GET.get("status", IdeaStatus.SUBMITTED)
    if wanted not in IdeaStatus.values:
        wanted = IdeaStatus.SUBMITTED
    order = ("created_at", "id") if wanted == IdeaStatus.SUBMITTED else ("-created_at", "-id")
    items = chooser.apply(ideas_visible_to(actor=actor)).filter(status=wanted).order_by(*order)
    return render(
        request,
        "participation/backoffice/ideas.html",
        {
            "page": page_of(request, items, per_page=50),
            "filter": chooser,
            "statuses": IdeaStatus.choices,
            "status": wanted,
        },
    )


def _idea_page(
    request: HttpRequest,
    idea: Idea,
    *,
    moderation: ModerationForm | None = None,
    public_status: PublicStatusForm | None = None,
    merge: MergeForm | None = None,
    status: int = 200,
) -> HttpResponse:
    actor = actor_from_request(request)
    may_moderate = actor.has(Permission.PARTICIPATION_MODERATE, idea.municipality_id)
    targets = list(merge_targets(actor=actor, idea=idea)) if may_moderate else []
    return render(
        request,
        "participation/backoffice/idea.html",
        {
            "idea": idea,
            "history": idea.events.select_related("actor_user").order_by("created_at", "id"),
            "comments": idea.comments.order_by("created_at", "id"),
            "may_moderate": may_moderate,
            "moderation": moderation or ModerationForm(idea=idea),
            "public_status": public_status or PublicStatusForm(idea=idea),
            "merge": merge or MergeForm(targets=targets),
            "merge_targets": targets,
        },
        status=status,
    )


@permission_required(Permission.PARTICIPATION_VIEW)
def idea_detail(request: HttpRequest, idea_id: int) -> HttpResponse:
    idea = idea_get_visible(actor=actor_from_request(request), idea_id=idea_id)
    return _idea_page(request, idea)


@require_POST
@permission_required(Permission.PARTICIPATION_MODERATE)
def idea_moderate_view(request: HttpRequest, idea_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    idea = idea_get_visible(actor=actor, idea_id=idea_id)
    form = ModerationForm(request.POST, idea=idea)
    if form.is_valid():
        try:
            idea_moderate(
                actor=actor,
                idea_id=idea.pk,
                to_status=form.cleaned_data["to_status"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("The idea is moderated."))
            return redirect("participation:backoffice-idea", idea.pk)
    return _idea_page(request, idea, moderation=form, status=400)


@require_POST
@permission_required(Permission.PARTICIPATION_MODERATE)
def idea_status_view(request: HttpRequest, idea_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    idea = idea_get_visible(actor=actor, idea_id=idea_id)
    form = PublicStatusForm(request.POST, idea=idea)
    if form.is_valid():
        try:
            idea_status_change(
                actor=actor,
                idea_id=idea.pk,
                to_status=form.cleaned_data["to_status"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(
                request,
                _("The status is changed; the author and the supporters who asked are told."),
            )
            return redirect("participation:backoffice-idea", idea.pk)
    return _idea_page(request, idea, public_status=form, status=400)


@require_POST
@permission_required(Permission.PARTICIPATION_MODERATE)
def idea_merge_view(request: HttpRequest, idea_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    idea = idea_get_visible(actor=actor, idea_id=idea_id)
    form = MergeForm(request.POST, targets=list(merge_targets(actor=actor, idea=idea)))
    if form.is_valid():
        try:
            idea_merge(actor=actor, idea_id=idea.pk, into_id=int(form.cleaned_data["into"]))
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("The idea is merged."))
            return redirect("participation:backoffice-idea", idea.pk)
    return _idea_page(request, idea, merge=form, status=400)


@permission_required(Permission.PARTICIPATION_MANAGE)
def happiness(request: HttpRequest) -> HttpResponse:
    """The municipalities whose survey the staff member manages."""
    actor = actor_from_request(request)
    municipalities = list(municipalities_managed(actor=actor))
    if len(municipalities) == 1:
        return redirect("participation:backoffice-happiness-municipality", municipalities[0].pk)
    return render(
        request, "participation/backoffice/happiness_list.html", {"municipalities": municipalities}
    )


def _period(value: str, periods: list[dt.date]) -> dt.date | None:
    chosen = next((period for period in periods if period.isoformat() == value), None)
    return chosen or (periods[0] if periods else None)


def _happiness_page(
    request: HttpRequest,
    municipality_id: int,
    *,
    area_form: AreaForm | None = None,
    schedule_form: ScheduleForm | None = None,
    status: int = 200,
) -> HttpResponse:
    actor = actor_from_request(request)
    municipality = municipality_get_managed(actor=actor, municipality_id=municipality_id)
    periods = survey_periods(actor=actor, municipality_id=municipality.pk)
    period = _period(request.GET.get("period", ""), periods)
    dimension = request.GET.get("by", "municipality")
    if dimension not in DIMENSIONS:
        dimension = "municipality"
    schedule = survey_schedule_of(municipality_id=municipality.pk)
    results = (
        survey_results(
            actor=actor, municipality_id=municipality.pk, period_start=period, dimension=dimension
        )
        if period is not None
        else None
    )
    return render(
        request,
        "participation/backoffice/happiness.html",
        {
            "municipality": municipality,
            "areas": survey_areas_of(actor=actor, municipality_id=municipality.pk),
            "area_form": area_form or AreaForm(),
            "schedule_form": schedule_form
            or ScheduleForm(
                initial={"period_months": schedule.period_months, "is_active": schedule.is_active}
            ),
            "current_period": survey_period_current(municipality_id=municipality.pk),
            "periods": periods,
            "period": period,
            "dimension": dimension,
            "dimensions": DIMENSIONS,
            "results": results,
            "min_cell": MIN_CELL,
        },
        status=status,
    )


@permission_required(Permission.PARTICIPATION_MANAGE)
def happiness_municipality(request: HttpRequest, municipality_id: int) -> HttpResponse:
    return _happiness_page(request, municipality_id)


@require_POST
@permission_required(Permission.PARTICIPATION_MANAGE)
def happiness_area_new(request: HttpRequest, municipality_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    municipality = municipality_get_managed(actor=actor, municipality_id=municipality_id)
    form = AreaForm(request.POST)
    if form.is_valid():
        try:
            survey_area_save(actor=actor, municipality_id=municipality.pk, **form.cleaned_data)
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("The area is added."))
            return redirect("participation:backoffice-happiness-municipality", municipality.pk)
    return _happiness_page(request, municipality.pk, area_form=form, status=400)


@require_POST
@permission_required(Permission.PARTICIPATION_MANAGE)
def happiness_schedule(request: HttpRequest, municipality_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    municipality = municipality_get_managed(actor=actor, municipality_id=municipality_id)
    form = ScheduleForm(request.POST)
    if form.is_valid():
        try:
            survey_schedule_save(actor=actor, municipality_id=municipality.pk, **form.cleaned_data)
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("The schedule is saved."))
            return redirect("participation:backoffice-happiness-municipality", municipality.pk)
    return _happiness_page(request, municipality.pk, schedule_form=form, status=400)
