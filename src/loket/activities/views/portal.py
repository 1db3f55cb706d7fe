"""The parent's pages: register children, "my registrations", cancel, accept an offer."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from loket.activities.selectors import (
    registration_get_for_parent,
    registrations_of_resident,
)
from loket.activities.services import (
    registration_cancel,
    registration_offer_accept,
    registration_payment_ensure,
    registrations_create,
    waiting_rank,
)
from loket.activities.views.public import activity_of_municipality, detail_page
from loket.activities.workflow import RegistrationStatus
from loket.tenancy.access import Actor, actor_from_request
from loket.web.pagination import page_of
from loket.web.resident_sign_in import resident_sign_in_redirect


def _signed_in(request: HttpRequest) -> Actor | None:
    actor = actor_from_request(request)
    return actor if actor.is_resident and actor.person_id is not None else None


def _int(value: str) -> int | None:
    return int(value) if value.isdigit() and len(value) < 12 else None


@require_POST
def register(request: HttpRequest, slug: str, activity_id: int) -> HttpResponse:
    """Register the chosen children for one period: all of them or none (each child one
    registration); a refusal shows the page again with each reason next to its child."""
    actor = _signed_in(request)
    if actor is None:
        return resident_sign_in_redirect(request)
    activity = activity_of_municipality(slug=slug, activity_id=activity_id)
    period_id = _int(request.POST.get("period", ""))
    child_ids = [_int(value) for value in request.POST.getlist("child")]
    chosen = [child_id for child_id in child_ids if child_id is not None]
    refused: dict[str, list[str]] = {}
    if period_id is None or not activity.periods.filter(pk=period_id).exists():
        refused["period"] = [_("Choose a week or course.")]
    if not child_ids or None in child_ids:
        refused["child"] = [_("Choose at least one child.")]
    if refused:
        return detail_page(
            request, activity, refused=refused, period_id=period_id, child_ids=chosen
        )
    assert period_id is not None
    token = request.POST.get("token", "")[:60] or "form"
    try:
        results = registrations_create(
            actor=actor,
            period_id=period_id,
            child_ids=chosen,
            token=token,
            social_tariff=request.POST.get("social_tariff") == "on",
        )
    except ValidationError as error:
        refused = error.message_dict if hasattr(error, "error_dict") else {"period": error.messages}
        return detail_page(
            request, activity, refused=refused, period_id=period_id, child_ids=chosen
        )
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
    return redirect("activities:my-registrations")


def my_registrations(request: HttpRequest) -> HttpResponse:
    actor = _signed_in(request)
    if actor is None:
        return resident_sign_in_redirect(request)
    assert actor.person_id is not None
    page = page_of(
        request, registrations_of_resident(actor=actor, person_id=actor.person_id), per_page=25
    )
    for registration in page.object_list:
        registration.rank = (
            waiting_rank(registration)
            if registration.status == RegistrationStatus.WAITING
            else None
        )
    return render(
        request,
        "activities/portal/my_registrations.html",
        {
            "heading": _("My registrations for activities"),
            "page": page,
            "statuses": RegistrationStatus,
        },
    )


@require_POST
def my_registration_cancel(request: HttpRequest, registration_id: int) -> HttpResponse:
    actor = _signed_in(request)
    if actor is None:
        return resident_sign_in_redirect(request)
    registration = registration_get_for_parent(actor=actor, registration_id=registration_id)
    try:
        registration_cancel(actor=actor, registration_id=registration.pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The registration is cancelled."))
    return redirect("activities:my-registrations")


@require_POST
def my_offer_accept(request: HttpRequest, registration_id: int) -> HttpResponse:
    actor = _signed_in(request)
    if actor is None:
        return resident_sign_in_redirect(request)
    registration = registration_get_for_parent(actor=actor, registration_id=registration_id)
    try:
        registration_offer_accept(actor=actor, registration_id=registration.pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You accepted the place."))
    return redirect("activities:my-registrations")


def my_registration_pay(request: HttpRequest, registration_id: int) -> HttpResponse:
    """To the payment page of a confirmed place (its request made now if not yet)."""
    actor = _signed_in(request)
    if actor is None:
        return resident_sign_in_redirect(request)
    registration = registration_get_for_parent(actor=actor, registration_id=registration_id)
    registration = registration_payment_ensure(registration_id=registration.pk)
    if registration.payment_request_id is None:
        return redirect("activities:my-registrations")
    return redirect("payments:pay", payment_request_id=registration.payment_request_id)
