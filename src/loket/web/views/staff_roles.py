"""Back office: role administration of a municipality (/backoffice/gemeenten/<id>/medewerkers/).

The municipal administrator sees the staff with a role in their municipality, gives and
takes away the municipality's roles, resets a staff member's two-step verification, and
reads the audit trail of all of it. Every id (municipality, staff member, department,
membership) is resolved through the administrator's selectors: another municipality's
answers 404 exactly like an unknown one, and nothing is written."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from loket.identity.totp import staff_two_factor_reset, totp_enrolled_user_ids
from loket.tenancy.access import Actor, actor_from_request, permission_required
from loket.tenancy.models import Membership, Municipality
from loket.tenancy.permissions import Permission
from loket.tenancy.selectors import (
    departments_public,
    memberships_of_municipality,
    municipality_get_managed,
    staff_access_events_of,
    staff_of_municipality,
    staff_within_scope,
)
from loket.tenancy.services import staff_role_grant, staff_role_revoke
from loket.web.forms_staff_roles import StaffRoleGrantForm

EVENTS_SHOWN = 100


def _managed(actor: Actor, municipality_id: int) -> Municipality:
    municipality = municipality_get_managed(actor=actor, municipality_id=municipality_id)
    if municipality is None:
        raise Http404
    return municipality


def _page_url(municipality: Municipality) -> str:
    return reverse("web:staff-roles", kwargs={"municipality_id": municipality.pk})


@permission_required(Permission.TENANCY_MANAGE)
def staff_roles(request: HttpRequest, municipality_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    municipality = _managed(actor, municipality_id)
    staff = list(staff_of_municipality(actor=actor, municipality=municipality))
    departments = list(departments_public(municipality=municipality))
    form = StaffRoleGrantForm(request.POST or None, staff=staff, departments=departments)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            membership = staff_role_grant(
                actor=actor,
                municipality=municipality,
                user_id=data["user_id"],
                role=data["role"],
                department_id=data["department_id"],
            )
        except ValidationError as error:
            for name, field_errors in error.message_dict.items():
                form.add_error(name if name in form.fields else None, field_errors)
        else:
            messages.success(
                request,
                _("%(name)s is now %(role)s.")
                % {
                    "name": membership.user.get_full_name() or membership.user.username,
                    "role": membership.get_role_display(),
                },
            )
            return HttpResponseRedirect(_page_url(municipality))
    by_user: dict[int, list[Membership]] = defaultdict(list)
    for membership in memberships_of_municipality(actor=actor, municipality=municipality):
        by_user[membership.user_id].append(membership)
    enrolled = totp_enrolled_user_ids(users=staff)
    resettable = staff_within_scope(actor=actor, users=staff)
    rows = [
        {
            "user": user,
            "memberships": by_user[user.pk],
            "enrolled": user.pk in enrolled,
            "resettable": user.pk in resettable,
        }
        for user in staff
    ]
    events = staff_access_events_of(actor=actor, municipality=municipality)[:EVENTS_SHOWN]
    return render(
        request,
        "web/staff_roles.html",
        {"municipality": municipality, "rows": rows, "form": form, "events": events},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@permission_required(Permission.TENANCY_MANAGE)
def staff_role_revoke_view(
    request: HttpRequest, municipality_id: int, membership_id: int
) -> HttpResponse:
    actor = actor_from_request(request)
    municipality = _managed(actor, municipality_id)
    try:
        staff_role_revoke(actor=actor, municipality=municipality, membership_id=membership_id)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The role is revoked."))
    return HttpResponseRedirect(_page_url(municipality))


@require_POST
@permission_required(Permission.TENANCY_MANAGE)
def staff_two_factor_reset_view(
    request: HttpRequest, municipality_id: int, user_id: int
) -> HttpResponse:
    actor = actor_from_request(request)
    municipality = _managed(actor, municipality_id)
    try:
        staff_two_factor_reset(actor=actor, municipality=municipality, user_id=user_id)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Two-step verification is reset: they set it up again at their next sign-in."),
        )
    return HttpResponseRedirect(_page_url(municipality))
