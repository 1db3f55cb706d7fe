"""Submitting a request on a resident's behalf, at the counter or by phone.

The clerk finds the resident, chooses the product and the channel, and fills in the same
form the resident would, with what the register knows shown pre-filled. The case records
the channel and the clerk.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext_lazy, gettext_noop
from django.utils.translation import gettext as _

from loket.audit.models import AccessChannel, AccessPurpose
from loket.cases.kept_uploads import KEPT_FIELD, kept_merge, kept_uploads_read, uploads_keep
from loket.cases.models import CaseChannel
from loket.cases.selectors import applicant_register_read
from loket.cases.services import IdempotencyConflict, case_submit, request_context
from loket.cases.views.request_form import errors_of, form_page_context, posted_answers
from loket.catalog.formdefs.answers import AnswerContext
from loket.catalog.formdefs.prefill import MANUAL_FIELDS, RegisterPrefill
from loket.catalog.selectors import (
    form_definition_current,
    form_spec,
    product_offer_get,
    products_for_municipality,
)
from loket.mandates.selectors import (
    counter_consent_in_session,
    organisation_representation_get,
    organisation_representations_of,
)
from loket.mandates.services import counter_consent_record
from loket.people.authentic_sources import AuthenticSourceError
from loket.people.models import Organisation, Person
from loket.people.selectors import person_get_visible, persons_search
from loket.tenancy.access import Actor, actor_from_request, permission_required
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission

ASSISTED_CHANNELS = (CaseChannel.COUNTER, CaseChannel.PHONE)
REGISTER_READ = gettext_noop("register data for a request")
CONSENTS_KEY = "loket_counter_consents"
CONSENT_MISSING = gettext_lazy(
    "Ask the resident whether they agree that you register the request for them, and tick the box."
)


def _municipalities(actor: Actor) -> list[Municipality]:
    return list(
        Municipality.objects.filter(
            pk__in=actor.municipality_ids(Permission.CASES_SUBMIT_ON_BEHALF)
        ).order_by("name_nl")
    )


def _municipality(actor: Actor, value: str | None) -> Municipality:
    municipalities = _municipalities(actor)
    chosen = next((m for m in municipalities if str(m.pk) == value), None)
    if chosen is None and municipalities:
        chosen = municipalities[0]
    if chosen is None:
        raise Http404
    return chosen


def _channel(value: str | None) -> str:
    return value if value in ASSISTED_CHANNELS else CaseChannel.COUNTER


@permission_required(Permission.CASES_SUBMIT_ON_BEHALF, Permission.PEOPLE_SEARCH)
def counter_start(request: HttpRequest) -> HttpResponse:
    """Find the resident, then choose the product and the channel."""
    actor = actor_from_request(request)
    municipality = _municipality(actor, request.GET.get("municipality"))
    query = request.GET.get("q", "").strip()
    person = None
    person_id = request.GET.get("person", "")
    if person_id.isdigit():
        person = person_get_visible(
            actor=actor, person_id=int(person_id), permission=Permission.PEOPLE_SEARCH
        )
        code = request.GET.get("product", "")
        if code and product_offer_get(municipality=municipality, code=code) is not None:
            query_string = urlencode(
                {
                    "municipality": str(municipality.pk),
                    "channel": _channel(request.GET.get("channel")),
                }
            )
            target = reverse("cases:counter-form", args=[person.pk, code])
            return HttpResponseRedirect(f"{target}?{query_string}")
    context: dict[str, Any] = {
        "municipalities": _municipalities(actor),
        "municipality": municipality,
        "query": query,
        "results": persons_search(actor=actor, query=query) if query and person is None else [],
        "person": person,
        "offers": products_for_municipality(municipality=municipality) if person else [],
        "channels": [(c.value, c.label) for c in ASSISTED_CHANNELS],
        "channel": _channel(request.GET.get("channel")),
    }
    return render(request, "cases/backoffice/counter_start.html", context)


def _register_context(
    request: HttpRequest,
    actor: Actor,
    person: Person,
    municipality: Municipality,
    channel: str,
    language: str,
) -> tuple[RegisterPrefill | None, AnswerContext, str]:
    """What the register knows (read into the access log when the form is shown), or, when
    the authentic source cannot answer, no prefill and the message asking for manual entry:
    the clerk then types the identity from the identity document."""
    today, language = timezone.localdate(), get_language() or language
    try:
        if request.method == "POST":
            prefill, context = request_context(applicant=person, today=today, language=language)
        else:
            prefill, context = applicant_register_read(
                actor=actor,
                applicant=person,
                municipality_id=municipality.pk,
                purpose=AccessPurpose.PHONE_CALL
                if channel == CaseChannel.PHONE
                else AccessPurpose.COUNTER_VISIT,
                what=REGISTER_READ,
                channel=AccessChannel.WEB,
                today=today,
                language=language,
            )
    except AuthenticSourceError as error:
        empty = AnswerContext(today=today, household=(), language=language)
        return None, empty, str(error.user_message)
    return prefill, context, ""


def _session_consent(request: HttpRequest, actor: Actor, person: Person) -> Any:
    """The resident's consent, once per session of this clerk (the consent's time and clerk
    are recorded with every case registered under it)."""
    session_consents = request.session.get(CONSENTS_KEY)
    return counter_consent_in_session(
        actor=actor,
        person_id=person.pk,
        consent_id=session_consents.get(str(person.pk))
        if isinstance(session_consents, dict)
        else None,
    )


def _consent_given(
    request: HttpRequest, actor: Actor, person: Person, municipality: Municipality
) -> Any:
    """Record the consent the clerk ticked; refuse the request without it."""
    if request.POST.get("consent") != "yes":
        raise ValidationError(CONSENT_MISSING)
    return counter_consent_record(actor=actor, person=person, municipality=municipality)


def _organisation_chosen(person: Person, value: str) -> Organisation | None:
    """The organisation the request is made in the name of: one the register names the
    resident a representative of (404 for any other id); None for the resident personally."""
    if not value:
        return None
    if not value.isascii() or not value.isdigit():
        raise Http404
    representation = organisation_representation_get(
        person_id=person.pk, organisation_id=int(value)
    )
    return representation.organisation


@permission_required(Permission.CASES_SUBMIT_ON_BEHALF, Permission.PEOPLE_SEARCH)
def counter_form(request: HttpRequest, person_id: int, code: str) -> HttpResponse:
    """The request form, filled in by staff for the resident in front of them."""
    actor = actor_from_request(request)
    source = request.POST if request.method == "POST" else request.GET
    municipality = _municipality(actor, source.get("municipality"))
    channel = _channel(source.get("channel"))
    person = person_get_visible(
        actor=actor, person_id=person_id, permission=Permission.PEOPLE_SEARCH
    )
    offer = product_offer_get(municipality=municipality, code=code)
    if offer is None:
        raise Http404
    definition = form_definition_current(product=offer.product)
    if definition is None:
        raise Http404
    form = form_spec(definition)
    language = person.preferred_language
    manual = {name: source.get(name, "") for name in MANUAL_FIELDS}
    prefill, answer_context, source_error = _register_context(
        request, actor, person, municipality, channel, language
    )
    if source_error and request.method == "GET":
        manual.update(manual_first_names=person.first_names, manual_last_name=person.last_name)
    consent = _session_consent(request, actor, person)
    organisations = (
        [r.organisation for r in organisation_representations_of(person_id=person.pk)]
        if offer.product.open_to_organisations
        else []
    )
    organisation = _organisation_chosen(person, source.get("organisation", ""))
    values: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    other_errors: list[str] = []
    token = source.get("token") or str(uuid.uuid4())
    status = 200
    files: dict[str, list[dict[str, Any]]] = {}
    if request.method == "POST":
        values, uploads = posted_answers(form, request)
        kept, files = kept_uploads_read(actor=actor, values=request.POST.getlist(KEPT_FIELD))
        if source_error and (not manual["manual_first_names"] or not manual["manual_last_name"]):
            other_errors = [_("Fill in the first names and last name from the identity document.")]
            status = 400
        try:
            if status == 400:
                raise ValidationError(other_errors)
            with transaction.atomic():
                consent = consent or _consent_given(request, actor, person, municipality)
                result = case_submit(
                    actor=actor,
                    municipality=municipality,
                    product_code=offer.code,
                    applicant=person,
                    answers=values,
                    idempotency_key=token,
                    uploads=[*uploads, *kept],
                    channel=channel,
                    language=language,
                    counter_consent=consent,
                    manual=manual,
                    organisation=organisation,
                )
        except IdempotencyConflict:
            messages.warning(request, _("This request was already registered."))
            return redirect("cases:queue")
        except AuthenticSourceError as error:
            source_error = str(error.user_message)
            other_errors = [source_error]
            status = 503
        except ValidationError as error:
            errors, other_errors = errors_of(error)
            status = 400
            files = kept_merge(
                files,
                uploads_keep(
                    actor=actor,
                    municipality=municipality,
                    uploads=uploads,
                    concerns_person=person,
                    errors=errors,
                ),
            )
        else:
            consents = request.session.get(CONSENTS_KEY)
            consents = dict(consents) if isinstance(consents, dict) else {}
            consents[str(person.pk)] = consent.pk
            request.session[CONSENTS_KEY] = consents
            messages.success(
                request,
                _("Request %(number)s is registered for %(name)s.")
                % {"number": result.case.number, "name": person.full_name},
            )
            return redirect("cases:detail", case_id=result.case.pk)
    context = form_page_context(
        form=form,
        prefill=prefill,
        context=answer_context,
        values=values,
        errors=errors,
        files=files,
        non_field_errors=other_errors,
    )
    context.update(
        {
            "municipality": municipality,
            "offer": offer,
            "person": person,
            "channel": channel,
            "channel_label": CaseChannel(channel).label,
            "token": token,
            "consent": consent,
            "source_error": source_error,
            "manual": manual,
            "organisations": organisations,
            "chosen_organisation": organisation.pk if organisation else None,
        }
    )
    return render(request, "cases/backoffice/counter_form.html", context, status=status)
