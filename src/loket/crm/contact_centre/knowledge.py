"""Knowledge articles: what contact-centre staff answer with (reads and writes).

An article is one municipality's or the whole region's, in one language, linked to
catalogue products. Staff with crm.view read the articles of their municipalities and of
their regions; crm.manage_knowledge writes them (region-wide articles need it
region-wide). Search is PostgreSQL full text, like the documents search: title (weight A)
and text (weight B) in the article's own language, queried in every language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import F, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from loket.catalog.selectors import products_all
from loket.crm.contact_centre.models import (
    TITLE_MAX_LENGTH,
    ContactQuestion,
    KnowledgeArticle,
    KnowledgeArticleVersion,
)
from loket.documents.languages import ALL_CONFIGS, SEARCH_CONFIGS
from loket.documents.selectors import search_query
from loket.tenancy.access import Actor, ActorKind
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission

VIEW = Permission.CRM_VIEW
MANAGE = Permission.CRM_MANAGE_KNOWLEDGE
BODY_MAX_LENGTH = 20_000
SEARCH_LIMIT = 20
BESIDE_QUESTION = 5
_WORD = re.compile(r"\w{3,}")

_INDEX = """
UPDATE crm_knowledgearticle
SET search_vector = setweight(to_tsvector(%s::regconfig, title), 'A')
                 || setweight(to_tsvector(%s::regconfig, body), 'B')
WHERE id = %s
"""


def _staff(actor: Actor) -> bool:
    return actor.kind in {ActorKind.STAFF, ActorKind.INTEGRATION}


def knowledge_articles_visible_to(*, actor: Actor) -> QuerySet[KnowledgeArticle]:
    """The articles of the actor's municipalities and the regional ones of their regions."""
    if not _staff(actor):
        return KnowledgeArticle.objects.none()
    ids = actor.municipality_ids(VIEW)
    regions = Municipality.objects.filter(pk__in=ids).values("region_id")
    return KnowledgeArticle.objects.filter(
        Q(municipality_id__in=ids) | Q(municipality__isnull=True, region_id__in=regions)
    )


def knowledge_articles_editable(*, actor: Actor) -> QuerySet[KnowledgeArticle]:
    if not _staff(actor):
        return KnowledgeArticle.objects.none()
    return KnowledgeArticle.objects.filter(
        Q(municipality_id__in=actor.municipality_ids(MANAGE))
        | Q(municipality__isnull=True, region_id__in=actor.region_ids(MANAGE))
    )


def knowledge_article_get_visible(*, actor: Actor, article_id: int) -> KnowledgeArticle:
    article = (
        knowledge_articles_visible_to(actor=actor)
        .select_related("municipality", "region", "updated_by")
        .prefetch_related("products")
        .filter(pk=article_id)
        .first()
    )
    if article is None:
        raise Http404
    return article


def knowledge_article_get_editable(*, actor: Actor, article_id: int) -> KnowledgeArticle:
    article = knowledge_articles_editable(actor=actor).filter(pk=article_id).first()
    if article is None:
        raise Http404
    return article


def knowledge_search(
    *, actor: Actor, query: str, product_code: str = "", limit: int = SEARCH_LIMIT
) -> list[KnowledgeArticle]:
    """Active articles matching the words (every word, in any language), best first; without
    words, the newest. Optionally only those linked to a product."""
    rows = knowledge_articles_visible_to(actor=actor).filter(is_active=True)
    if product_code:
        rows = rows.filter(products__code=product_code)
    rows = rows.select_related("municipality").prefetch_related("products")
    text = " ".join(query.split())[:200]
    if not text:
        return list(rows.order_by("-updated_at", "-pk")[:limit])
    ts_query = search_query(text)
    return list(
        rows.filter(search_vector=ts_query)
        .annotate(rank=SearchRank(F("search_vector"), ts_query))
        .order_by("-rank", "title", "pk")[:limit]
    )


def _any_word(text: str) -> SearchQuery | None:
    words = sorted(set(_WORD.findall(text.casefold())))[:16]
    if not words:
        return None
    raw = " | ".join(words)
    query: SearchQuery | None = None
    for config in ALL_CONFIGS:
        part = SearchQuery(raw, search_type="raw", config=config)
        query = part if query is None else query | part
    return query


