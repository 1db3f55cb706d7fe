"""Back office: staff sign-in, overview, resident search and the resident 360 view."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from loket.audit.models import AccessChannel
from loket.audit.selectors import access_log_of_person
from loket.identity.forms import ThrottledAuthenticationForm
from loket.identity.services import SESSION_KEY as RESIDENT_SESSION_KEY
from loket.people.selectors import (
    address_current,
    addresses_of,
    consents_of,
    person_get_visible,
    person_read_for_purpose,
    persons_search,
)
from loket.tenancy.access import SIGNED_IN, actor_from_request, permission_required, public
from loket.tenancy.permissions import Permission
from loket.tenancy.selectors import memberships_of_user
from loket.web.htmx import render_page_or_partial
from loket.web.middleware import SESSION_LANGUAGE_KEY
from loket.web.purpose import PurposeWording, purpose_asked, purpose_page
from loket.web.resident_history import resident_history

ACCESS_LOG_SUMMARY = 10
RESIDENT_DETAIL = gettext_noop("resident detail")
RESIDENT_PURPOSE = PurposeWording(
    title=_("Why do you open this record?"),
    lead=_(
        "Personal data may only be read for a reason. Your name, the time and the reason "
        "are recorded, and the resident can see them."
    ),
    missing=_("Choose the reason for opening this record."),
    submit=_("Open the record"),
    back=_("Back to the search"),
    parent=_("Resident search"),
    current=_("Resident"),
)


class StaffLoginView(LoginView):
    template_name = "web/staff_login.html"
    redirect_authenticated_user = True
    authentication_form = ThrottledAuthenticationForm

    @classmethod
    def as_view(cls, **initkwargs: Any) -> Any:
        return public(super().as_view(**initkwargs))

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        # One identity per browser session, and the staff member's own language.
        self.request.session.pop(RESIDENT_SESSION_KEY, None)
        self.request.session[SESSION_LANGUAGE_KEY] = form.get_user().preferred_language
        self.request.session.set_expiry(settings.LOKET_STAFF_SESSION_IDLE_SECONDS)
        return response

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)
        lockout = getattr(form, "lockout", None)
        if lockout is not None:
            response.status_code = 429
            response["Retry-After"] = str(lockout.retry_after_seconds)
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
            "can_audit": actor.has(Permission.AUDIT_VIEW),
        },
    )


@permission_required(Permission.PEOPLE_SEARCH)
def resident_search(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    query = request.GET.get("q", "").strip()
    results = persons_search(actor=actor, query=query) if query else []
    return render_page_or_partial(
        request,
        "web/resident_search.html",
        "web/_resident_results.html",
        {"query": query, "results": results},
    )


@permission_required(Permission.PEOPLE_VIEW)
def resident_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    purpose = purpose_asked(request)
    if purpose is None:
        person_get_visible(actor=actor, person_id=person_id)  # another municipality: 404
        return purpose_page(
            request, wording=RESIDENT_PURPOSE, back_url=reverse("web:resident-search")
        )
    read = person_read_for_purpose(
        actor=actor,
        person_id=person_id,
        purpose=purpose,
        what=RESIDENT_DETAIL,
        channel=AccessChannel.WEB,
        with_household=True,
    )
    person = read.person
    show_360 = read.household is not None
    context: dict[str, Any] = {
        "person": person,
        "purpose": purpose,
        "address": address_current(person=person),
        "addresses": list(addresses_of(person=person)),
        "show_360": show_360,
    }
    if show_360:
        context["household"] = read.household
        context["consents"] = consents_of(person=person)
        context["access_log"] = list(access_log_of_person(person=person)[:ACCESS_LOG_SUMMARY])
        context["history"] = resident_history(actor=actor, person=person)
    return render(request, "web/resident_detail.html", context)
