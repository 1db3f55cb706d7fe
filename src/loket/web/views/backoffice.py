"""Back office: staff sign-in, overview, resident search and the resident 360 view."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import logout
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from loket.audit.models import AccessChannel, AccessPurpose
from loket.audit.selectors import access_log_of_person
from loket.audit.services import access_log_record
from loket.identity.services import SESSION_KEY as RESIDENT_SESSION_KEY
from loket.people.selectors import (
    address_current,
    addresses_of,
    consents_of,
    household_of,
    person_get_visible,
    persons_search,
)
from loket.tenancy.access import SIGNED_IN, actor_from_request, permission_required, public
from loket.tenancy.permissions import Permission
from loket.tenancy.selectors import memberships_of_user
from loket.web.middleware import SESSION_LANGUAGE_KEY
from loket.web.resident_history import resident_history

ACCESS_LOG_SUMMARY = 10
# Reasons a staff member can give in the back office (automated exchanges use the API).
WEB_PURPOSES = [
    (value, label) for value, label in AccessPurpose.choices if value != AccessPurpose.INTEGRATION
]
RESIDENT_DETAIL = gettext_noop("resident detail")


class StaffLoginView(LoginView):
    template_name = "web/staff_login.html"
    redirect_authenticated_user = True

    @classmethod
    def as_view(cls, **initkwargs: Any) -> Any:
        return public(super().as_view(**initkwargs))

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        # One identity per browser session, and the staff member's own language.
        self.request.session.pop(RESIDENT_SESSION_KEY, None)
        self.request.session[SESSION_LANGUAGE_KEY] = form.get_user().preferred_language
        return response


@public
@require_POST
def staff_logout(request: HttpRequest) -> HttpResponse:
    language = request.session.get(SESSION_LANGUAGE_KEY)
    logout(request)
    if language:
        request.session[SESSION_LANGUAGE_KEY] = language
    return redirect("web:staff-login")


@permission_required(SIGNED_IN)
def backoffice_home(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    memberships = list(memberships_of_user(user=actor.user)) if actor.user is not None else []
    return render(
        request,
        "web/backoffice_home.html",
        {
            "memberships": memberships,
            "can_search": actor.has(Permission.PEOPLE_SEARCH),
        },
    )


@permission_required(Permission.PEOPLE_SEARCH)
def resident_search(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    query = request.GET.get("q", "").strip()
    results = persons_search(actor=actor, query=query) if query else []
    context = {"query": query, "results": results}
    htmx = getattr(request, "htmx", None)
    partial = htmx is not None and bool(htmx) and not htmx.history_restore_request
    template = "web/_resident_results.html" if partial else "web/resident_search.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@permission_required(Permission.PEOPLE_VIEW)
def resident_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    person = person_get_visible(actor=actor, person_id=person_id)
    purpose = request.GET.get("purpose", "")
    if purpose not in dict(WEB_PURPOSES):
        return render(
            request,
            "web/resident_purpose.html",
            {
                "person": person,
                "purposes": WEB_PURPOSES,
                "purpose_missing": "purpose" in request.GET,
            },
        )
    access_log_record(
        actor=actor,
        person=person,
        purpose=purpose,
        what=RESIDENT_DETAIL,
        channel=AccessChannel.WEB,
    )
    show_360 = actor.has(Permission.PEOPLE_VIEW_360, person.municipality_id)
    context: dict[str, Any] = {
        "person": person,
        "purpose": AccessPurpose(purpose),
        "address": address_current(person=person),
        "addresses": list(addresses_of(person=person)),
        "show_360": show_360,
    }
    if show_360:
        context["household"] = household_of(person=person)
        context["consents"] = consents_of(person=person)
        context["access_log"] = list(access_log_of_person(person=person)[:ACCESS_LOG_SUMMARY])
        context["history"] = resident_history(actor=actor, person=person)
    return render(request, "web/resident_detail.html", context)
