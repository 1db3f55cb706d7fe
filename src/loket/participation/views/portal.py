"""The resident's pages: propose an idea, "my ideas", support an idea or take the support
back, comment, and answer the happiness survey."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from loket.participation.forms import CommentForm, IdeaEditForm, IdeaForm, SurveyForm
from loket.participation.models import Idea
from loket.participation.selectors import (
    idea_get_for_resident_action,
    idea_get_of_resident,
    ideas_of_resident,
    resident_of,
    survey_areas_offered,
)
from loket.participation.services import (
    idea_comment_add,
    idea_edit,
    idea_propose,
    idea_unvote,
    idea_vote,
    idea_withdraw,
    survey_answer,
)
from loket.participation.services.own_ideas import EDITABLE
from loket.participation.services.survey import (
    survey_answered,
    survey_opted_in,
    survey_period_current,
)
from loket.participation.views.public import idea_page
from loket.participation.workflow import PublicStatus
from loket.reports.views.common import map_data
from loket.tenancy.access import Actor, actor_from_request
from loket.web.form_errors import errors_onto_form
from loket.web.pagination import page_of
from loket.web.resident_sign_in import resident_sign_in_redirect


def _signed_in(request: HttpRequest) -> Actor | None:
    actor = actor_from_request(request)
    return actor if actor.is_resident and actor.person_id is not None else None


def _public_url(idea_id: int, slug: str) -> str:
    return reverse("participation:idea", args=[slug, idea_id])


def my_ideas(request: HttpRequest) -> HttpResponse:
    actor = _signed_in(request)
    if actor is None:
        return resident_sign_in_redirect(request)
    return render(
        request,
        "participation/portal/my_ideas.html",
        {
            "heading": _("My ideas"),
            "page": page_of(request, ideas_of_resident(actor=actor), per_page=25),
            "municipality": resident_of(actor).municipality,
        },
    )


def my_idea_new(request: HttpRequest) -> HttpResponse:
    actor = _signed_in(request)
    if actor is None:
        return resident_sign_in_redirect(request)
    person = resident_of(actor)
    form = IdeaForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        photo = form.cleaned_data["photo"]
        try:
            idea = idea_propose(
                actor=actor,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                latitude=form.cleaned_data["latitude"],
                longitude=form.cleaned_data["longitude"],
                photo=photo,
                photo_size=photo.size if photo else None,
            )
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(
                request, _("Thank you. Your idea is published once a moderator has read it.")
            )
            return redirect("participation:my-idea", idea.pk)
    return render(
        request,
        "participation/portal/idea_form.html",
        {
            "form": form,
            "municipality": person.municipality,
            "map_data": map_data(municipalities=[person.municipality]),
        },
        status=400 if form.errors else 200,
    )


def my_idea(request: HttpRequest, idea_id: int) -> HttpResponse:
    actor = _signed_in(request)
    if actor is None:
        return resident_sign_in_redirect(request)
    idea = idea_get_of_resident(actor=actor, idea_id=idea_id)
    return render(
        request,
        "participation/portal/my_idea.html",
        {"idea": idea, "changeable": _changeable(idea)},
    )


def _changeable(idea: Idea) -> bool:
    return idea.status in EDITABLE and idea.public_status == PublicStatus.UNDER_REVIEW


def my_idea_edit(request: HttpRequest, idea_id: int) -> HttpResponse:
    """Change one's own idea while it is under review (a published one is moderated again)."""
    actor = _signed_in(request)
    if actor is None:
        return resident_sign_in_redirect(request)
    idea = idea_get_of_resident(actor=actor, idea_id=idea_id)
    if not _changeable(idea):
        messages.error(
            request, _("Only an idea that is still under review can be changed or withdrawn.")
        )
        return redirect("participation:my-idea", idea.pk)
    initial = {
        "title": idea.title,
        "body": idea.body,
        "latitude": idea.latitude,
        "longitude": idea.longitude,
    }
    form = IdeaEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            idea_edit(
                actor=actor,
                idea_id=idea.pk,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                latitude=form.cleaned_data["latitude"],
                longitude=form.cleaned_data["longitude"],
            )
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("Your idea is changed. A moderator reads it again."))
            return redirect("participation:my-idea", idea.pk)
    return render(
        request,
        "participation/portal/idea_form.html",
        {
            "form": form,
            "municipality": idea.municipality,
            "idea": idea,
            "map_data": map_data(municipalities=[idea.municipality]),
        },
        status=400 if form.errors else 200,
    )


@require_POST
def my_idea_withdraw(request: HttpRequest, idea_id: int) -> HttpResponse:
    actor = _signed_in(request)
    if actor is None:
        return resident_sign_in_redirect(request)
    idea = idea_get_of_resident(actor=actor, idea_id=idea_id)
    try:
        idea_withdraw(actor=actor, idea_id=idea.pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your idea is withdrawn."))
    return redirect("participation:my-idea", idea.pk)


@require_POST
def my_idea_vote(request: HttpRequest, idea_id: int) -> HttpResponse:
    actor = _signed_in(request)
    if actor is None:
        return resident_sign_in_redirect(request)
    idea = idea_get_for_resident_action(actor=actor, idea_id=idea_id)
    if idea_vote(actor=actor, idea_id=idea.pk, wants_updates=request.POST.get("updates") == "on"):
        messages.success(request, _("You support this idea."))
    return redirect(_public_url(idea.pk, idea.municipality.slug))


@require_POST
def my_idea_unvote(request: HttpRequest, idea_id: int) -> HttpResponse:
    actor = _signed_in(request)
    if actor is None:
        return resident_sign_in_redirect(request)
    idea = idea_get_for_resident_action(actor=actor, idea_id=idea_id)
    if idea_unvote(actor=actor, idea_id=idea.pk):
        messages.success(request, _("You no longer support this idea."))
    return redirect(_public_url(idea.pk, idea.municipality.slug))


@require_POST
def my_idea_comment(request: HttpRequest, idea_id: int) -> HttpResponse:
    actor = _signed_in(request)
    if actor is None:
        return resident_sign_in_redirect(request)
    idea = idea_get_for_resident_action(actor=actor, idea_id=idea_id)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            idea_comment_add(actor=actor, idea_id=idea.pk, body=form.cleaned_data["body"])
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("Your comment is added."))
            return redirect(_public_url(idea.pk, idea.municipality.slug) + "#comments")
    return idea_page(request, idea, comment_form=form, status=400)


def my_happiness(request: HttpRequest) -> HttpResponse:
    """The happiness survey of this period, for a resident who opted in."""
    actor = _signed_in(request)
    if actor is None:
        return resident_sign_in_redirect(request)
    person = resident_of(actor)
    period = survey_period_current(municipality_id=person.municipality_id)
    areas = list(survey_areas_offered(municipality_id=person.municipality_id))
    form = SurveyForm(request.POST or None, areas=areas)
    context = {
        "municipality": person.municipality,
        "opted_in": survey_opted_in(person=person),
        "period": period,
        "answered": period is not None and survey_answered(person=person, period_start=period),
        "form": form,
    }
    if request.method == "POST" and form.is_valid():
        try:
            survey_answer(
                actor=actor,
                score=form.cleaned_data["score"],
                area_ids=form.cleaned_data["areas"],
            )
        except PermissionDenied:
            form.add_error(None, _("Say yes to surveys in your contact preferences first."))
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("Thank you for your answer."))
            return redirect("participation:my-happiness")
    return render(
        request,
        "participation/portal/happiness.html",
        context,
        status=400 if form.errors else 200,
    )
