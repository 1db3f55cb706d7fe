"""The secretary's settings around meetings: where a meeting is streamed live and where
its recording is, the body's usual live stream, and the account a member signs in to the
councillors' portal with. Objects through the actor's selectors (404 out of reach)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from loket.council.forms import AccountLinkForm, BodyLivestreamForm, MeetingLinksForm
from loket.council.selectors import body_get_visible, mandates_of_body, meeting_get_visible
from loket.council.services import body_livestream_set, meeting_links_set, member_account_link
from loket.tenancy.access import actor_from_request, permission_required
from loket.tenancy.permissions import Permission

P = Permission


def _refused(request: HttpRequest, error: ValidationError | str) -> None:
    text = " ".join(error.messages) if isinstance(error, ValidationError) else error
    messages.error(request, text)


@require_POST
@permission_required(P.COUNCIL_PREPARE)
def meeting_links(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    found = meeting_get_visible(actor=actor, meeting_id=meeting_id, permission=P.COUNCIL_PREPARE)
    form = MeetingLinksForm(request.POST)
    if not form.is_valid():
        _refused(request, _("Enter a web address (https://…)."))
        return redirect("council:backoffice-meeting", meeting_id=found.pk)
    try:
        meeting_links_set(actor=actor, meeting_id=found.pk, **form.cleaned_data)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The links were saved."))
    return redirect("council:backoffice-meeting", meeting_id=found.pk)


@require_POST
@permission_required(P.COUNCIL_MANAGE)
def body_livestream(request: HttpRequest, body_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    found = body_get_visible(actor=actor, body_id=body_id, permission=P.COUNCIL_MANAGE)
    form = BodyLivestreamForm(request.POST)
    if not form.is_valid():
        _refused(request, _("Enter a web address (https://…)."))
        return redirect("council:backoffice-body", body_id=found.pk)
    try:
        body_livestream_set(
            actor=actor, body_id=found.pk, livestream_url=form.cleaned_data["livestream_url"]
        )
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The live stream was saved."))
    return redirect("council:backoffice-body", body_id=found.pk)


@require_POST
@permission_required(P.COUNCIL_MANAGE)
def body_account(request: HttpRequest, body_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    found = body_get_visible(actor=actor, body_id=body_id, permission=P.COUNCIL_MANAGE)
    form = AccountLinkForm(request.POST, mandates=mandates_of_body(body=found))
    if not form.is_valid():
        _refused(request, _("Choose a member and enter an account."))
        return redirect("council:backoffice-body", body_id=found.pk)
    try:
        member_account_link(
            actor=actor,
            body_id=found.pk,
            mandate_id=form.cleaned_data["mandate"],
            username=form.cleaned_data["username"],
        )
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The account was linked to the member."))
    return redirect("council:backoffice-body", body_id=found.pk)
