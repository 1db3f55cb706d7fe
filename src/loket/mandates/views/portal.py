"""/mijn/machtigingen/: give, see and revoke mandates; choose whom to act for."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from loket.catalog.selectors import products_for_municipality
from loket.mandates.forms import MandateForm
from loket.mandates.selectors import (
    ACTING_FOR_KEY,
    acting_for,
    mandates_given,
    mandates_received,
    representation_by_key,
    representations_of,
)
from loket.mandates.services import mandate_create, mandate_revoke
from loket.people.models import Person
from loket.people.selectors import organisations_visible_to
from loket.tenancy.access import Actor, actor_from_request
from loket.web.form_errors import errors_onto_form
from loket.web.resident_sign_in import resident_sign_in_redirect


def _resident(request: HttpRequest) -> Actor | None:
    actor = actor_from_request(request)
    return actor if actor.is_resident and actor.person_id is not None else None


def my_mandates(request: HttpRequest) -> HttpResponse:
    actor = _resident(request)
    if actor is None or actor.person_id is None:
        return resident_sign_in_redirect(request)
    person = Person.objects.select_related("municipality").get(pk=actor.person_id)
    language = get_language() or "nl"
    choices = [
        (offer.code, offer.product.name_in(language))
        for offer in products_for_municipality(municipality=person.municipality)
    ]
    status = 200
    if request.method == "POST":
        form = MandateForm(request.POST, product_choices=choices)
        if form.is_valid():
            try:
                mandate_create(
                    actor=actor,
                    mandatee_national_number=form.cleaned_data["mandatee_national_number"],
                    product_codes=form.cleaned_data["products"],
                    valid_until=form.cleaned_data["valid_until"],
                )
            except ValidationError as error:
                errors_onto_form(form, error)
            else:
                messages.success(request, _("The mandate is recorded."))
                return redirect("mandates:my-mandates")
        status = 400
    else:
        form = MandateForm(product_choices=choices)
    today = timezone.localdate()
    return render(
        request,
        "mandates/portal/my_mandates.html",
        {
            "form": form,
            "given": list(mandates_given(actor=actor)),
            "received": list(mandates_received(actor=actor)),
            "representations": representations_of(person_id=actor.person_id, today=today),
            "acting": acting_for(
                actor=actor, session_value=request.session.get(ACTING_FOR_KEY), today=today
            ),
            "organisations": list(organisations_visible_to(actor=actor)),
            "today": today,
        },
        status=status,
    )


@require_POST
def my_mandate_revoke(request: HttpRequest, mandate_id: int) -> HttpResponse:
    actor = _resident(request)
    if actor is None:
        return resident_sign_in_redirect(request)
    mandate_revoke(actor=actor, mandate_id=mandate_id)
    messages.success(request, _("The mandate is revoked."))
    return redirect("mandates:my-mandates")


@require_POST
def acting_as(request: HttpRequest) -> HttpResponse:
    """Choose whom to act for: oneself (empty), someone the register or a mandate names, or
    an organisation the register names the resident a representative of (404 for anyone
    else). The signed-in resident stays the one who acts."""
    actor = _resident(request)
    if actor is None or actor.person_id is None:
        return resident_sign_in_redirect(request)
    value = request.POST.get("subject", "")
    if value and value != str(actor.person_id):
        representation = representation_by_key(
            person_id=actor.person_id, key=value, today=timezone.localdate()
        )
        # A person by their id, an organisation as "o<id>" (Representation.key).
        request.session[ACTING_FOR_KEY] = (
            representation.key if representation.organisation else representation.subject.pk
        )
        messages.info(
            request, _("You are now acting for %(name)s.") % {"name": representation.name}
        )
    else:
        request.session.pop(ACTING_FOR_KEY, None)
        messages.info(request, _("You are acting for yourself again."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = ""
    return redirect(target or "mandates:my-mandates")
