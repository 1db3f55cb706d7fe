"""Back-office pages of the assistant: questions to learn from, questions handed over to
the contact centre, and the FAQ entries (under /backoffice/assistent/)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from loket.assistant.documents import faq_key, product_key
from loket.assistant.forms import FaqEntryForm, LearnForm
from loket.assistant.models import AskedQuestion, FaqEntry
from loket.assistant.selectors import (
    asked_question_get_visible,
    asked_questions_to_review,
    faq_entries_for_learning,
    faq_entries_visible_to,
    faq_entry_get_visible,
    municipalities_for_knowledge,
)
from loket.assistant.teaching import faq_entry_save, question_dismiss, question_learn
from loket.catalog.selectors import products_all
from loket.tenancy.access import Actor, actor_from_request, permission_required
from loket.tenancy.permissions import Permission
from loket.web.pagination import page_of

PAGE_SIZE = 30


def _product_choices() -> list[tuple[str, str]]:
    return [(product.code, product.name) for product in products_all()]


def _targets(
    actor: Actor,
    question: AskedQuestion,
    products: list[tuple[str, str]] | None = None,
    faqs_by_municipality: dict[int | None, list[tuple[str, str]]] | None = None,
) -> list[tuple[str, str]]:
    """What a question may be taught as: the FAQ entries of its municipality (and the
    region's), then every product. The caches keep a page at a fixed number of queries."""
    if products is None:
        products = [(product_key(code), name) for code, name in _product_choices()]
    cache = faqs_by_municipality if faqs_by_municipality is not None else {}
    if question.municipality_id not in cache:
        cache[question.municipality_id] = [
            (faq_key(entry.pk), _("FAQ: %(question)s") % {"question": _faq_title(entry)})
            for entry in faq_entries_for_learning(
                actor=actor, municipality_id=question.municipality_id
            )
        ]
    return cache[question.municipality_id] + products


def _faq_title(entry: FaqEntry) -> str:
    phrasings = list(entry.phrasings.all())
    return phrasings[0].text if phrasings else str(entry)


@permission_required(Permission.ASSISTANT_VIEW_QUESTIONS)
def review_list(request: HttpRequest) -> HttpResponse:
    """Questions the assistant did not answer, or answered with low confidence."""
    actor = actor_from_request(request)
    page = page_of(request, asked_questions_to_review(actor=actor), per_page=PAGE_SIZE)
    can_teach = actor.has(Permission.ASSISTANT_MANAGE_KNOWLEDGE)
    rows = []
    products = [(product_key(code), name) for code, name in _product_choices()]
    faqs: dict[int | None, list[tuple[str, str]]] = {}
    for question in page.object_list:
        form = None
        if can_teach and (
            question.municipality_id is None
            or actor.has(Permission.ASSISTANT_MANAGE_KNOWLEDGE, question.municipality_id)
        ):
            targets = _targets(actor, question, products, faqs)
            suggested = question.alternatives[0] if question.alternatives else ""
            form = LearnForm(
                targets=targets, initial={"target": suggested}, prefix=f"q{question.pk}"
            )
        rows.append({"question": question, "form": form})
    return render(request, "assistant/backoffice/review_list.html", {"page": page, "rows": rows})


def _asked_or_404(request: HttpRequest, question_id: int) -> AskedQuestion:
    question = asked_question_get_visible(
        actor=actor_from_request(request), question_id=question_id
    )
    if question is None:
        raise Http404
    return question


@require_POST
@permission_required(Permission.ASSISTANT_MANAGE_KNOWLEDGE)
def question_learn_view(request: HttpRequest, question_id: int) -> HttpResponse:
    """Turn a question into a new phrasing of a product or FAQ entry (one action)."""
    actor = actor_from_request(request)
    question = _asked_or_404(request, question_id)
    form = LearnForm(request.POST, targets=_targets(actor, question), prefix=f"q{question.pk}")
    if form.is_valid():
        try:
            question_learn(
                actor=actor,
                asked_question=question,
                target=form.cleaned_data["target"],
                text=form.cleaned_data["text"] or None,
            )
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Learned. The assistant uses this phrasing from now on."))
    else:
        messages.error(request, _("Choose what the question is about."))
    return HttpResponseRedirect(reverse("assistant:review"))


@require_POST
@permission_required(Permission.ASSISTANT_MANAGE_KNOWLEDGE)
def question_dismiss_view(request: HttpRequest, question_id: int) -> HttpResponse:
    question = _asked_or_404(request, question_id)
    try:
        question_dismiss(actor=actor_from_request(request), asked_question=question)
    except PermissionDenied:
        raise Http404 from None
    messages.success(request, _("The question is set aside."))
    return HttpResponseRedirect(reverse("assistant:review"))


@permission_required(Permission.ASSISTANT_MANAGE_KNOWLEDGE)
def faq_list(request: HttpRequest) -> HttpResponse:
    entries = faq_entries_visible_to(actor=actor_from_request(request))
    page = page_of(request, entries, per_page=PAGE_SIZE)
    rows = [{"entry": entry, "title": _faq_title(entry)} for entry in page.object_list]
    return render(request, "assistant/backoffice/faq_list.html", {"page": page, "rows": rows})


@permission_required(Permission.ASSISTANT_MANAGE_KNOWLEDGE)
def faq_edit(request: HttpRequest, entry_id: int | None = None) -> HttpResponse:
    actor = actor_from_request(request)
    entry = None
    if entry_id is not None:
        entry = faq_entry_get_visible(actor=actor, entry_id=entry_id)
        if entry is None:
            raise Http404
    municipalities = municipalities_for_knowledge(actor=actor)
    form_arguments: dict[str, Any] = {
        "municipalities": municipalities,
        "products": _product_choices(),
    }
    if request.method == "POST":
        form = FaqEntryForm(request.POST, **form_arguments)
        if form.is_valid():
            data = form.cleaned_data
            municipality = data["municipality"]
            region_id = municipality.region_id if municipality else _region_of(actor, entry)
            try:
                faq_entry_save(
                    actor=actor,
                    region_id=region_id,
                    municipality=municipality,
                    answers={
                        language: data[f"answer_{language}"] for language in ("nl", "fr", "en")
                    },
                    phrasings={
                        language: data[f"phrasings_{language}"] for language in ("nl", "fr", "en")
                    },
                    product_code=data["product_code"],
                    entry=entry,
                    is_active=data["is_active"],
                )
            except PermissionDenied:
                form.add_error("municipality", _("You may not edit the FAQ of the whole region."))
            except ValidationError as error:
                for name, field_errors in error.message_dict.items():
                    form.add_error(name if name in form.fields else None, field_errors)
            else:
                messages.success(request, _("The FAQ entry is saved."))
                return HttpResponseRedirect(reverse("assistant:faq-list"))
    else:
        initial = FaqEntryForm.initial_for(entry) if entry else {"is_active": True}
        form = FaqEntryForm(initial=initial, **form_arguments)
    return render(
        request,
        "assistant/backoffice/faq_edit.html",
        {"form": form, "entry": entry},
        status=400 if request.method == "POST" else 200,
    )


def _region_of(actor: Actor, entry: FaqEntry | None) -> int:
    if entry is not None:
        return entry.region_id
    regions = sorted(actor.region_ids(Permission.ASSISTANT_MANAGE_KNOWLEDGE))
    if not regions:
        raise PermissionDenied
    return regions[0]
