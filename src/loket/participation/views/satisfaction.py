"""Satisfaction after a service: the answer page through the signed link from the message
(no sign-in needed) or for the signed-in resident, and the staff page of the comments per
department and service."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from loket.notify.after_service import ServiceKind
from loket.participation.forms import SatisfactionForm
from loket.participation.models import SatisfactionInvitation
from loket.participation.selectors import (
    satisfaction_answers_visible_to,
    satisfaction_invitation_of_resident,
    satisfaction_invitations_open,
)
from loket.participation.services import satisfaction_answer
from loket.participation.services.satisfaction import (
    satisfaction_answered,
    satisfaction_invitation_from_token,
)
from loket.tenancy.access import actor_from_request, permission_required, public
from loket.tenancy.models import Department
from loket.tenancy.permissions import Permission
from loket.web.form_errors import errors_onto_form
from loket.web.lists import municipality_filter
from loket.web.pagination import page_of
from loket.web.resident_sign_in import resident_sign_in_redirect


def _service_label(invitation: SatisfactionInvitation) -> str:
    kind = str(ServiceKind(invitation.service_kind).label)
    return f"{kind}: {invitation.subject_name}" if invitation.subject_name else kind


def _answer_page(request: HttpRequest, invitation: SatisfactionInvitation) -> HttpResponse:
    answered = satisfaction_answered(invitation=invitation)
    form = SatisfactionForm(request.POST or None)
    if request.method == "POST" and not answered and form.is_valid():
        try:
            satisfaction_answer(
                invitation=invitation,
                score=form.cleaned_data["score"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            return redirect(request.path + "?bedankt=1")
    return render(
        request,
        "participation/portal/satisfaction.html",
        {
            "invitation": invitation,
            "service": _service_label(invitation),
            "answered": answered,
            "thanked": request.GET.get("bedankt") == "1" and answered,
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@public
def satisfaction_by_link(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the message: answers without signing in, once."""
    return _answer_page(request, satisfaction_invitation_from_token(token=token))


def my_satisfaction_list(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    if not actor.is_resident or actor.person_id is None:
        return resident_sign_in_redirect(request)
    return render(
        request,
        "participation/portal/satisfaction_list.html",
        {"invitations": list(satisfaction_invitations_open(actor=actor)[:20])},
    )


def my_satisfaction(request: HttpRequest, invitation_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    if not actor.is_resident or actor.person_id is None:
        return resident_sign_in_redirect(request)
    return _answer_page(
        request, satisfaction_invitation_of_resident(actor=actor, invitation_id=invitation_id)
    )


@permission_required(Permission.PARTICIPATION_VIEW)
def satisfaction_comments(request: HttpRequest) -> HttpResponse:
    """Scores and comments per department and service, newest first."""
    actor = actor_from_request(request)
    chooser = municipality_filter(
        request, municipality_ids=actor.municipality_ids(Permission.PARTICIPATION_VIEW)
    )
    answers = chooser.apply(satisfaction_answers_visible_to(actor=actor))
    departments = Department.objects.filter(
        municipality_id__in=actor.municipality_ids(Permission.PARTICIPATION_VIEW)
    ).order_by("name_nl")
    department = request.GET.get("department", "")
    if department.isdigit():
        answers = answers.filter(department_id=int(department))
    kind = request.GET.get("service", "")
    if kind in ServiceKind.values:
        answers = answers.filter(service_kind=kind)
    if request.GET.get("with_comment") == "1":
        answers = answers.exclude(comment="")
    return render(
        request,
        "participation/backoffice/satisfaction.html",
        {
            "page": page_of(request, answers, per_page=50),
            "filter": chooser,
            "departments": departments,
            "department": department,
            "kinds": ServiceKind.choices,
            "kind": kind,
            "with_comment": request.GET.get("with_comment") == "1",
        },
    )
