"""Back-office pages of contact moments.

The quick-capture form (/backoffice/contacten/nieuw/) records a contact at the counter or on
the phone in at most three fields: the channel starts at the staff member's last choice,
the resident comes from the 360° view (or a search on the page), the subject and the
summary are typed. Everything else waits behind "More details". It works without
JavaScript; htmx only answers the resident search in place.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from loket.audit.models import AccessChannel, AccessPurpose
from loket.catalog.selectors import products_all
from loket.crm.forms import FORM_FIELD_OF, ContactMomentForm
from loket.crm.models import ContactChannel, ContactDirection
from loket.crm.selectors import (
    contact_channel_last_used,
    contact_moment_get_visible,
    contact_moment_read_for_purpose,
    mail_of_contact,
    recording_municipalities,
)
from loket.crm.services import contact_moment_record
from loket.people.models import Person
from loket.people.selectors import person_get_visible, persons_search
from loket.tenancy.access import Actor, actor_from_request, permission_required
from loket.tenancy.permissions import Permission
from loket.web.form_errors import errors_onto_form
from loket.web.htmx import render_page_or_partial
from loket.web.purpose import STAFF_PURPOSES, PurposeWording, purpose_asked, purpose_page

RESULTS_TARGET = "contact-resident-results"
CONTACT_DETAIL = gettext_noop("contact moment")
CONTACT_PURPOSE = PurposeWording(
    title=gettext_lazy("Why do you open this contact moment?"),
    lead=gettext_lazy(
        "What a resident told us is personal data. Your name, the time and the reason are "
        "recorded, and the resident can see them."
    ),
    missing=gettext_lazy("Choose the reason for opening this contact moment."),
    submit=gettext_lazy("Open the contact moment"),
    back=gettext_lazy("Back to the search"),
    parent=gettext_lazy("Resident search"),
    current=gettext_lazy("Contact moment"),
)
# The channel that goes with the reason the 360° view was opened for.
CHANNEL_OF_PURPOSE = {
    AccessPurpose.COUNTER_VISIT: ContactChannel.COUNTER,
    AccessPurpose.PHONE_CALL: ContactChannel.PHONE,
}


def _purpose_value(value: str | None) -> str:
    return value if value in dict(STAFF_PURPOSES) else ""


def _initial_channel(actor: Actor, asked: str, purpose: str) -> str:
    if asked in ContactChannel.values:
        return asked
    if purpose in CHANNEL_OF_PURPOSE:
        return CHANNEL_OF_PURPOSE[AccessPurpose(purpose)]
    return contact_channel_last_used(actor=actor) or ContactChannel.PHONE


def _person(actor: Actor, value: str | None) -> Person | None:
    """The resident a link names (`?person=`): 404 when the actor may not find them."""
    if not value:
        return None
    if not value.isdigit():
        raise Http404
    return person_get_visible(
        actor=actor, person_id=int(value), permission=Permission.PEOPLE_SEARCH
    )


def _choices(actor: Actor) -> list[tuple[int, str]]:
    return [(m.pk, m.name) for m in recording_municipalities(actor=actor)]


def _recorded(request: HttpRequest, person: Person | None, purpose: str) -> HttpResponse:
    messages.success(request, _("The contact is recorded."))
    if person is not None and purpose:
        target = reverse("people:resident-detail", args=[person.pk])
        return redirect(f"{target}?{urlencode({'purpose': purpose})}#resident-timeline")
    return redirect("crm:new")


@permission_required(Permission.CRM_RECORD)
def contact_new(request: HttpRequest) -> HttpResponse:
    """Record a contact. GET `?person=` (from the 360° view, with its `purpose`) starts with
    the resident chosen; `?q=` searches residents (htmx asks for the results only)."""
    actor = actor_from_request(request)
    source = request.POST if request.method == "POST" else request.GET
    purpose = _purpose_value(source.get("purpose"))
    query = request.GET.get("q", "").strip()
    choices = _choices(actor)
    person = _person(actor, source.get("person"))
    results = persons_search(actor=actor, query=query) if query and person is None else []
    if request.method == "POST":
        form = ContactMomentForm(request.POST, actor=actor, municipality_choices=choices)
        if form.is_valid():
            try:
                contact_moment_record(
                    actor=actor,
                    contact=form.contact_input(),
                    municipality_id=form.cleaned_data.get("municipality"),
                )
            except ValidationError as error:
                _errors_onto(form, error)
            else:
                return _recorded(request, person, purpose)
        status = 400
    else:
        default_municipality = next(
            (pk for pk, _name in choices if person is not None and pk == person.municipality_id),
            choices[0][0] if choices else None,
        )
        form = ContactMomentForm(
            initial={
                "person": person.pk if person is not None else None,
                "municipality": default_municipality,
                "channel": _initial_channel(actor, request.GET.get("channel", ""), purpose),
            },
            actor=actor,
            municipality_choices=choices,
        )
        status = 200
    context: dict[str, Any] = {
        "form": form,
        "person": person,
        "purpose": purpose,
        "query": query,
        "results": results,
        "products": [product.name for product in products_all().order_by("code")],
    }
    return render_page_or_partial(
        request,
        "crm/backoffice/new.html",
        "crm/backoffice/_resident_results.html",
        context,
        target=RESULTS_TARGET,
        status=status,
    )


def _errors_onto(form: ContactMomentForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        renamed: dict[str, list[Any]] = {}
        for field, field_errors in error.error_dict.items():
            renamed.setdefault(FORM_FIELD_OF.get(field, field), []).extend(field_errors)
        error = ValidationError(renamed)
    errors_onto_form(form, error)


@permission_required(Permission.CRM_VIEW)
def contact_detail(request: HttpRequest, contact_moment_id: int) -> HttpResponse:
    """One contact moment. One about a resident is opened for a stated purpose (access log)."""
    actor = actor_from_request(request)
    contact = contact_moment_get_visible(actor=actor, contact_moment_id=contact_moment_id)
    purpose = None
    if contact.person_id is not None:
        purpose = purpose_asked(request)
        if purpose is None:
            return purpose_page(
                request, wording=CONTACT_PURPOSE, back_url=reverse("people:resident-search")
            )
        contact = contact_moment_read_for_purpose(
            actor=actor,
            contact_moment_id=contact_moment_id,
            purpose=purpose,
            what=CONTACT_DETAIL,
            channel=AccessChannel.WEB,
        )
    place = contact.municipality_id
    shown = {
        "case": actor.has(Permission.CASES_VIEW, place),
        "report": actor.has(Permission.REPORTS_VIEW, place),
        "appointment": actor.has(Permission.APPOINTMENTS_VIEW, place),
        "payment": actor.has(Permission.PAYMENTS_VIEW, place),
    }
    mail = mail_of_contact(contact=contact) if contact.email_message_id else None
    can_reply = (
        mail is not None
        and contact.direction == ContactDirection.INBOUND
        and contact.person_id is not None
        and actor.has(Permission.CRM_RECORD, place)
    )
    return render(
        request,
        "crm/backoffice/detail.html",
        {
            "contact": contact,
            "purpose": purpose or "",
            "shown": shown,
            "mail": mail,
            "can_reply": can_reply,
        },
    )
