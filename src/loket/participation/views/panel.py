"""The user panel: the resident joins (with interests) or leaves on /mijn/panel/; staff keep
the interests, make research activities, select and invite members and record each
invitee's outcome under /backoffice/panel/."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from loket.participation.forms import (
    OutcomeForm,
    PanelInterestForm,
    PanelJoinForm,
    ResearchActivityForm,
)
from loket.participation.panel.models import ResearchInvitation
from loket.participation.panel.selectors import (
    AGE_BANDS,
    panel_interests_of,
    panel_interests_offered,
    panel_members_selected,
    panel_membership_of,
    research_activities_visible_to,
    research_activity_get_visible,
    research_invitation_get_visible,
    research_invitations_of,
)
from loket.participation.panel.services import (
    panel_interest_save,
    panel_join,
    panel_leave,
    research_activity_create,
    research_invite,
    research_outcome_record,
)
from loket.participation.selectors import (
    municipalities_managed,
    municipality_get_managed,
    resident_of,
)
from loket.tenancy.access import Actor, actor_from_request, permission_required
from loket.tenancy.permissions import Permission
from loket.web.form_errors import errors_onto_form
from loket.web.resident_sign_in import resident_sign_in_redirect


def _signed_in(request: HttpRequest) -> Actor | None:
    actor = actor_from_request(request)
    return actor if actor.is_resident and actor.person_id is not None else None


def my_panel(request: HttpRequest) -> HttpResponse:
    actor = _signed_in(request)
    if actor is None:
        return resident_sign_in_redirect(request)
    person = resident_of(actor)
    member = panel_membership_of(person=person)
    interests = list(panel_interests_offered(municipality_id=person.municipality_id))
    initial = {"interests": [item.pk for item in member.interests.all()]} if member else {}
    form = PanelJoinForm(request.POST or None, interests=interests, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            panel_join(actor=actor, interest_ids=form.cleaned_data["interests"])
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(
                request,
                _("Your interests are saved.") if member else _("Welcome to the user panel."),
            )
            return redirect("participation:my-panel")
    return render(
        request,
        "participation/portal/panel.html",
        {"form": form, "member": member, "municipality": person.municipality},
        status=400 if form.errors else 200,
    )


@require_POST
def my_panel_leave(request: HttpRequest) -> HttpResponse:
    actor = _signed_in(request)
    if actor is None:
        return resident_sign_in_redirect(request)
    if panel_leave(actor=actor):
        messages.success(request, _("You have left the user panel."))
    return redirect("participation:my-panel")


@permission_required(Permission.PARTICIPATION_MANAGE)
def panel(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    return render(
        request,
        "participation/backoffice/panel.html",
        {
            "municipalities": municipalities_managed(actor=actor),
            "activities": research_activities_visible_to(actor=actor)[:100],
        },
    )


@permission_required(Permission.PARTICIPATION_MANAGE)
def panel_municipality(request: HttpRequest, municipality_id: int) -> HttpResponse:
    """A municipality's interests and a new research activity."""
    actor = actor_from_request(request)
    municipality = municipality_get_managed(actor=actor, municipality_id=municipality_id)
    interest_form = PanelInterestForm(request.POST if "name_nl" in request.POST else None)
    activity_form = ResearchActivityForm(request.POST if "title" in request.POST else None)
    if request.method == "POST":
        form = interest_form if "name_nl" in request.POST else activity_form
        if form.is_valid():
            try:
                if form is interest_form:
                    panel_interest_save(
                        actor=actor, municipality_id=municipality.pk, **form.cleaned_data
                    )
                    messages.success(request, _("The interest is added."))
                    return redirect("participation:backoffice-panel-municipality", municipality.pk)
                activity = research_activity_create(
                    actor=actor, municipality_id=municipality.pk, **form.cleaned_data
                )
            except ValidationError as error:
                errors_onto_form(form, error)
            else:
                return redirect("participation:backoffice-panel-activity", activity.pk)
    return render(
        request,
        "participation/backoffice/panel_municipality.html",
        {
            "municipality": municipality,
            "interests": panel_interests_of(actor=actor, municipality_id=municipality.pk),
            "interest_form": interest_form,
            "activity_form": activity_form,
        },
        status=400 if interest_form.errors or activity_form.errors else 200,
    )


@permission_required(Permission.PARTICIPATION_MANAGE)
def panel_activity(request: HttpRequest, activity_id: int) -> HttpResponse:
    """An activity: select members (interest, age band, district), invite them, and record
    each invitee's outcome."""
    actor = actor_from_request(request)
    activity = research_activity_get_visible(actor=actor, activity_id=activity_id)
    interest = request.GET.get("interest", "")
    age_band = request.GET.get("age_band", "")
    district = request.GET.get("district", "").strip()[:10]
    if request.method == "POST":
        ids = [int(value) for value in request.POST.getlist("person") if value.isdigit()]
        try:
            count = research_invite(actor=actor, activity_id=activity.pk, person_ids=ids)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(count)d members invited.") % {"count": count})
        return redirect("participation:backoffice-panel-activity", activity.pk)
    members = panel_members_selected(
        actor=actor,
        municipality_id=activity.municipality_id,
        interest_id=int(interest) if interest.isdigit() else None,
        age_band=age_band,
        district=district,
    )
    return render(
        request,
        "participation/backoffice/panel_activity.html",
        {
            "activity": activity,
            "members": members[:200],
            "interests": panel_interests_of(actor=actor, municipality_id=activity.municipality_id),
            "age_bands": [label for label, _low, _high in AGE_BANDS],
            "chosen": {"interest": interest, "age_band": age_band, "district": district},
            "invitations": [
                (invitation, _outcome_form(invitation))
                for invitation in research_invitations_of(activity=activity)
            ],
        },
    )


def _outcome_form(invitation: ResearchInvitation) -> OutcomeForm:
    return OutcomeForm(
        initial={"outcome": invitation.outcome, "notes": invitation.notes},
        prefix=str(invitation.pk),
    )


@require_POST
@permission_required(Permission.PARTICIPATION_MANAGE)
def panel_outcome(request: HttpRequest, invitation_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    invitation = research_invitation_get_visible(actor=actor, invitation_id=invitation_id)
    form = OutcomeForm(request.POST, prefix=str(invitation.pk))
    if form.is_valid():
        research_outcome_record(
            actor=actor,
            invitation_id=invitation.pk,
            outcome=form.cleaned_data["outcome"],
            notes=form.cleaned_data["notes"],
        )
        messages.success(request, _("The outcome is saved."))
    else:
        messages.error(request, _("Choose the outcome."))
    return redirect("participation:backoffice-panel-activity", invitation.activity_id)