def knowledge_for_question(
    *, actor: Actor, question: ContactQuestion, limit: int = BESIDE_QUESTION
) -> list[KnowledgeArticle]:
    """The articles to show beside a question: those linked to its product first, then
    those matching any of its words, of its municipality and its region (two queries)."""
    rows = (
        knowledge_articles_visible_to(actor=actor)
        .filter(is_active=True)
        .filter(
            Q(municipality_id=question.municipality_id)
            | Q(municipality__isnull=True, region_id=question.municipality.region_id)
        )
    )
    found: list[KnowledgeArticle] = []
    if question.product_id is not None:
        found = list(rows.filter(products=question.product_id).order_by("title", "pk")[:limit])
    words = _any_word(question.question)
    if words is not None and len(found) < limit:
        found += list(
            rows.filter(search_vector=words)
            .exclude(pk__in=[article.pk for article in found])
            .annotate(rank=SearchRank(F("search_vector"), words))
            .order_by("-rank", "title", "pk")[: limit - len(found)]
        )
    return found


@dataclass(frozen=True)
class ArticleInput:
    title: str
    body: str
    language: str = "nl"
    municipality_id: int | None = None  # None: an article of the whole region
    product_codes: list[str] = field(default_factory=list)
    is_active: bool = True


def _article_region(
    actor: Actor, data: ArticleInput, article: KnowledgeArticle | None, errors: dict[str, Any]
) -> int | None:
    if data.municipality_id is not None:
        municipality = Municipality.objects.filter(
            pk=data.municipality_id, pk__in=actor.municipality_ids(MANAGE)
        ).first()
        if municipality is None:
            errors["municipality_id"] = [_("Choose one of your municipalities.")]
            return None
        return municipality.region_id
    regions = sorted(actor.region_ids(MANAGE))
    if article is not None and article.region_id in regions:
        return article.region_id
    if len(regions) == 1:
        return regions[0]
    errors["municipality_id"] = [_("Only staff of the whole region write the region's articles.")]
    return None


def _article_texts(data: ArticleInput, errors: dict[str, Any]) -> None:
    title = " ".join(data.title.split())
    body = data.body.strip()
    if not title:
        errors["title"] = [_("Give the article a title.")]
    elif len(title) > TITLE_MAX_LENGTH:
        errors["title"] = [
            _("Keep the title under %(max)s characters.") % {"max": TITLE_MAX_LENGTH}
        ]
    if not body:
        errors["body"] = [_("Write the text of the article.")]
    elif len(body) > BODY_MAX_LENGTH:
        errors["body"] = [_("Keep the text under %(max)s characters.") % {"max": BODY_MAX_LENGTH}]
    if data.language not in SEARCH_CONFIGS:
        errors["language"] = [_("Choose nl, fr or en.")]


def knowledge_article_save(
    *, actor: Actor, data: ArticleInput, article_id: int | None = None
) -> KnowledgeArticle:
    """Create or change an article. The municipality is one where the actor manages the
    knowledge; a regional article needs that grant region-wide. Every problem is named on
    its field and nothing is written."""
    if not _staff(actor) or not actor.has(MANAGE):
        raise PermissionDenied
    article = (
        knowledge_article_get_editable(actor=actor, article_id=article_id)
        if article_id is not None
        else None
    )
    errors: dict[str, list[Any]] = {}
    region_id = _article_region(actor, data, article, errors)
    _article_texts(data, errors)
    codes = sorted(set(data.product_codes))
    products = list(products_all().filter(code__in=codes))
    if len(products) != len(codes):
        errors["product_codes"] = [_("There is no such product in the catalogue.")]
    if errors or region_id is None:
        raise ValidationError(errors)
    with transaction.atomic():
        if article is None:
            article = KnowledgeArticle(region_id=region_id, version=1)
        else:
            article = KnowledgeArticle.objects.select_for_update().get(pk=article.pk)
            article.version += 1
        article.region_id = region_id
        article.municipality_id = data.municipality_id
        article.title = " ".join(data.title.split())
        article.body = data.body.strip()
        article.language = data.language
        article.is_active = data.is_active
        article.updated_by = actor.user
        article.save()
        article.products.set(products)
        KnowledgeArticleVersion.objects.create(
            article=article,
            number=article.version,
            title=article.title,
            body=article.body,
            language=article.language,
            municipality_id=article.municipality_id,
            is_active=article.is_active,
            product_codes=codes,
            saved_by=actor.user,
        )
        config = SEARCH_CONFIGS[data.language]
        with connection.cursor() as cursor:
            cursor.execute(_INDEX, [config, config, article.pk])
    return article
