"""The assistant on the portal: the page /assistent/ (works without JavaScript), the
widget's htmx answer, and the visitor's e-mail address or phone number after a hand-over."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from loket.assistant.forms import AskForm, MunicipalityChoiceForm, ReachForm
from loket.assistant.handover import QuestionNotFound
from loket.assistant.models import Conversation
from loket.assistant.services import assistant_ask, contact_question_reach_set
from loket.catalog.selectors import product_offer_get
from loket.people.selectors import persons_visible_to
from loket.tenancy.access import actor_from_request
from loket.tenancy.selectors import municipalities_public
from loket.web.htmx import wants_partial

SESSION_FIELD = "assistant_session"


def _session_key(request: HttpRequest) -> str:
    key = request.session.get(SESSION_FIELD)
    if not isinstance(key, str):
        key = uuid.uuid4().hex
        request.session[SESSION_FIELD] = key
    return key


def _product_in(municipality: Any, code: str) -> HttpResponse | None:
    """After choosing the municipality for a product the assistant answered about: its
    request form when it can be requested online, else its page."""
    offer = product_offer_get(municipality=municipality, code=code) if code else None
    if offer is None:
        return None
    if offer.is_online:
        return HttpResponseRedirect(reverse("cases:request", args=[municipality.slug, code]))
    return HttpResponseRedirect(reverse("catalog:product", args=[municipality.slug, code]))


def _resident_municipality(request: HttpRequest) -> Any:
    """The municipality of the signed-in resident, if any."""
    actor = actor_from_request(request)
    if not actor.is_resident or actor.person_id is None:
        return None
    person = (
        persons_visible_to(actor=actor)
        .filter(pk=actor.person_id)
        .select_related("municipality")
        .first()
    )
    return person.municipality if person is not None else None


def _municipality_choice(municipality: Any) -> MunicipalityChoiceForm | None:
    """Without a municipality, the page offers to choose one: a GET form on this page, so
    the conversation (kept in the session) goes on."""
    if municipality is not None:
        return None
    municipalities = municipalities_public().order_by("name_nl")
    return MunicipalityChoiceForm(municipalities=municipalities, auto_id="assistant-%s")


def _choose(request: HttpRequest, context: dict[str, Any], choice: str, municipality: Any) -> int:
    """The visitor picked one of the offered choices (a link or a button), or none."""
    try:
        context["reply"] = assistant_ask(
            choice=choice, municipality=municipality, session_key=_session_key(request)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return 400
    context["reach_form"] = ReachForm(auto_id="reach-%s")
    return 200


def assistant_page(request: HttpRequest) -> HttpResponse:
    """Ask a question and read the answer; the conversation so far stays on the page.

    The offered choices are links (`?choice=<key>`) on this page and buttons in the
    widget; "none of these" is a button (it hands the question over)."""
    context: dict[str, Any] = {"hide_assistant_widget": True}
    data = request.POST if request.method == "POST" else request.GET
    slug = data.get("municipality") or request.GET.get("municipality") or ""
    municipality = municipalities_public().filter(slug=slug).first() if slug else None
    if municipality is not None and request.method == "GET":
        redirect = _product_in(municipality, request.GET.get("product", "")[:60])
        if redirect is not None:
            return redirect
    municipality = municipality or _resident_municipality(request)
    context["municipality"] = municipality
    context["product"] = request.GET.get("product", "")[:60]
    status = 200
    choice = data.get("choice") or ""
    form = AskForm(initial={"municipality": slug})
    if choice:
        status = _choose(request, context, choice[:80], municipality)
        if wants_partial(request):
            context["form"] = form
            return render(request, "assistant/portal/_answer.html", context, status=status)
    elif request.method == "POST":
        form = AskForm(request.POST)
        if form.is_valid():
            try:
                context["reply"] = assistant_ask(
                    question=form.cleaned_data["question"],
                    municipality=municipality,
                    session_key=_session_key(request),
                    hint=(get_language() or "nl")[:2],
                )
            except ValidationError as error:
                form.add_error("question", error.messages)
                status = 400
            else:
                context["reply_question"] = form.cleaned_data["question"]
                context["reach_form"] = ReachForm(auto_id="reach-%s")
                form = AskForm(initial={"municipality": slug})
        else:
            status = 400
        if wants_partial(request):
            context["form"] = form
            return render(request, "assistant/portal/_answer.html", context, status=status)
    key = request.session.get(SESSION_FIELD)
    conversation = Conversation.objects.filter(key=key).first() if isinstance(key, str) else None
    municipality = municipality or (conversation.municipality if conversation else None)
    if choice and "reply" in context and conversation is not None and conversation.turns:
        context["reply_question"] = conversation.turns[-1].get("question", "")
    context.update(
        {
            "form": form,
            "municipality": municipality,
            "municipality_choice": _municipality_choice(municipality),
            "turns": conversation.turns[:-1]
            if conversation and "reply" in context
            else (conversation.turns if conversation else []),
        }
    )
    return render(request, "assistant/portal/page.html", context, status=status)


@require_POST
def contact_reach(request: HttpRequest, contact_question_id: int) -> HttpResponse:
    """The visitor leaves an e-mail address or phone number for a handed-over question."""
    form = ReachForm(request.POST, auto_id="reach-%s")
    saved = False
    if form.is_valid():
        try:
            contact_question_reach_set(
                contact_question_id=contact_question_id,
                session_key=str(request.session.get(SESSION_FIELD) or ""),
                email=form.cleaned_data["email"],
                phone=form.cleaned_data["phone"],
            )
        except QuestionNotFound:
            raise Http404 from None
        except ValidationError as error:
            for name, field_errors in error.message_dict.items():
                form.add_error(name if name in form.fields else None, field_errors)
        else:
            saved = True
    if saved and not wants_partial(request):
        messages.success(request, _("Thank you. A staff member will answer you."))
        return HttpResponseRedirect(reverse("assistant:ask"))
    context = {"reach_form": form, "contact_question_id": contact_question_id, "saved": saved}
    template = (
        "assistant/portal/_reach.html" if wants_partial(request) else "assistant/portal/reach.html"
    )
    return render(request, template, context, status=200 if saved else 400)
