"""Knowledge articles in the back office (/backoffice/kennisbank/): search, read, write, and
the versions of an article."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from loket.catalog.selectors import products_all
from loket.crm.contact_centre.forms import ArticleForm
from loket.crm.contact_centre.knowledge import (
    MANAGE,
    ArticleInput,
    knowledge_article_get_visible,
    knowledge_article_save,
    knowledge_articles_editable,
    knowledge_search,
)
from loket.crm.contact_centre.models import KnowledgeArticle
from loket.crm.contact_centre.versions import knowledge_article_versions
from loket.tenancy.access import Actor, actor_from_request, permission_required
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission
from loket.web.form_errors import errors_onto_form
from loket.web.htmx import render_page_or_partial


@permission_required(Permission.CRM_VIEW)
def article_list(request: HttpRequest) -> HttpResponse:
    """Search the articles (every word, in any language); without words the newest."""
    actor = actor_from_request(request)
    query = request.GET.get("q", "")[:200]
    product = request.GET.get("product", "")[:60]
    context = {
        "articles": knowledge_search(actor=actor, query=query, product_code=product),
        "query": query,
        "product": product,
        "products": products_all().order_by("name_nl"),
        "can_write": actor.has(MANAGE),
    }
    return render_page_or_partial(
        request,
        "crm/backoffice/knowledge/list.html",
        "crm/backoffice/knowledge/_results.html",
        context,
        target="knowledge-results",
    )


def _form(actor: Actor, data: Any = None, initial: Any = None) -> ArticleForm:
    municipalities = Municipality.objects.filter(pk__in=actor.municipality_ids(MANAGE)).order_by(
        "name_nl"
    )
    return ArticleForm(
        data,
        initial=initial,
        municipalities=[(m.pk, m.name) for m in municipalities],
        products=[(p.code, p.name) for p in products_all().order_by("name_nl")],
    )


def _save(
    request: HttpRequest, actor: Actor, form: ArticleForm, article_id: int | None
) -> KnowledgeArticle | None:
    if not form.is_valid():
        return None
    data = form.cleaned_data
    try:
        return knowledge_article_save(
            actor=actor,
            article_id=article_id,
            data=ArticleInput(
                title=data["title"],
                body=data["body"],
                language=data["language"],
                municipality_id=data["municipality"],
                product_codes=list(data["products"]),
                is_active=data["is_active"],
            ),
        )
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            error = ValidationError(
                {
                    {"municipality_id": "municipality", "product_codes": "products"}.get(k, k): v
                    for k, v in error.error_dict.items()
                }
            )
        errors_onto_form(form, error)
        return None


@permission_required(MANAGE)
def article_new(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    if request.method == "POST":
        form = _form(actor, request.POST)
        article = _save(request, actor, form, None)
        if article is not None:
            messages.success(request, _("The article was saved."))
            return HttpResponseRedirect(reverse("crm:knowledge-article", args=[article.pk]))
        status = 400
    else:
        form, status = _form(actor), 200
    return render(
        request,
        "crm/backoffice/knowledge/edit.html",
        {"form": form, "article": None},
        status=status,
    )


@permission_required(Permission.CRM_VIEW)
def article_detail(request: HttpRequest, article_id: int) -> HttpResponse:
    """The article; its form for staff who may change it."""
    actor = actor_from_request(request)
    article = knowledge_article_get_visible(actor=actor, article_id=article_id)
    editable = knowledge_articles_editable(actor=actor).filter(pk=article.pk).exists()
    form = None
    status = 200
    if editable:
        initial = {
            "title": article.title,
            "body": article.body,
            "language": article.language,
            "municipality": article.municipality_id,
            "products": [p.code for p in article.products.all()],
            "is_active": article.is_active,
        }
        if request.method == "POST":
            form = _form(actor, request.POST)
            if _save(request, actor, form, article.pk) is not None:
                messages.success(request, _("The article was saved."))
                return HttpResponseRedirect(reverse("crm:knowledge-article", args=[article.pk]))
            status = 400
        else:
            form = _form(actor, initial=initial)
    elif request.method == "POST":
        status = 403
    return render(
        request,
        "crm/backoffice/knowledge/edit.html"
        if editable
        else "crm/backoffice/knowledge/article.html",
        {"form": form, "article": article},
        status=status,
    )


@permission_required(Permission.CRM_VIEW)
def article_versions(request: HttpRequest, article_id: int) -> HttpResponse:
    """Every version of the article, newest first, with who saved it, when and what changed."""
    article, versions = knowledge_article_versions(
        actor=actor_from_request(request), article_id=article_id
    )
    return render(
        request,
        "crm/backoffice/knowledge/versions.html",
        {"article": article, "versions": versions},
    )
