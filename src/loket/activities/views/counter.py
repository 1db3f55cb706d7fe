"""Back office: registering children for a parent at the counter or on the phone.

The clerk finds the parent in the register (their own municipality's residents), then
chooses the week or course and the children of the parent's household, as the parent would
online: the same rules, prices and waiting list (`registrations_create` with `parent_id`).
Opening the parent's household is a read of the register, in the access log of the parent
and of each child shown, with the purpose of the channel (counter visit or phone call).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from loket.activities.models import Activity, RegistrationChannel
from loket.activities.selectors import (
    ParentRead,
    activity_get_visible,
    parent_of_registration_read,
    parent_read_for_registration,
    periods_with_places,
)
from loket.activities.services import child_error_key, registrations_create, waiting_rank
from loket.activities.workflow import RegistrationStatus
from loket.audit.models import AccessPurpose
from loket.people.selectors import persons_search
from loket.tenancy.access import Actor, actor_from_request, permission_required
from loket.tenancy.permissions import Permission

CHANNELS = (RegistrationChannel.COUNTER, RegistrationChannel.PHONE)


def _channel(value: str | None) -> RegistrationChannel:
    return next((c for c in CHANNELS if c.value == value), RegistrationChannel.COUNTER)


def _int(value: str) -> int | None:
    return int(value) if value.isdigit() and len(value) < 12 else None


@permission_required(Permission.ACTIVITIES_REGISTER, Permission.PEOPLE_SEARCH)
def register_for_parent(request: HttpRequest, activity_id: int) -> HttpResponse:
    """Find the parent (?q=), then (?person=) register their children for a period."""
    actor = actor_from_request(request)
    activity = activity_get_visible(
        actor=actor, activity_id=activity_id, permission=Permission.ACTIVITIES_REGISTER
    )
    source = request.POST if request.method == "POST" else request.GET
    channel = _channel(source.get("channel"))
    person_id = _int(source.get("person", ""))
    if person_id is None:
        query = request.GET.get("q", "").strip()
        return render(
            request,
            "activities/backoffice/register.html",
            {
                "activity": activity,
                "query": query,
                "results": persons_search(actor=actor, query=query) if query else [],
                "channels": CHANNELS,
                "channel": channel,
            },
        )
    if request.method == "POST":
        return _register(request, actor, activity, person_id, channel)
    read = parent_read_for_registration(
        actor=actor,
        person_id=person_id,
        purpose=AccessPurpose.PHONE_CALL
        if channel == RegistrationChannel.PHONE
        else AccessPurpose.COUNTER_VISIT,
        municipality_id=activity.municipality_id,
    )
    return _form_page(request, activity, read, channel)


def _register(
    request: HttpRequest,
    actor: Actor,
    activity: Activity,
    person_id: int,
    channel: RegistrationChannel,
) -> HttpResponse:
    period_id = _int(request.POST.get("period", ""))
    child_ids = [_int(value) for value in request.POST.getlist("child")]
    chosen = [child_id for child_id in child_ids if child_id is not None]
    refused: dict[str, list[str]] = {}
    if period_id is None or not activity.periods.filter(pk=period_id).exists():
        refused["period"] = [_("Choose a week or course of this activity.")]
    if not chosen or len(chosen) != len(child_ids):
        refused["children"] = [_("Choose at least one child.")]
    if not refused and period_id is not None:
        try:
            results = registrations_create(
                actor=actor,
                period_id=period_id,
                child_ids=chosen,
                token=request.POST.get("token", "")[:60] or "form",
                social_tariff=request.POST.get("social_tariff") == "on",
                parent_id=person_id,
                channel=channel,
            )
        except ValidationError as error:
            refused = (
                error.message_dict if hasattr(error, "error_dict") else {"period": error.messages}
            )
        else:
            for result in results:
                registration = result.registration
                # Just made (or a retry's): it names its child; only the retention job takes it.
                assert registration.child is not None
                name = registration.child.first_names
                if registration.status == RegistrationStatus.CONFIRMED:
                    messages.success(request, _("%(name)s is registered.") % {"name": name})
                else:
                    messages.info(
                        request,
                        _("%(name)s is on the waiting list (place %(rank)s).")
                        % {"name": name, "rank": waiting_rank(registration)},
                    )
            return redirect("activities:backoffice-activity", activity_id=activity.pk)
    # Shown again: the same read as when it was opened (no second row in the access log).
    read = parent_of_registration_read(actor=actor, person_id=person_id)
    return _form_page(
        request,
        activity,
        read,
        channel,
        refused=refused,
        period_id=period_id,
        child_ids=chosen,
    )


def _form_page(
    request: HttpRequest,
    activity: Activity,
    read: ParentRead,
    channel: RegistrationChannel,
    *,
    refused: dict[str, list[str]] | None = None,
    period_id: int | None = None,
    child_ids: list[int] | None = None,
) -> HttpResponse:
    refused = dict(refused or {})
    period_refusal = refused.pop("period", [])
    children_refusal = refused.pop("children", [])
    children: list[dict[str, Any]] = [
        {"person": child, "refusal": refused.pop(child_error_key(child.pk), [])}
        for child in read.children
    ]
    refusals = [message for messages in refused.values() for message in messages]
    is_refused = bool(
        period_refusal or children_refusal or refusals or any(c["refusal"] for c in children)
    )
    return render(
        request,
        "activities/backoffice/register.html",
        {
            "activity": activity,
            "parent": read.parent,
            "children": children,
            "periods": list(periods_with_places(activity=activity)),
            "channel": channel,
            "token": request.POST.get("token") or uuid.uuid4().hex,
            "refused": is_refused,
            "period_refusal": period_refusal,
            "children_refusal": children_refusal,
            "other_refusals": refusals,
            "chosen_period": period_id,
            "chosen_children": child_ids or [],
        },
        status=400 if is_refused else 200,
    )
