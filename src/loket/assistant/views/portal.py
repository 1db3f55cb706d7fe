"""The assistant on the portal: the page /assistent/ (works without JavaScript) and the
widget's htmx answer."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from loket.assistant.forms import AskForm
from loket.assistant.models import Conversation
from loket.assistant.services import assistant_ask
from loket.tenancy.selectors import municipalities_public
from loket.web.htmx import wants_partial

SESSION_FIELD = "assistant_session"


def _session_key(request: HttpRequest) -> str:
    key = request.session.get(SESSION_FIELD)
    if not isinstance(key, str):
        key = uuid.uuid4().hex
        request.session[SESSION_FIELD] = key
    return key


def assistant_page(request: HttpRequest) -> HttpResponse:
    """Ask a question and read the answer; the conversation so far stays on the page."""
    context: dict[str, Any] = {"hide_assistant_widget": True}
    slug = request.POST.get("municipality") or request.GET.get("municipality") or ""
    municipality = municipalities_public().filter(slug=slug).first() if slug else None
    status = 200
    if request.method == "POST":
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
                form = AskForm(initial={"municipality": slug})
        else:
            status = 400
        if wants_partial(request):
            context["form"] = form
            return render(request, "assistant/portal/_answer.html", context, status=status)
    else:
        form = AskForm(initial={"municipality": slug})
    key = request.session.get(SESSION_FIELD)
    conversation = Conversation.objects.filter(key=key).first() if isinstance(key, str) else None
    context.update(
        {
            "form": form,
            "municipality": municipality or (conversation.municipality if conversation else None),
            "turns": conversation.turns[:-1]
            if conversation and "reply" in context
            else (conversation.turns if conversation else []),
        }
    )
    return render(request, "assistant/portal/page.html", context, status=status)
