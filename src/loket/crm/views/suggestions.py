"""Suggestions of the proactive service (loket.crm.proactive): a staff member opens one
from the 360° view and records the resident's answer (at the counter, on the phone); the
resident answers on their own page; the uptake page counts the answers per rule."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from loket.crm.models import SENSITIVE_RULES, SuggestionRule
from loket.crm.selectors import suggestion_get_visible, suggestion_uptake
from loket.crm.services import suggestion_decide
from loket.crm.texts import suggestion_reason
from loket.tenancy.access import actor_from_request, permission_required
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission
from loket.web.resident_sign_in import resident_sign_in_redirect


def _decision(request: HttpRequest) -> bool | None:
    return {"accept": True, "dismiss": False}.get(request.POST.get("decision", ""))


@permission_required(Permission.CRM_VIEW)
def suggestion_detail(request: HttpRequest, suggestion_id: int) -> HttpResponse:
    """One suggestion: what, why, its answer; the resident's answer is recorded here."""
    actor = actor_from_request(request)
    suggestion = suggestion_get_visible(actor=actor, suggestion_id=suggestion_id)
    status = 200
    if request.method == "POST":
        decision = _decision(request)
        if decision is None:
            messages.error(request, _("Choose accepted or not interested."))
            status = 400
        else:
            try:
                suggestion_decide(actor=actor, suggestion_id=suggestion.pk, accepted=decision)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                status = 409
            else:
                messages.success(request, _("The answer is recorded."))
                return redirect("crm:suggestion", suggestion.pk)
    return render(
        request,
        "crm/backoffice/suggestion.html",
        {
            "suggestion": suggestion,
            "reason": suggestion_reason(suggestion),
            "may_record": actor.has(Permission.CRM_RECORD, suggestion.municipality_id),
            "sensitive": suggestion.rule in SENSITIVE_RULES,
        },
        status=status,
    )


@permission_required(Permission.CRM_VIEW)
def suggestion_uptake_page(request: HttpRequest) -> HttpResponse:
    """How many suggestions each rule made, and how many were accepted or dismissed."""
    actor = actor_from_request(request)
    rows = suggestion_uptake(actor=actor)
    names = {
        municipality.pk: municipality.name
        for municipality in Municipality.objects.filter(
            pk__in={row["municipality_id"] for row in rows}
        )
    }
    labels = dict(SuggestionRule.choices)
    table = [
        {
            **row,
            "municipality": names.get(row["municipality_id"], ""),
            "rule_label": labels.get(row["rule"], row["rule"]),
            "uptake": round(100 * row["accepted"] / row["made"]) if row["made"] else 0,
        }
        for row in rows
    ]
    return render(request, "crm/backoffice/suggestion_uptake.html", {"rows": table})


@require_POST
def my_suggestion(request: HttpRequest, suggestion_id: int) -> HttpResponse:
    """The resident's answer on their own page: yes leads to the product's page, no hides
    the suggestion for good."""
    actor = actor_from_request(request)
    if not actor.is_resident or actor.person_id is None:
        return resident_sign_in_redirect(request)
    suggestion = suggestion_get_visible(actor=actor, suggestion_id=suggestion_id)
    decision = _decision(request)
    if decision is None:
        messages.error(request, _("Choose yes or no, thank you."))
        return redirect(f"{reverse('people:my-page')}#suggestions")
    try:
        suggestion_decide(actor=actor, suggestion_id=suggestion.pk, accepted=decision)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(f"{reverse('people:my-page')}#suggestions")
    if decision:
        return redirect(
            "catalog:product", slug=suggestion.municipality.slug, code=suggestion.product.code
        )
    messages.success(request, _("Understood: we will not suggest it again."))
    return redirect(f"{reverse('people:my-page')}#suggestions")
