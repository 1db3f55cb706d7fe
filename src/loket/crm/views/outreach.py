"""Outreach pages: plan a home visit (and mark a resident as someone who cannot come),
record or cancel a visit, and the day's route list (loket.crm.outreach)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from loket.accounts.models import User
from loket.audit.models import AccessChannel, AccessPurpose
from loket.audit.services import access_log_record, access_log_record_each
from loket.crm.models import ContactOutcome, HomeVisitStatus, OutreachReason
from loket.crm.outreach import (
    cannot_come_current,
    cannot_come_set,
    home_visit_cancel,
    home_visit_get_visible,
    home_visit_plan,
    home_visit_record,
    outreach_resident,
    route_list,
)
from loket.tenancy.access import actor_from_request, permission_required
from loket.tenancy.permissions import Permission
from loket.web.form_errors import errors_onto_form


class PlanForm(forms.Form):
    planned_on = forms.DateField(
        label=gettext_lazy("Day"), widget=forms.DateInput({"type": "date"})
    )
    planned_time = forms.TimeField(
        label=gettext_lazy("Time (optional)"),
        required=False,
        widget=forms.TimeInput({"type": "time"}),
    )
    topic = forms.CharField(label=gettext_lazy("What for"), max_length=200)
    visitor = forms.TypedChoiceField(
        label=gettext_lazy("Who goes (optional)"), coerce=int, required=False, empty_value=None
    )
    cannot_come = forms.ChoiceField(
        label=gettext_lazy("The resident cannot come to the town hall"),
        required=False,
        choices=[("", gettext_lazy("— not marked —")), *OutreachReason.choices],
    )
    note = forms.CharField(label=gettext_lazy("Note (optional)"), max_length=500, required=False)


class RecordForm(forms.Form):
    summary = forms.CharField(
        label=gettext_lazy("What happened during the visit"),
        max_length=4000,
        widget=forms.Textarea({"rows": 4}),
    )
    outcome = forms.ChoiceField(label=gettext_lazy("Outcome"), choices=ContactOutcome.choices)


def _visitors(municipality_id: int) -> list[tuple[int | str, str]]:
    users = (
        User.objects.filter(is_active=True, memberships__municipality_id=municipality_id)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )
    return [("", _("— not yet —")), *((u.pk, u.get_full_name() or u.username) for u in users)]


@permission_required(Permission.CRM_RECORD)
def visit_new(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    try:
        person_id = int(request.GET.get("person") or request.POST.get("person") or "")
    except ValueError:
        return redirect("people:resident-search")
    person = outreach_resident(actor, person_id)
    form = PlanForm(request.POST if request.method == "POST" else None)
    visitor = form.fields["visitor"]
    assert isinstance(visitor, forms.TypedChoiceField)
    visitor.choices = _visitors(person.municipality_id)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                if data["cannot_come"]:
                    cannot_come_set(
                        actor=actor,
                        person_id=person.pk,
                        reason=data["cannot_come"],
                        note=data["note"],
                    )
                visit = home_visit_plan(
                    actor=actor,
                    person_id=person.pk,
                    planned_on=data["planned_on"],
                    planned_time=data["planned_time"],
                    topic=data["topic"],
                    visitor_id=data["visitor"],
                )
            except ValidationError as error:
                errors_onto_form(form, error)
            else:
                messages.success(request, _("The home visit is planned."))
                return redirect("crm:visit", visit.pk)
        status = 400
    else:
        # Opening the form shows the resident (the form shown again after a refusal is the
        # same reading, not a new one).
        access_log_record(
            actor=actor,
            person=person,
            purpose=AccessPurpose.HOME_VISIT,
            what="home visit planning",
            channel=AccessChannel.WEB,
            municipality_id=person.municipality_id,
        )
    return render(
        request,
        "crm/backoffice/visit_new.html",
        {"person": person, "form": form, "flag": cannot_come_current(actor=actor, person=person)},
        status=status,
    )


@permission_required(Permission.CRM_VIEW)
def visit_detail(request: HttpRequest, visit_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    visit = home_visit_get_visible(actor=actor, visit_id=visit_id)
    form = RecordForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        try:
            if request.POST.get("action") == "cancel":
                home_visit_cancel(actor=actor, visit_id=visit.pk)
                messages.success(request, _("The home visit is cancelled."))
                return redirect("crm:visit", visit.pk)
            if form.is_valid():
                home_visit_record(
                    actor=actor,
                    visit_id=visit.pk,
                    summary=form.cleaned_data["summary"],
                    outcome=form.cleaned_data["outcome"],
                )
                messages.success(request, _("The visit is recorded as a contact moment."))
                return redirect("crm:visit", visit.pk)
        except ValidationError as error:
            errors_onto_form(form, error)
        status = 400
    elif visit.person is not None:  # an anonymised past visit shows nobody
        access_log_record(
            actor=actor,
            person=visit.person,
            purpose=AccessPurpose.HOME_VISIT,
            what="home visit",
            channel=AccessChannel.WEB,
            municipality_id=visit.municipality_id,
        )
    return render(
        request,
        "crm/backoffice/visit.html",
        {
            "visit": visit,
            "form": form,
            "planned": visit.status == HomeVisitStatus.PLANNED,
            "may_record": actor.has(Permission.CRM_RECORD, visit.municipality_id),
            "flag": (
                cannot_come_current(actor=actor, person=visit.person)
                if visit.person is not None
                else None
            ),
        },
        status=status,
    )


@permission_required(Permission.CRM_VIEW)
def visit_route(request: HttpRequest) -> HttpResponse:
    """The visits of one day in address order, printable (names and addresses: each
    resident shown gets an access-log row, purpose home visit)."""
    actor = actor_from_request(request)
    try:
        day = dt.date.fromisoformat(request.GET.get("dag", ""))
    except ValueError:
        day = timezone.localdate()
    visits = route_list(actor=actor, day=day)
    for municipality_id in {visit.municipality_id for visit in visits}:
        access_log_record_each(
            actor=actor,
            persons=[visit.person for visit in visits if visit.municipality_id == municipality_id],
            purpose=AccessPurpose.HOME_VISIT,
            what="route list of home visits",
            channel=AccessChannel.WEB,
            municipality_id=municipality_id,
        )
    return render(
        request,
        "crm/backoffice/visit_route.html",
        {
            "day": day,
            "visits": visits,
            "previous": day - dt.timedelta(days=1),
            "next": day + dt.timedelta(days=1),
        },
    )
